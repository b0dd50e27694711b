/**
 * Putting untrusted text (claim values, header fields, engine messages that quote them) into Markdown
 * without letting it become Markdown: no links, no HTML, no table breaks. Pure; no `vscode` import.
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark (and in `marked`, which
// VS Code renders hovers with). Escaping all of them is simpler than knowing which ones matter where.
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Line breaks and tabs as single spaces: a table cell or a heading must stay on one line. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}

/** `text` cut to `max` characters with an ellipsis, so one huge claim cannot fill the screen. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/**
 * Plain text that renders as itself: every punctuation character is escaped, so `[x](command:…)`,
 * `<b>`, `*`, `|` and bare URLs stay literal. Safe inside table cells too (backslashes are doubled
 * and pipes escaped, so the cell splitter never sees an unescaped `|`).
 *
 * @example
 * escapeMarkdownText('[x](command:evil)'); // "\\[x\\]\\(command\\:evil\\)"
 */
export function escapeMarkdownText(text: string): string {
  return oneLine(text).replace(ASCII_PUNCTUATION, '\\$&');
}

/**
 * A code span showing `text` verbatim on one line, safe inside a table cell: the fence is longer than
 * any run of backticks in the text, and each `|` is escaped with an odd number of backslashes (GFM
 * tables split cells before parsing code spans; in the rare value with a backslash right before a `|`, one backslash may not show).
 *
 * @example
 * codeSpan('a`b|c'); // "``a`b\\|c``"
 */
export function codeSpan(text: string): string {
  const flat = oneLine(text);
  if (flat === '') return '';
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  // Inside a code span backslashes are literal, so only the table splitter has to be satisfied:
  // make every run of backslashes before a pipe odd in length.
  const body = flat.replace(/(\\*)\|/g, (_m, slashes: string) => `${slashes}${slashes.length % 2 === 0 ? '\\' : ''}|`);
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * A `command:` link whose arguments are JSON, URI-encoded as VS Code expects. Only ever built by us,
 * with our own label; the command must also be listed in the MarkdownString's `enabledCommands`.
 */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  return `[${escapeMarkdownText(label)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}
