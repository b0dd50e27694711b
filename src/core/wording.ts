/**
 * Lists in messages, bounded: a message that names things taken from input (algorithms, claims, crit
 * members) stays short whatever the input holds.
 */

/** At most this many items are named; the rest are counted. */
const MAX_ITEMS = 10;
/** And at most this many characters in all (each item is already short, e.g. quoted and cut). */
const MAX_CHARS = 300;

/**
 * The items joined with ", ", cut to {@link MAX_ITEMS} items and about {@link MAX_CHARS} characters, with
 * how many were left out: "HS256, HS384 and 998 more".
 *
 * @example
 * boundedList(['a', 'b', 'c'], 2); // "a, b and 1 more"
 */
export function boundedList(items: readonly string[], maxItems = MAX_ITEMS): string {
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (shown.length >= maxItems || length + item.length > MAX_CHARS) break;
    shown.push(item);
    length += item.length + 2;
  }
  const rest = items.length - shown.length;
  if (rest === 0) return shown.join(', ');
  return shown.length === 0 ? `${rest} items` : `${shown.join(', ')} and ${rest} more`;
}
