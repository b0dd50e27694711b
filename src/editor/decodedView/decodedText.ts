/**
 * The text of a decoded-token document: JSON with comments (`jsonc`), header and payload pretty-printed,
 * each time claim annotated in words, status and warnings on top. Pure; no `vscode` import.
 */
import { decodeToken, type DecodedToken } from '../../core/decode';
import { describeError } from '../../core/errors';
import { explainToken, type TokenExplanation } from '../../core/explain';
import type { TimeZoneChoice } from '../../core/time';
import { oneLine } from '../markdown';

/** Options for {@link renderDecodedDocument}. */
export interface DecodedTextOptions {
  now?: Date;
  timeZone?: TimeZoneChoice;
  /** Where the token came from, for the first line ("tokens.json, line 3", "the clipboard"). */
  origin?: string;
}

const TIME_CLAIMS = new Set(['exp', 'nbf', 'iat']);

/**
 * The decoded document for `token`; for a malformed one, a comment with the engine's message.
 * Parsing the result as JSON after removing `//` comment lines and trailing comments gives
 * `{ header, payload }` (JWS) or `{ header, encrypted }` (JWE).
 *
 * @example
 * renderDecodedDocument('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.', { origin: 'the clipboard' });
 */
export function renderDecodedDocument(token: string, options: DecodedTextOptions = {}): string {
  const from = options.origin ? ` from ${options.origin}` : '';
  let decoded: DecodedToken;
  try {
    decoded = decodeToken(token);
  } catch (e) {
    return `${comment(`This is not a valid JWT${from}: ${describeError(e)}`)}\n{}\n`;
  }
  const e = explainToken(decoded, options.now ?? new Date(), { timeZone: options.timeZone ?? 'local' });
  const lines = [
    comment(`${decoded.kind === 'jwe' ? 'JWE' : 'JWT'}${e.algorithm ? ` (${e.algorithm})` : ''} decoded${from}. ${decoded.kind === 'jwe' ? 'Not decrypted: only the protected header is readable.' : 'The signature is not verified.'}`),
    comment(`Status: ${e.statusText}`),
    ...e.warnings.map(w => comment(`${w.severity === 'info' ? 'Note' : w.severity === 'error' ? 'Error' : 'Warning'}: ${w.message}`)),
    '{',
    `  "header": ${indent(JSON.stringify(decoded.header, null, 2))},`,
  ];
  if (decoded.kind === 'jwe') {
    const size = (s: string): number => Math.floor((s.length * 3) / 4);
    lines.push(
      `  "encrypted": {`,
      `    "encryptedKeyBytes": ${size(decoded.encryptedKey)},`,
      `    "ivBytes": ${size(decoded.iv)},`,
      `    "ciphertextBytes": ${size(decoded.ciphertext)},`,
      `    "tagBytes": ${size(decoded.tag)} ${comment('the claims are encrypted: decrypt with the key to read them')}`,
      '  }',
    );
  } else if (typeof decoded.payload === 'string') {
    lines.push(`  "payload": ${JSON.stringify(decoded.payload)} ${comment('not a JSON claims set')}`);
  } else {
    lines.push(`  "payload": ${payloadObject(decoded.payload, e)}`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** The payload object with a comment after each numeric exp/nbf/iat: its date and relative wording. */
function payloadObject(payload: Record<string, unknown>, e: TokenExplanation): string {
  const entries = Object.entries(payload);
  if (entries.length === 0) return '{}';
  const texts = new Map(e.claims.map(c => [c.name, c.text]));
  const body = entries.map(([name, value], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const note = TIME_CLAIMS.has(name) && typeof value === 'number' ? ` ${comment(texts.get(name) ?? '')}` : '';
    return `    ${JSON.stringify(name)}: ${indent(JSON.stringify(value, null, 2) ?? 'null', 4)}${comma}${note}`;
  });
  return ['{', ...body, '  }'].join('\n');
}

function indent(json: string, spaces = 2): string {
  return json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

function comment(text: string): string {
  return `// ${oneLine(text)}`;
}

/**
 * The JSON of a decoded document without its comments, for tests and for copying: drops `//` comment
 * lines and a `//` comment after a value (only outside strings).
 */
export function stripJsonComments(text: string): string {
  return text
    .split('\n')
    .map(line => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const c = line.charAt(i);
        if (c === '\\' && inString) i++;
        else if (c === '"') inString = !inString;
        else if (!inString && c === '/' && line.charAt(i + 1) === '/') return line.slice(0, i).trimEnd();
      }
      return line;
    })
    .join('\n');
}
