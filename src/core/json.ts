/**
 * JSON at the engine's edges, bounded so hostile input never reaches a raw exception: JSON read from a
 * token (nesting depth; errors that never quote the text, which may be secret) and JSON written from a
 * caller's value (cycles, BigInt, non-finite numbers and depth refused instead of thrown or silently changed).
 */
import { WorkbenchError } from './errors';
import type { WorkbenchErrorCode } from './errors';

/**
 * Deeper JSON is refused. Real headers and claims nest a few levels; `JSON.stringify` of a value nested
 * some thousands of levels overflows the stack, and every surface stringifies what it shows.
 */
export const MAX_JSON_DEPTH = 100;

/** The outcome of {@link readJson}: the value, or why not in words that never quote the text. */
export type JsonReading = { ok: true; value: unknown } | { ok: false; tooDeep: boolean; reason: string };

/**
 * Parses JSON text, refusing nesting deeper than {@link MAX_JSON_DEPTH}. The reason for a failure names a
 * position, never the text: V8's own messages quote the input, and a token's input may be a secret.
 *
 * @example
 * readJson('[[1]]'); // { ok: true, value: [[1]] }
 * readJson('{"a":'); // { ok: false, tooDeep: false, reason: 'it ends before the JSON is complete' }
 */
export function readJson(text: string): JsonReading {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, tooDeep: true, reason: `it nests deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, tooDeep: false, reason: syntaxReason(e) };
  }
}

/** True when brackets nest deeper than `max` outside strings. One pass, no allocation. */
function nestsDeeperThan(text: string, max: number): boolean {
  if (opensAtMost(text, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * True when the text has at most `max` opening brackets, so that it cannot nest deeper than `max`: claims have a
 * few, and indexOf finds them far faster than a loop over every character (verify reads every payload).
 */
function opensAtMost(text: string, max: number): boolean {
  let opens = 0;
  for (const bracket of ['{', '[']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++opens > max) return false;
  }
  return true;
}

/** Where JSON.parse stopped, from its message (which is read, never repeated: it may quote the input). */
function syntaxReason(e: unknown): string {
  const message = e instanceof Error ? e.message.slice(0, 300) : '';
  if (/Unexpected end of JSON input/.test(message)) return 'it ends before the JSON is complete';
  const at = /at position (\d{1,9})/.exec(message);
  if (at) return `the error is at character ${Number(at[1]) + 1}`;
  return 'it cannot be parsed';
}

/**
 * The JSON text of a caller's value. Refuses, with `code` and a message naming where (`what` and a path
 * such as `payload.aud[2]`): a cycle and a BigInt (JSON.stringify would throw), NaN and ±Infinity (it would
 * write null: a claim would silently change), nesting deeper than {@link MAX_JSON_DEPTH}, and a `toJSON`
 * that throws. Members JSON has no place for (undefined, functions, symbols) are dropped as JSON.stringify does.
 *
 * @example
 * toJsonText({ exp: Infinity }, 'The payload', 'PAYLOAD_INVALID');
 * // throws PAYLOAD_INVALID "The payload has Infinity at exp; JSON has no such number (it would be written as null)."
 */
export function toJsonText(value: unknown, what: string, code: WorkbenchErrorCode): string {
  const refuse = (problem: string): never => {
    throw new WorkbenchError(code, `${what} ${problem}.`);
  };
  const ancestors: object[] = [];
  const visit = (node: unknown, path: string, key: string): void => {
    let v = node;
    if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      try {
        v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
      } catch {
        refuse(`cannot be written as JSON: the value at ${where(path)} failed to convert itself (its toJSON threw)`);
      }
    }
    if (typeof v === 'bigint') refuse(`has a BigInt at ${where(path)}; JSON has no BigInt (give it as a number or a string)`);
    if (typeof v === 'number' && !Number.isFinite(v)) {
      refuse(`has ${String(v)} at ${where(path)}; JSON has no such number (it would be written as null)`);
    }
    if (typeof v !== 'object' || v === null) return;
    if (ancestors.includes(v)) refuse(`refers to itself at ${where(path)}; JSON cannot hold a cycle`);
    if (ancestors.length >= MAX_JSON_DEPTH) refuse(`nests deeper than ${MAX_JSON_DEPTH} levels (at ${where(path)})`);
    ancestors.push(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${path}[${i}]`, String(i)));
    } else {
      for (const [k, item] of Object.entries(v)) visit(item, path === '' ? shortKey(k) : `${path}.${shortKey(k)}`, k);
    }
    ancestors.pop();
  };
  try {
    visit(value, '', '');
    const text = JSON.stringify(value);
    if (typeof text !== 'string') refuse(`is ${describeType(value)}, which has no JSON form`);
    return text;
  } catch (e) {
    if (e instanceof WorkbenchError) throw e;
    // A getter or proxy that throws: the caller's own error says nothing a person can act on.
    return refuse('cannot be written as JSON (reading one of its members failed)');
  }
}

function where(path: string): string {
  if (path === '') return 'the top level';
  return path.length > 80 ? `${path.slice(0, 80)}…` : path;
}

/** A member name for a path: as is when short and plain, else cut, so a message stays short. */
function shortKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = key.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 30 ? `${clean.slice(0, 30)}…` : clean;
}

/**
 * What a value is, in words, for a message about a wrong argument ("a number", "null", "an array"). Never
 * throws and never shows the value itself.
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return 'a string';
    case 'number': return Number.isFinite(value) ? 'a number' : String(value);
    case 'bigint': return 'a BigInt';
    case 'boolean': return 'a boolean';
    case 'symbol': return 'a symbol';
    case 'function': return 'a function';
    default: return value instanceof Date ? 'a Date' : 'an object';
  }
}
