/**
 * The hover for a token, as a Markdown string plus the commands its links use. Pure (no `vscode`), so
 * it is unit-tested and benchmarked as it is; the hover provider only wraps it in a MarkdownString
 * trusted for exactly {@link HoverContent.commands}.
 */
import { Command } from '../../commands';
import { decodeToken, type DecodedToken } from '../../core/decode';
import { describeError } from '../../core/errors';
import { explainToken, type ExplainedField, type TokenExplanation, type TokenWarning } from '../../core/explain';
import type { TimeZoneChoice } from '../../core/time';
import { codeSpan, commandLink, escapeMarkdownText, truncate } from '../markdown';
import type { TokenRef } from '../tokenRef';

/** What {@link buildHoverMarkdown} returns. */
export interface HoverContent {
  markdown: string;
  /** Every command id a link in `markdown` uses: exactly what the MarkdownString may trust. */
  commands: string[];
}

/** Options for {@link buildHoverMarkdown}. */
export interface HoverOptions {
  now?: Date;
  timeZone?: TimeZoneChoice;
  /** Where the token is; without it, the hover has no command links. */
  ref?: TokenRef;
}

// Long values are cut: the hover is a summary; the decoded document shows everything.
const MAX_VALUE = 200;
const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat']);

const WARNING_ICON: Readonly<Record<TokenWarning['severity'], string>> = { error: '⛔', warning: '⚠️', info: 'ℹ️' };

/**
 * Decodes and explains `token` and lays it out for a hover: a status line, header and claims tables,
 * warnings, and links to decode/copy/open it. A malformed token gets the engine's message instead.
 *
 * @example
 * const { markdown, commands } = buildHoverMarkdown(token, { ref: { uri: 'file:///a.json', offset: 17 } });
 */
export function buildHoverMarkdown(token: string, options: HoverOptions = {}): HoverContent {
  let decoded: DecodedToken;
  try {
    decoded = decodeToken(token);
  } catch (e) {
    return { markdown: malformedMarkdown(describeError(e)), commands: [] };
  }
  const explanation = explainToken(decoded, options.now ?? new Date(), { timeZone: options.timeZone ?? 'local' });
  // What a person must see without scrolling comes first: status, warnings, actions; then the tables.
  const blocks: string[] = [statusLine(explanation)];
  if (decoded.kind === 'jwe') {
    blocks.push(`Encrypted: ${escapeMarkdownText(sizes(decoded))}. Decrypt it with its key to read the claims.`);
  }
  if (explanation.warnings.length > 0) {
    blocks.push(explanation.warnings.map(w => `- ${WARNING_ICON[w.severity]} ${escapeMarkdownText(w.message)}`).join('\n'));
  }
  const commands: string[] = [];
  if (options.ref) {
    const links = hoverLinks(decoded, options.ref);
    blocks.push(links.map(l => l.markdown).join(' · '));
    commands.push(...new Set(links.map(l => l.command)));
  }
  blocks.push(table('Header', 'Field', explanation.header));
  if (decoded.kind === 'jws') {
    blocks.push(
      explanation.claims.length > 0
        ? table('Claims', 'Claim', explanation.claims)
        : `**Payload** (not a JSON claims set): ${codeSpan(truncate(typeof decoded.payload === 'string' ? decoded.payload : '', MAX_VALUE))}`,
    );
  }
  blocks.push(decoded.kind === 'jwe' ? '_Not decrypted: only the protected header is readable._' : '_Decoded only: the signature is not verified._');
  return { markdown: blocks.join('\n\n'), commands };
}

/** The hover for text that looks like a token but is not one, with the engine's exact reason. */
export function malformedMarkdown(message: string): string {
  return `**Malformed JWT** — ${escapeMarkdownText(message)}`;
}

function statusLine(e: TokenExplanation): string {
  const kind = e.kind === 'jwe' ? 'JWE' : 'JWT';
  const alg = e.algorithm ? ` · ${codeSpan(e.algorithm)}` : '';
  return `**${kind}**${alg} — **${escapeMarkdownText(e.statusText)}**`;
}

function sizes(jwe: Extract<DecodedToken, { kind: 'jwe' }>): string {
  const bytes = (part: string): number => Math.floor((part.length * 3) / 4);
  return `${bytes(jwe.ciphertext).toLocaleString('en-US')} bytes of ciphertext, ${bytes(jwe.encryptedKey).toLocaleString('en-US')} bytes of encrypted key`;
}

function table(title: string, column: string, fields: readonly ExplainedField[]): string {
  const rows = fields.map(f => `| ${nameCell(f)} | ${valueCell(f)} |`);
  return [`**${title}**`, '', `| ${column} | Value |`, '|---|---|', ...rows].join('\n');
}

function nameCell(f: ExplainedField): string {
  return f.registered ? `${escapeMarkdownText(f.label)} ${codeSpan(f.name)}` : codeSpan(truncate(f.name, 60));
}

/**
 * Times and algorithm names are the engine's own wording (escaped text reads better); any other
 * value is the token's data and is shown verbatim in a code span.
 */
function valueCell(f: ExplainedField): string {
  const worded = (TIME_CLAIMS.has(f.name) && typeof f.value === 'number') || ((f.name === 'alg' || f.name === 'enc') && typeof f.value === 'string');
  if (worded) return escapeMarkdownText(truncate(f.text, MAX_VALUE));
  // A string is shown as itself, not as the JSON the engine words unregistered claims with.
  const shown = typeof f.value === 'string' ? f.value : f.text;
  return codeSpan(truncate(shown, MAX_VALUE)) || '_(empty)_';
}

function hoverLinks(decoded: DecodedToken, ref: TokenRef): { command: string; markdown: string }[] {
  const link = (label: string, command: string): { command: string; markdown: string } => ({
    command,
    markdown: commandLink(label, command, [ref]),
  });
  return [
    link('Decode to document', Command.decodeToken),
    link('Copy header', Command.copyHeader),
    ...(decoded.kind === 'jws' ? [link('Copy payload', Command.copyPayload)] : []),
    ...(decoded.kind === 'jws' ? [link('Verify…', Command.verifyToken)] : []),
    link('Open in sign/verify panel', Command.openInPanel),
  ];
}
