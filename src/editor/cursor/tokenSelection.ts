/**
 * Whether a selection holds something worth the editor context menu's JWT entries. Pure (no `vscode`),
 * so the rule behind the `jwtWorkbench.tokenSelected` context key is unit-tested on its own.
 */
import { firstTokenLike } from './tokenLike';

/** Selections longer than this (in characters) are not read for the context key: it runs on every selection pause. */
export const MAX_SELECTION = 64 * 1024;

/**
 * True when a non-empty selection of `length` characters (at most {@link MAX_SELECTION}) holds text that
 * looks like a JWT ({@link firstTokenLike}) — well-formed or not, so a broken one still offers
 * *Decode Token*, which says what is wrong. `readSelection` is called only when the length qualifies.
 *
 * @example
 * const text = 'Bearer eyJhbGciOiJub25lIn0.e30.';
 * selectionHoldsToken(text.length, () => text); // true
 * selectionHoldsToken(0, () => ''); // false: a cursor is not a selection
 */
export function selectionHoldsToken(length: number, readSelection: () => string): boolean {
  if (length <= 0 || length > MAX_SELECTION) return false;
  return firstTokenLike(readSelection()) !== undefined;
}
