/**
 * `editor` case: the editor surface's costs that could grow with the document.
 * - Hover: the whole pure hover path (window read through a document-like `getText(range)`, find the
 *   token at the cursor, decode, explain, build the Markdown) on a 10 MB one-line file vs a 10 KB file,
 *   token in the middle — target ≤ 1.2: a hover must not get slower with the file.
 * - CodeLens provide on a 10 MB log with ~10,000 tokens (what `provideCodeLenses` computes: the token
 *   ranges, nothing decoded) vs one raw regex pass over it — target ≤ 2.
 * - For comparison, no target: decoding and titling every token of that log (what providing did before
 *   titles moved to `resolveCodeLens`, and what diagnostics still do once per document version), and
 *   resolving one screen of 40 lenses.
 */
import { base64url } from 'jose';
import { compare, type BenchResult } from '../lib';
import { buildHoverMarkdown } from '../../src/editor/hover/hoverMarkdown';
import { tokenAtCharacter } from '../../src/editor/cursor/lineWindow';
import { findTokens } from '../../src/core/find';
import { indexToken, indexTokens, lensTitle } from '../../src/editor/expiry/tokenIndex';

const enc = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** Deterministic bytes (a linear congruential generator) so every run sees the same text. */
function bytes(seed: number, n: number): string {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return base64url.encode(out);
}

function makeToken(i: number): string {
  const claims = { iss: 'https://login.example.com', sub: `user-${i}`, aud: 'api://orders', iat: 1767225600 + i, exp: 1767229200 + i * 60, jti: bytes(i, 12) };
  if (i % 10 === 9) return `${enc({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' })}.${bytes(i, 256)}.${bytes(i + 1, 12)}.${bytes(i + 2, 300)}.${bytes(i + 3, 16)}`;
  if (i % 2 === 0) return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'rsa-2026' })}.${enc(claims)}.${bytes(i, 256)}`;
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}.${bytes(i, 32)}`;
}

const NOISE = [
  'INFO  [http-nio-8080-exec-7] c.e.orders.OrderController - GET /api/v1/orders/48214 200 12ms',
  'DEBUG [scheduler-1] com.example.billing.InvoiceJob - run 1.2.3 finished in 3.5s, next at 17:00:00',
  'INFO  [http-nio-8080-exec-5] access - 192.0.2.55 "POST /oauth2/token HTTP/1.1" 200 1532 "-" "curl/8.5.0"',
  'ERROR [pool-3-thread-1] c.e.sync.Replicator - upstream db.internal.example.com:5432 timed out after 30000 ms',
];

/** About 10 MB of log lines, one in 4 carrying a token: ~10,000 tokens. */
function makeLog(): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const line = i % 4 === 0
      ? `2026-01-01T09:00:${String(i % 60).padStart(2, '0')}Z INFO gateway authorization="Bearer ${makeToken(i / 4)}" status=200`
      : `2026-01-01T09:00:${String(i % 60).padStart(2, '0')}Z ${NOISE[i % NOISE.length] ?? ''} ${'.'.repeat(i % 40)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** A document reduced to what the hover reads: `getText` of a range within one line. */
interface LineDocument {
  lines: string[];
  getText(line: number, start: number, end: number): string;
}

function documentOf(text: string): LineDocument {
  const lines = text.split('\n');
  return { lines, getText: (line, start, end) => (lines[line] ?? '').slice(start, end) };
}

/** The hover path the provider runs, minus the `vscode` wrapping. */
function hover(doc: LineDocument, line: number, character: number): string {
  const found = tokenAtCharacter((s, e) => doc.getText(line, s, e), character);
  if (!found) throw new Error('no token under the cursor');
  return buildHoverMarkdown(found.token, { ref: { uri: 'file:///bench.log', offset: found.start }, timeZone: 'utc' }).markdown;
}

/** Places `token` in the middle of `size` characters of filler, on one line or in 80-column lines. */
function fileWithToken(token: string, size: number, oneLine: boolean): { doc: LineDocument; line: number; character: number } {
  const half = Math.floor((size - token.length) / 2);
  const filler = (n: number): string => {
    const word = 'lorem ipsum dolor sit amet, ';
    const text = word.repeat(Math.ceil(n / word.length)).slice(0, n);
    return oneLine ? text : text.replace(/(.{79}) /g, '$1\n');
  };
  const before = filler(half);
  const text = `${before} "${token}" ${filler(half)}`;
  const doc = documentOf(text);
  const line = oneLine ? 0 : before.split('\n').length - 1;
  const character = (doc.lines[line] ?? '').indexOf(token) + 20;
  return { doc, line, character };
}

export async function editorCase(): Promise<BenchResult[]> {
  const token = makeToken(42);
  const small = fileWithToken(token, 10_000, false);
  const large = fileWithToken(token, 10_000_000, true);
  const results: BenchResult[] = [];
  results.push(await compare(
    'hover 10 MB one-line file',
    () => hover(large.doc, large.line, large.character),
    'hover 10 KB file',
    () => hover(small.doc, small.line, small.character),
    { target: 1.2, minMs: 500, rounds: 5 },
  ));

  const log = makeLog();
  const raw = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
  const rawPass = (): number => {
    let n = 0;
    for (const _ of log.matchAll(raw)) n++;
    return n;
  };
  const now = new Date('2026-06-01T00:00:00Z');
  const mb = (log.length / 1e6).toFixed(1);
  const tokens = findTokens(log).length;
  results.push(await compare(
    `CodeLens provide, 10 MB log (${mb} MB, ${tokens} tokens)`,
    () => findTokens(log).length,
    'one raw regex pass',
    rawPass,
    { target: 2, minMs: 1000, rounds: 3 },
  ));
  results.push(await compare(
    `every token decoded and titled, 10 MB log`,
    () => indexTokens(log).map(t => lensTitle(t, now)),
    'one raw regex pass',
    rawPass,
    { minMs: 1000, rounds: 2 },
  ));
  const screen = findTokens(log).slice(5000, 5040);
  results.push(await compare(
    'CodeLens resolve, one screen (40 lenses)',
    () => screen.map(m => lensTitle(indexToken(m), now)),
    'one raw regex pass',
    rawPass,
    { minMs: 500, rounds: 2 },
  ));
  return results;
}
