/**
 * Checks on what callers outside TypeScript may pass to the engine's exported functions (a webview message,
 * a command argument, a script): a wrong type is an `OPTION_INVALID` WorkbenchError naming the argument,
 * never a TypeError from deep inside.
 */
import { WorkbenchError } from './errors';
import { describeType } from './json';

function wrongType(what: string, expected: string, value: unknown): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', `${what} must be ${expected}; it is ${describeType(value)}.`);
}

/** `value` when it is a string, else OPTION_INVALID ("The text to search must be a string; it is null."). */
export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw wrongType(what, 'a string', value);
  return value;
}

/** `value` when it is a number (NaN included: callers decide what it means), else OPTION_INVALID. */
export function requireNumber(value: unknown, what: string): number {
  if (typeof value !== 'number') throw wrongType(what, 'a number', value);
  return value;
}

/** `value` when it is a Date (valid or not), else OPTION_INVALID. */
export function requireDate(value: unknown, what: string): Date {
  if (!(value instanceof Date)) throw wrongType(what, 'a Date', value);
  return value;
}

/** A plain options object: `undefined` is `{}`; anything but an object (null, a number, an array) is OPTION_INVALID. */
export function requireOptions(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType(what, 'an object', value);
  return value as Record<string, unknown>;
}

/** 'local' or 'utc', else OPTION_INVALID. */
export function requireTimeZone(value: unknown, what: string): 'local' | 'utc' {
  if (value !== 'local' && value !== 'utc') {
    throw new WorkbenchError('OPTION_INVALID', `${what} must be "local" or "utc"; it is ${typeof value === 'string' ? 'another string' : describeType(value)}.`);
  }
  return value;
}
