/**
 * Finding compact JWS/JWE tokens in free text (source, logs, .env, HTTP traces) with one regex pass.
 * Cheap structural checks after the regex keep dotted identifiers, hostnames and version numbers out.
 */

import { WorkbenchError } from './errors';
import { requireNumber, requireString } from './arguments';
import { describeType } from './json';

/** A compact token found in a text; `start`/`end` are offsets into that text (`end` exclusive). */
export interface TokenMatch {
  kind: 'jws' | 'jwe';
  start: number;
  end: number;
  token: string;
}

/** How far past a scanned window a token crossing its edge may be followed (a hover stays cheap). */
export const MAX_EXTENSION = 64 * 1024;

/** Default half-width of the window {@link findTokenAt} looks in. */
export const DEFAULT_HOVER_WINDOW = 16 * 1024;

// A header (`eyJ` = base64url of `{"`), then 2 or 4 more dot-separated base64url parts. Everything is
// greedy and the optional JWE tail fails at once on a JWS, so a real token is matched in one linear pass.
// The lookahead allows one trailing '.' as sentence punctuation, but not a further part or a '..'.
// The left boundary is a lookbehind: without it every `eyJ` inside a long run of token characters starts a
// scan to the end of the run (quadratic: 38 s on 300 KB of `eyJeyJ…`); with it each run is scanned once.
// Part lengths and the header's closing brace are checked in code: cheaper than in the regex
// (even a counted quantifier such as {5,} costs ~8% of the whole pass).
const TOKEN_PATTERN = /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)?(?![A-Za-z0-9_-]|\.[A-Za-z0-9_.-])/g;

/** True for a base64url character or '.', i.e. a character a token may touch only if it is part of it. */
function isTokenChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || code === 95 || code === 46 // - _ .
  );
}

/** True when a base64url part of this length can be decoded (length % 4 === 1 never can). */
function decodableLength(length: number): boolean {
  return (length & 3) !== 1;
}

/**
 * A JSON header ends with '}', so its base64url form ends in 'fQ', '0' or '9' depending on its length.
 * This one test rejects nearly all `eyJxxx.example.com`-like look-alikes without decoding anything.
 */
function headerEndsWithBrace(text: string, start: number, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  switch ((end - start) & 3) {
    case 2: return last === 81 /* Q */ && text.charCodeAt(end - 2) === 102; /* f */
    case 3: return last === 48; /* 0 */
    case 0: return last === 57; /* 9 */
    default: return false;
  }
}

/**
 * Checks a regex match at [start, end) of `text` and returns its kind, or undefined when it is not a token:
 * touched on the left by a token character, a part of impossible length, a too-short JWS payload,
 * an empty JWE iv/ciphertext/tag, or a header that cannot be a JSON object.
 */
function classify(text: string, start: number, end: number, jwe: boolean): TokenMatch['kind'] | undefined {
  // The regex's lookbehind sees only its slice: at a slice edge the full text decides.
  if (start > 0 && isTokenChar(text.charCodeAt(start - 1))) return undefined;
  const dot1 = text.indexOf('.', start);
  // 8 characters encode the shortest JSON object that starts with `{"`: {"":0}
  if (dot1 - start < 8 || !headerEndsWithBrace(text, start, dot1)) return undefined;
  const dot2 = text.indexOf('.', dot1 + 1);
  if (!jwe) {
    const payload = dot2 - dot1 - 1;
    return payload >= 2 && decodableLength(payload) && decodableLength(end - dot2 - 1) ? 'jws' : undefined;
  }
  const dot3 = text.indexOf('.', dot2 + 1);
  const dot4 = text.indexOf('.', dot3 + 1);
  const iv = dot3 - dot2 - 1;
  const ciphertext = dot4 - dot3 - 1;
  const tag = end - dot4 - 1;
  return iv > 0 && ciphertext > 0 && tag > 0 &&
    decodableLength(dot2 - dot1 - 1) && decodableLength(iv) && decodableLength(ciphertext) && decodableLength(tag)
    ? 'jwe'
    : undefined;
}

/** The regex lookahead, on the full text: no token character after `end`, nor a '.' that starts another part. */
function rightBoundaryOk(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const next = text.charCodeAt(end);
  if (next !== 46) return !isTokenChar(next);
  return end + 1 >= text.length || !isTokenChar(text.charCodeAt(end + 1));
}

/** Runs the token regex over [from, to) of `text`, keeping matches that touch the window [keepFrom, keepTo). */
function scan(text: string, from: number, to: number, keepFrom: number, keepTo: number): TokenMatch[] {
  const whole = from === 0 && to === text.length;
  // A slice bounds the regex (it cannot run past `to`); offsets are mapped back below.
  const subject = whole ? text : text.slice(from, to);
  const re = TOKEN_PATTERN; // shared: scans are synchronous, so resetting lastIndex is enough
  re.lastIndex = 0;
  const found: TokenMatch[] = [];
  for (let m = re.exec(subject); m !== null; m = re.exec(subject)) {
    const start = m.index + from;
    const end = start + m[0].length;
    if (end <= keepFrom || start >= keepTo) continue;
    // At a slice edge the regex saw the end of its input; the real text may go on (a fragment, not a token).
    if (!whole && end + 1 >= to && !rightBoundaryOk(text, end)) continue;
    const kind = classify(text, start, end, m[1] !== undefined);
    if (kind) found.push({ kind, start, end, token: m[0] });
  }
  return found;
}

/**
 * Every compact JWS (3 parts; empty signature allowed for unsecured tokens) and JWE (5 parts; empty
 * encrypted key allowed for `dir`) in `text`, in order. A token must start with `eyJ` and must not be
 * glued to other base64url characters or dots (a single trailing '.' ending a sentence is fine).
 *
 * With `range`, only the window [start, end) is scanned; a token crossing its edge is followed to its
 * real boundaries, at most {@link MAX_EXTENSION} characters beyond the window.
 *
 * @example
 * findTokens('Authorization: Bearer eyJhbGciOiJub25lIn0.e30.');
 * // [{ kind: 'jws', start: 22, end: 46, token: 'eyJhbGciOiJub25lIn0.e30.' }]
 */
export function findTokens(text: string, range?: { start: number; end: number }): TokenMatch[] {
  requireString(text, 'The text to search');
  if (range === undefined) return scan(text, 0, text.length, 0, text.length);
  checkRange(range);
  const start = clamp(Math.min(range.start, range.end), 0, text.length);
  const end = clamp(Math.max(range.start, range.end), 0, text.length);
  const from = extendLeft(text, start, start - MAX_EXTENSION);
  const to = extendRight(text, end, end + MAX_EXTENSION);
  return scan(text, from, to, start, end);
}

/**
 * The token covering `offset` (or ending right at it, as a cursor just after a token), looking only
 * at the run of token characters around `offset` and never further than `window` characters either way.
 * Cost does not depend on the size of `text`: this is what a hover calls.
 *
 * @example
 * const text = 'token=eyJhbGciOiJub25lIn0.e30.';
 * findTokenAt(text, 10)?.token; // 'eyJhbGciOiJub25lIn0.e30.'
 */
export function findTokenAt(text: string, offset: number, window = DEFAULT_HOVER_WINDOW): TokenMatch | undefined {
  requireString(text, 'The text to search');
  requireNumber(offset, 'The offset');
  requireNumber(window, 'The window');
  if (!(offset >= 0 && offset <= text.length)) return undefined;
  const from = extendLeft(text, offset, offset - window);
  const to = extendRight(text, offset, offset + window);
  if (from === to) return undefined;
  // Only the run of token characters around the offset can hold the token; scan just that run.
  for (const match of scan(text, from, to, from, to)) {
    if (match.start <= offset && offset <= match.end) return match;
  }
  return undefined;
}

/** A range is `{ start, end }` with numbers (NaN and out-of-text offsets are clamped, not refused). */
function checkRange(range: unknown): void {
  const r = range as { start?: unknown; end?: unknown } | null;
  if (typeof r !== 'object' || r === null || typeof r.start !== 'number' || typeof r.end !== 'number') {
    throw new WorkbenchError('OPTION_INVALID', `The range to search must be { start, end } with two numbers; it is ${typeof r === 'object' && r !== null ? 'an object without them' : describeType(r)}.`);
  }
}

/** Moves `index` left over token characters, not below `limit` (nor 0). */
function extendLeft(text: string, index: number, limit: number): number {
  const floor = Math.max(0, limit);
  let i = index;
  while (i > floor && isTokenChar(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Moves `index` right over token characters, not beyond `limit` (nor the end of `text`). */
function extendRight(text: string, index: number, limit: number): number {
  const ceiling = Math.min(text.length, limit);
  let i = index;
  while (i < ceiling && isTokenChar(text.charCodeAt(i))) i++;
  return i;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.trunc(n))) : lo;
}
