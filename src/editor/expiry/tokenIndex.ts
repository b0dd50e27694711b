/**
 * A token decoded into what CodeLens and diagnostics show (algorithm, exp, nbf, or what is wrong), and
 * the time-dependent wording recomputed from that as time passes. Diagnostics index every token of a
 * document; a CodeLens decodes only its own token, when VS Code resolves it (it is on screen).
 * Pure; no `vscode` import. The full {@link explainToken} is too costly for thousands of tokens
 * (it formats every claim), so this keeps only the two instants that decide the status.
 */
import { decodeToken } from '../../core/decode';
import { describeError } from '../../core/errors';
import { isNoneAlgorithm } from '../../core/algorithms';
import { timeClaimMs, timeValidity } from '../../core/explain';
import { findTokens, type TokenMatch } from '../../core/find';
import { calendarTime, relativeTime, type TimeZoneChoice } from '../../core/time';
import { truncate } from '../markdown';

/** One token of a document, as CodeLens and diagnostics need it. Offsets are into the document text. */
export interface IndexedToken {
  kind: TokenMatch['kind'];
  start: number;
  end: number;
  /** `alg` for a JWS; "alg / enc" for a JWE. */
  algorithm?: string;
  /** NumericDate claims in milliseconds since 1970; NaN when present but not a usable time ({@link timeClaimMs}). */
  expMs?: number;
  nbfMs?: number;
  /** The engine's message when the token cannot be decoded. */
  error?: string;
}

/** Where a token stands at a given instant. */
export type TokenState = 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry' | 'invalid' | 'encrypted' | 'malformed';

/**
 * Finds and decodes every token in `text` (one regex pass, then one decode per token).
 *
 * @example
 * indexTokens('a=eyJhbGciOiJub25lIn0.eyJleHAiOjF9.')[0]?.expMs; // 1000
 */
export function indexTokens(text: string): IndexedToken[] {
  return findTokens(text).map(indexToken);
}

/** Decodes one found token into an {@link IndexedToken}. */
export function indexToken(match: TokenMatch): IndexedToken {
  const base = { kind: match.kind, start: match.start, end: match.end };
  try {
    const decoded = decodeToken(match.token);
    const { alg, enc } = decoded.header;
    if (decoded.kind === 'jwe') return { ...base, algorithm: `${text(alg)} / ${text(enc)}` };
    const claims = typeof decoded.payload === 'string' ? {} : decoded.payload;
    return {
      ...base,
      ...(typeof alg === 'string' ? { algorithm: alg } : {}),
      ...numericDateMs('expMs', claims.exp),
      ...numericDateMs('nbfMs', claims.nbf),
    };
  } catch (e) {
    return { ...base, error: describeError(e) };
  }
}

function text(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : '?';
}

function numericDateMs<K extends 'expMs' | 'nbfMs'>(key: K, value: unknown): Partial<Record<K, number>> {
  const ms = timeClaimMs(value);
  return ms === undefined ? {} : ({ [key]: ms } as Partial<Record<K, number>>);
}

/** The token's state at `nowMs`, with the engine's rule: no tolerance, expired wins over not-yet-valid. */
export function tokenState(token: IndexedToken, nowMs: number): TokenState {
  if (token.error !== undefined) return 'malformed';
  if (token.kind === 'jwe') return 'encrypted';
  return timeValidity(token.expMs, token.nbfMs, nowMs);
}

/**
 * The CodeLens title: "JWT · RS256 · expires in 12 min", "JWT · HS256 · expired 3 days ago",
 * "JWE · RSA-OAEP-256 / A256GCM", "JWT · malformed: The header (part 1) is not valid JSON".
 */
export function lensTitle(token: IndexedToken, now: Date): string {
  const nowMs = now.getTime();
  const kind = token.kind === 'jwe' ? 'JWE' : 'JWT';
  switch (tokenState(token, nowMs)) {
    case 'malformed': return `${kind} · malformed: ${shortReason(token.error ?? '')}`;
    case 'encrypted': return `JWE · ${token.algorithm ?? '?'}`;
    case 'expired': return `${kind} · ${alg(token)} · expired ${relative(token.expMs, now)}`;
    case 'not-yet-valid': return `${kind} · ${alg(token)} · not yet valid (valid ${relative(token.nbfMs, now)})`;
    case 'valid': return `${kind} · ${alg(token)} · expires ${relative(token.expMs, now)}`;
    case 'no-expiry': return `${kind} · ${alg(token)} · no expiry`;
    case 'invalid': return `${kind} · ${alg(token)} · invalid ${unusableClaim(token)} (not a usable time)`;
  }
}

/** Which time claim makes a token 'invalid' (exp is checked first, as {@link timeValidity} does). */
function unusableClaim(token: IndexedToken): 'exp' | 'nbf' {
  return Number.isNaN(token.expMs) ? 'exp' : 'nbf';
}

function alg(token: IndexedToken): string {
  if (token.algorithm === undefined) return 'no alg';
  return isNoneAlgorithm(token.algorithm) ? `${token.algorithm} (unsecured)` : token.algorithm;
}

function relative(ms: number | undefined, now: Date): string {
  return relativeTime(new Date(ms ?? Number.NaN), now);
}

/**
 * The first clause of an engine message, short enough for a CodeLens:
 * "The header (part 1) is not valid JSON: Unexpected token…" → "The header (part 1) is not valid JSON".
 */
export function shortReason(message: string): string {
  const clause = message.split(/: |; |\. /)[0] ?? message;
  return truncate(clause.replace(/\.$/, ''), 70);
}

/**
 * The diagnostic for a token whose time window excludes `now`, or undefined when there is nothing to
 * report: "JWT expired 3 days ago (exp Fri, 1 Mar 2024 12:00 UTC)", "JWT not valid yet: valid in
 * 72 years (nbf Mon, 1 Jun 2098 00:00 local)", "JWT exp is not a usable time (…)" for an exp or nbf
 * that is not a number or beyond the calendar.
 */
export function expiryProblem(token: IndexedToken, now: Date, zone: TimeZoneChoice): string | undefined {
  const state = tokenState(token, now.getTime());
  if (state === 'expired' && token.expMs !== undefined) {
    const exp = new Date(token.expMs);
    return `JWT expired ${relativeTime(exp, now)} (exp ${calendarTime(exp, zone)})`;
  }
  if (state === 'invalid') return `JWT ${unusableClaim(token)} is not a usable time (not a number, or beyond the calendar): verification refuses it`;
  if (state === 'not-yet-valid' && token.nbfMs !== undefined) {
    const nbf = new Date(token.nbfMs);
    return `JWT not valid yet: valid ${relativeTime(nbf, now)} (nbf ${calendarTime(nbf, zone)})`;
  }
  return undefined;
}

/** The next instant after `nowMs` at which any token's state changes (an exp or nbf still ahead). */
export function nextStateChange(tokens: readonly IndexedToken[], nowMs: number): number | undefined {
  let next: number | undefined;
  for (const t of tokens) {
    for (const at of [t.expMs, t.nbfMs]) {
      if (at !== undefined && at > nowMs && (next === undefined || at < next)) next = at;
    }
  }
  return next;
}
