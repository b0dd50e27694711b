/**
 * The few assertions the web tests need. `node:assert` does not exist in VS Code for the Web's
 * web-worker extension host (the bundle replaces every `node:*` import with a stub that throws),
 * so these throw a plain `AssertionError` with a message that shows what was compared.
 */

/** Thrown by every assertion below; mocha reports its message. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
}

/** Fails the test with `message`. */
export function fail(message: string): never {
  throw new AssertionError(message);
}

/**
 * Asserts that `value` is truthy.
 * @example ok(text.includes('RS256'), text)
 */
export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
}

/** Asserts `actual === expected`. */
export function equal<T>(actual: T, expected: T, message?: string): void {
  if (actual !== expected) fail(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

/** Asserts that `text` matches `re`. */
export function match(text: string, re: RegExp, message?: string): void {
  if (!re.test(text)) fail(`${message ? `${message}: ` : ''}expected ${show(text)} to match ${String(re)}`);
}

/** Structural equality of JSON-like values (objects, arrays, primitives); key order does not matter. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/**
 * Asserts that two JSON-like values have the same structure and values.
 * @example deepEqual(JSON.parse(view), { sub: 'alice@example.com' })
 */
export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!same(actual, expected)) fail(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}
