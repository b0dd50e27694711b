/**
 * Finding the token under a cursor by reading only a window of its line — never the whole line or
 * document, so a hover on a 10 MB minified file costs what it costs on a small one. Pure.
 */
import { MAX_TOKEN_LENGTH } from '../../core/decode';
import { tokenLikeAt, wordAround, type TokenLike } from './tokenLike';

/** Half-width, in characters, of the window read around the cursor. */
export const HOVER_WINDOW = 16 * 1024;

/** Reads characters [start, end) of one line; may return fewer when the line is shorter. */
export type ReadLineSlice = (start: number, end: number) => string;

/** A token (or token-like text) on a line; `start`/`end` are character positions in that line. */
export type LineToken = TokenLike;

/**
 * The token at `character` of a line, reading the window [character − half, character + half) through
 * `read`: what {@link tokenLikeAt} finds there (a broken token comes without `kind`, so the caller can
 * say what is wrong).
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
  const found = tokenLikeAt(text, offset, half);
  if (!found) return undefined;
  return { found: { ...found, start: found.start + from, end: found.end + from }, cut: false };
}
