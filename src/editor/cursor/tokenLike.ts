/**
 * "Looks like a token", decided once for the whole editor surface (hover, selection context key,
 * Decode Token on a selection, Decode from Clipboard). Pure; no `vscode` import.
 *
 * Text looks like a token when the engine's finder recognises a compact JWS/JWE in it, or when it holds
 * what a person would call a broken one: a word (a run of anything but space, quotes and brackets) with
 * `eyJ` at the start of a token (not glued to base64url or a dot on its left), a header of at least
 * 10 characters, then a dot. The broken kind is still offered, so decoding it can say what is wrong.
 */
import { findTokenAt, findTokens, type TokenMatch } from '../../core/find';

/** Token-like text; `start`/`end` are offsets into the text searched. */
export interface TokenLike {
  start: number;
  end: number;
  token: string;
  /** Set when the engine's finder recognised it; absent for text that only looks like a token. */
  kind?: TokenMatch['kind'];
}

// What may sit inside something a person would call "a broken token": anything but space, quotes and brackets.
const WORD_CHAR = /[^\s"'`,;()[\]{}<>]/;
// `eyJ` right after one of these is inside a longer word, not the start of a token.
const GLUED_CHAR = /[A-Za-z0-9_.-]/;
// The shortest real header, {"alg":"x"}, is 15 characters of base64url; `eyJ.a.b` is not worth a hover.
const MIN_HEADER = 10;

/**
 * The first token-like text in `text`: a well-formed token if there is one anywhere, else the first
 * broken one. Linear in the length of `text`, also on hostile input such as `eyJeyJeyJ…` or `*eyJ*eyJ…`.
 *
 * @example
 * firstTokenLike('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln')?.kind; // undefined: broken, but token-like
 * firstTokenLike('com.example.Foo 1.2.3'); // undefined
 */
export function firstTokenLike(text: string): TokenLike | undefined {
  const match = findTokens(text)[0];
  if (match) return fromMatch(match);
  // Every pointer below only moves right, so `*eyJ*eyJ…` or many words cost one pass.
  let wordEnd = 0;
  let last = 0;
  let dot = 0;
  for (let i = text.indexOf('eyJ'); i !== -1; i = text.indexOf('eyJ', i + 1)) {
    if (i > 0 && GLUED_CHAR.test(text.charAt(i - 1))) continue;
    if (i >= wordEnd) {
      wordEnd = i;
      while (wordEnd < text.length && WORD_CHAR.test(text.charAt(wordEnd))) wordEnd++;
      last = endWithoutPunctuation(text, i, wordEnd);
    }
    if (dot < i) dot = i;
    while (dot < last && text.charCodeAt(dot) !== 46 /* . */) dot++;
    if (dot < last && dot - i >= MIN_HEADER) return { start: i, end: last, token: text.slice(i, last) };
  }
  return undefined;
}

/**
 * The token-like text covering `offset` (or ending right at it), looking at most `window` characters
 * either way: the well-formed token there, else the broken one starting at the last `eyJ` before the cursor.
 *
 * @example
 * tokenLikeAt('x = eyJhbGciOiJub25lIn0.e30.', 8)?.token; // 'eyJhbGciOiJub25lIn0.e30.'
 */
export function tokenLikeAt(text: string, offset: number, window?: number): TokenLike | undefined {
  const match = findTokenAt(text, offset, window);
  if (match) return fromMatch(match);
  const [start, end] = wordAround(text, offset);
  if (end - start < MIN_HEADER) return undefined;
  // The last `eyJ` at or before the cursor that starts a token (`token=eyJ…`, `Bearer:eyJ…`).
  let at = -1;
  for (let i = text.indexOf('eyJ', start); i !== -1 && i <= offset && i < end; i = text.indexOf('eyJ', i + 1)) {
    if (i === start || !GLUED_CHAR.test(text.charAt(i - 1))) at = i;
  }
  if (at < 0) return undefined;
  const last = endWithoutPunctuation(text, at, end);
  const dot = text.indexOf('.', at);
  return dot !== -1 && dot < last && dot - at >= MIN_HEADER ? { start: at, end: last, token: text.slice(at, last) } : undefined;
}

/** [start, end) of the word (see above) around `offset`. */
export function wordAround(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && WORD_CHAR.test(text.charAt(end))) end++;
  return [start, end];
}

function fromMatch(m: TokenMatch): TokenLike {
  return { start: m.start, end: m.end, token: m.token, kind: m.kind };
}

/** `end` moved left over trailing sentence punctuation, except one final '.' (it may be an empty signature). */
function endWithoutPunctuation(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /[.:!?]/.test(text.charAt(last - 1))) last--;
  return end - last === 1 && text.charAt(last) === '.' ? end : last;
}
