/**
 * `text` case: reading tokens out of text, against the least any reader must do.
 * - findTokens over a 10 MB log holding 10,000 tokens (JWS and JWE) vs ONE raw regex pass counting
 *   `eyJ…\.…\.…` matches (target ≤ 1.5: boundaries, kinds and offsets must cost next to nothing).
 * - findTokenAt in the middle of a 10 MB single line vs in a 10 KB file (target ≤ 1.2: a hover's cost
 *   must not grow with the file).
 * - decodeToken vs base64url + TextDecoder + JSON.parse of header and payload (target ≤ 1.5).
 */
import { base64url } from 'jose';
import { compare } from '../lib';
import type { BenchResult } from '../lib';
import { decodeToken } from '../../src/core/decode';
import { findTokenAt, findTokens } from '../../src/core/find';

/** Deterministic pseudo-random numbers (mulberry32), so every run reads the same log. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = (value: unknown): string => base64url.encode(JSON.stringify(value));

function bytes(rand: () => number, n: number): string {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return base64url.encode(out);
}

/** A JWS (HS256 or RS256) or a JWE (RSA-OAEP-256 or dir), with realistic claims and sizes. */
function makeToken(rand: () => number, i: number): string {
  const claims = {
    iss: 'https://login.example.com/realms/main',
    sub: `user-${Math.floor(rand() * 1e6)}`,
    aud: ['api://orders', 'account'],
    iat: 1795537800 + i,
    exp: 1795541400 + i,
    scope: 'openid profile orders.read',
    jti: bytes(rand, 12),
  };
  const kind = rand();
  if (kind < 0.5) return `${enc({ alg: 'RS256', typ: 'JWT', kid: 'rsa-2026' })}.${enc(claims)}.${bytes(rand, 256)}`;
  if (kind < 0.8) return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}.${bytes(rand, 32)}`;
  if (kind < 0.9) {
    return `${enc({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1' })}.${bytes(rand, 256)}.${bytes(rand, 12)}.${bytes(rand, 300)}.${bytes(rand, 16)}`;
  }
  return `${enc({ alg: 'dir', enc: 'A128GCM' })}..${bytes(rand, 12)}.${bytes(rand, 200)}.${bytes(rand, 16)}`;
}

const LOG_LINES = [
  'INFO  [http-nio-8080-exec-7] c.e.orders.OrderController - GET /api/v1/orders/48214 200 12ms',
  'DEBUG [scheduler-1] com.example.billing.InvoiceJob - run 1.2.3 finished in 3.5s, next at 17:00:00',
  'WARN  [http-nio-8080-exec-2] o.s.w.s.h.AbstractHandlerExceptionResolver - Resolved [MissingServletRequestParameterException]',
  'INFO  [main] org.hibernate.Version - HHH000412: Hibernate ORM core version 6.4.4.Final',
  'INFO  [http-nio-8080-exec-5] access - 192.0.2.55 "POST /oauth2/token HTTP/1.1" 200 1532 "-" "curl/8.5.0"',
  'ERROR [pool-3-thread-1] c.e.sync.Replicator - upstream db.internal.example.com:5432 timed out after 30000 ms',
];

/** A log of about `size` characters with `tokens` tokens spread through it, one line per entry. */
function makeLog(size: number, tokens: number): string {
  const rand = random(42);
  const lines: string[] = [];
  let length = 0;
  let made = 0;
  const every = size / tokens;
  while (length < size) {
    let line = `2026-11-23T16:${String(lines.length % 60).padStart(2, '0')}:00.123Z ${LOG_LINES[lines.length % LOG_LINES.length]}`;
    if (made < tokens && length >= made * every) {
      const token = makeToken(rand, made++);
      line += made % 3 === 0 ? ` Authorization: Bearer ${token}` : made % 3 === 1 ? ` token=${token}` : ` {"id_token":"${token}"}`;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

export async function textCase(): Promise<BenchResult[]> {
  const log = makeLog(10 * 1024 * 1024, 10_000);
  const count = findTokens(log).length;
  if (count !== 10_000) throw new Error(`the bench log should hold 10,000 tokens; findTokens found ${count}`);
  const raw = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

  const rand = random(7);
  const token = makeToken(rand, 1);
  const big = `${'a=1 '.repeat(10 * 1024 * 1024 / 8)}${token} ${'b=2 '.repeat(10 * 1024 * 1024 / 8)}`;
  const small = `${'a=1 '.repeat(10 * 1024 / 8)}${token} ${'b=2 '.repeat(10 * 1024 / 8)}`;
  const bigAt = big.indexOf(token) + 50;
  const smallAt = small.indexOf(token) + 50;

  // 1 MB of `eyJeyJ…` (no dot): each run of token characters must be scanned once, not once per `eyJ`.
  // One run costs a greedy pass and a backtrack (a few × a log line); quadratic would be ~10,000×.
  const hostile = 'eyJ'.repeat(350_000);
  const plain = log.slice(0, hostile.length);

  const rs256 = makeToken(random(1), 0);
  const [h = '', p = ''] = rs256.split('.');

  return [
    await compare('findTokens 10 MB log, 10,000 tokens', () => findTokens(log).length,
      'one raw regex pass (matchAll count)', () => {
        let n = 0;
        for (const _ of log.matchAll(raw)) n++;
        return n;
      }, { target: 1.5 }),
    await compare('findTokens 1 MB of "eyJeyJ…" (hostile)', () => findTokens(hostile).length,
      'findTokens 1 MB of the log', () => findTokens(plain).length, { target: 10 }),
    await compare('findTokenAt mid 10 MB single line', () => findTokenAt(big, bigAt),
      'findTokenAt mid 10 KB file', () => findTokenAt(small, smallAt), { target: 1.2 }),
    await compare('decodeToken RS256 JWT', () => decodeToken(rs256),
      '2× JSON.parse(TextDecoder(base64url.decode))', () => [
        JSON.parse(new TextDecoder().decode(base64url.decode(h))),
        JSON.parse(new TextDecoder().decode(base64url.decode(p))),
      ], { target: 1.5 }),
  ];
}
