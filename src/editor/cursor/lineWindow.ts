/**
 * Finding the token under a cursor by reading only a window of its line — never the whole line or
 * document, so a hover on a 10 MB minified file costs what it costs on a small one. Pure.
 */
import { findTokenAt, type TokenMatch } from '../../core/find';
import { MAX_TOKEN_LENGTH } from '../../core/decode';

/** Half-width, in characters, of the window read around the cursor. */
export const HOVER_WINDOW = 16 * 1024;

/** Reads characters [start, end) of one line; may return fewer when the line is shorter. */
export type ReadLineSlice = (start: number, end: number) => string;

/** A token (or token-like text) on a line; `start`/`end` are character positions in that line. */
export interface LineToken {
  start: number;
  end: number;
  token: string;
  /** Set when the engine's finder recognised it; absent for text that only looks like a token. */
  kind?: TokenMatch['kind'];
}

/**
 * The token at `character` of a line, reading the window [character − half, character + half) through
 * `read`. A well-formed token comes from the engine's finder; failing that, text that starts with `eyJ`
 * and has a dot (e.g. with a stray `*`) is returned without `kind`, so the caller can say what is wrong.
 *
 * @example
 * const line = 'x = eyJhbGciOiJub25lIn0.e30.';
 * tokenAtCharacter((s, e) => line.slice(s, e), 8)?.token; // 'eyJhbGciOiJub25lIn0.e30.'
 */
export function tokenAtCharacter(read: ReadLineSlice, character: number, half = HOVER_WINDOW): LineToken | undefined {
  const first = lookIn(read, character, half);
  if (!first?.cut) return first?.found;
  // The token runs past the window: read once more, wide enough for the largest token we decode.
  return lookIn(read, character, MAX_TOKEN_LENGTH + half)?.found;
}

function lookIn(read: ReadLineSlice, character: number, half: number): { found?: LineToken; cut: boolean } | undefined {
  const from = Math.max(0, character - half);
  const wanted = character + half - from;
  const text = read(from, character + half);
  const offset = character - from;
  // When the word under the cursor reaches an edge of a window that was cut short, the token
  // (if any) may go on beyond it: the caller reads a wider window once.
  const [runStart, runEnd] = wordAround(text, offset);
  if ((from > 0 && runStart === 0) || (text.length >= wanted && runEnd === text.length)) return { cut: true };
  const match = findTokenAt(text, offset, half);
  const found: LineToken | undefined = match
    ? { start: match.start, end: match.end, token: match.token, kind: match.kind }
    : suspectAt(text, offset);
  if (!found) return undefined;
  return { found: { ...found, start: found.start + from, end: found.end + from }, cut: false };
}

// What may sit inside something a person would call "a broken token": anything but space, quotes and brackets.
const SUSPECT_CHAR = /[^\s"'`,;()[\]{}<>]/;
const GLUED_CHAR = /[A-Za-z0-9_.-]/;
// The shortest real header, {"alg":"x"}, is 15 characters of base64url; `eyJ.a.b` is not worth a hover.
const MIN_HEADER = 10;

/** [start, end) of the run of non-space, non-bracket characters around `offset`. */
function wordAround(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && SUSPECT_CHAR.test(text.charAt(start - 1))) start--;
  let end = offset;
  while (end < text.length && SUSPECT_CHAR.test(text.charAt(end))) end++;
  return [start, end];
}

/**
 * Text around `offset` that looks like a token but that the finder rejected: a run of non-space,
 * non-bracket characters containing `eyJ` (not glued to base64url or a dot on its left), a header of
 * at least 10 characters, then a dot.
 */
function suspectAt(text: string, offset: number): LineToken | undefined {
  const [start, end] = wordAround(text, offset);
  if (end - start < MIN_HEADER) return undefined;
  const run = text.slice(start, end);
  // The last `eyJ` at or before the cursor that begins a word (`token=eyJ…`, `Bearer:eyJ…`).
  let at = -1;
  for (let i = run.indexOf('eyJ'); i !== -1 && start + i <= offset; i = run.indexOf('eyJ', i + 1)) {
    if (i === 0 || !GLUED_CHAR.test(run.charAt(i - 1))) at = i;
  }
  if (at < 0) return undefined;
  const candidate = run.slice(at).replace(/[.:!?]+$/, m => (m === '.' ? m : ''));
  const dot = candidate.indexOf('.');
  if (dot < MIN_HEADER) return undefined;
  return { start: start + at, end: start + at + candidate.length, token: candidate };
}
