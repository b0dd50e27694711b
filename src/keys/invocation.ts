/**
 * How a Keys command was called: with an argument object (automation: keybindings, tasks, other
 * extensions, tests — no prompt, errors thrown with their code), from a row of the Keys view, or
 * from the palette (prompts). One wrapper registers every Keys command this way.
 */
import * as vscode from 'vscode';
import { WorkbenchError, describeError } from '../core';
import type { Logger } from '../log';
import { KeyNode } from './keyTreeModel';

export type Invocation =
  | { auto: true; args: Readonly<Record<string, unknown>> }
  | { auto: false; node?: KeyNode };

export function invocation(arg: unknown): Invocation {
  if (arg instanceof KeyNode) return { auto: false, node: arg };
  if (arg === undefined || arg === null) return { auto: false };
  if (typeof arg === 'object' && !Array.isArray(arg)) return { auto: true, args: arg as Record<string, unknown> };
  throw new WorkbenchError('OPTION_INVALID', 'Keys commands take one argument object, e.g. { "id": "…" }, or none.');
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', message);
}

/** A required text member of the argument object. */
export function text(args: Readonly<Record<string, unknown>>, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v === '') throw invalid(`The argument "${name}" must be non-empty text.`);
  return v;
}

/** An optional text member (absent, or non-empty text). */
export function optionalText(args: Readonly<Record<string, unknown>>, name: string): string | undefined {
  return args[name] === undefined ? undefined : text(args, name);
}

/** An optional positive whole number. */
export function optionalCount(args: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const v = args[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw invalid(`The argument "${name}" must be a positive whole number.`);
  return v;
}

/** A member that must be one of `choices`. */
export function choice<T extends string>(args: Readonly<Record<string, unknown>>, name: string, choices: readonly T[]): T {
  const v = args[name];
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw invalid(`The argument "${name}" must be one of ${choices.map(c => `"${c}"`).join(', ')}.`);
  }
  return v as T;
}

/**
 * Registers a Keys command. With an argument object, failures are thrown as they are (a
 * WorkbenchError keeps its code); otherwise they are shown with their message. Either way they are
 * logged by message only (engine messages never hold key material).
 */
export function registerKeyCommand<T>(id: string, log: Logger, handler: (call: Invocation) => Promise<T>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<T | undefined> => {
    let call: Invocation | undefined;
    try {
      call = invocation(arg);
      return await handler(call);
    } catch (e) {
      log.warn(`${id} failed: ${describeError(e)}`);
      if (!call || call.auto) throw e;
      void vscode.window.showErrorMessage(describeError(e));
      return undefined;
    }
  });
}
