/**
 * The rows under the panel's verify result: one per claim the verification looked at, in words
 * (✓ `exp` in 12 min, ✗ `aud` is "orders" but "payments" was expected). The engine's verdict is the one line
 * above them; these rows only show the values it judged, with the same clock and tolerance. Pure.
 */
import { relativeTime } from '../core/time';
import type { ClaimCheck } from './protocol';

export interface CheckOptions {
  issuer?: string;
  audience?: string[];
  /** Seconds. */
  clockTolerance?: number;
  requiredClaims?: string[];
  now: Date;
}

const quote = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** The rows for `payload` (a claims object; anything else has no claims to show). */
export function claimChecks(payload: unknown, options: CheckOptions): ClaimCheck[] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [];
  const claims = payload as Record<string, unknown>;
  const tolerance = (options.clockTolerance ?? 0) * 1000;
  const now = options.now;
  const rows: ClaimCheck[] = [];
  const time = (name: string): Date | undefined => {
    const v = claims[name];
    return typeof v === 'number' && Number.isFinite(v) ? new Date(v * 1000) : undefined;
  };

  const exp = time('exp');
  if (exp) {
    const ok = now.getTime() < exp.getTime() + tolerance;
    const past = exp.getTime() <= now.getTime();
    rows.push({ claim: 'exp', ok, text: `${past ? 'expired' : 'expires'} ${relativeTime(exp, now)}${past && ok ? ', within the clock tolerance' : ''}` });
  }
  const nbf = time('nbf');
  if (nbf) {
    const ok = now.getTime() >= nbf.getTime() - tolerance;
    const future = nbf.getTime() > now.getTime();
    rows.push({ claim: 'nbf', ok, text: `${future ? 'becomes' : 'became'} valid ${relativeTime(nbf, now)}${future && ok ? ', within the clock tolerance' : ''}` });
  }
  const iat = time('iat');
  if (iat) {
    const ok = iat.getTime() <= now.getTime() + tolerance;
    rows.push({ claim: 'iat', ok, text: ok ? `issued ${relativeTime(iat, now)}` : `issued in the future (${relativeTime(iat, now)})` });
  }
  if (options.issuer !== undefined) {
    const ok = claims.iss === options.issuer;
    rows.push({
      claim: 'iss', ok,
      text: ok ? `is ${quote(claims.iss)}` : claims.iss === undefined ? `is missing but ${quote(options.issuer)} was expected` : `is ${quote(claims.iss)} but ${quote(options.issuer)} was expected`,
    });
  }
  if (options.audience !== undefined && options.audience.length > 0) {
    const aud = claims.aud;
    const list = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
    const ok = list.some(a => typeof a === 'string' && options.audience?.includes(a));
    const expected = options.audience.map(quote).join(' or ');
    rows.push({
      claim: 'aud', ok,
      text: ok ? `is ${quote(aud)}` : aud === undefined ? `is missing but ${expected} was expected` : `is ${quote(aud)} but ${expected} was expected`,
    });
  }
  for (const name of options.requiredClaims ?? []) {
    if (rows.some(r => r.claim === name)) continue;
    const ok = claims[name] !== undefined;
    rows.push({ claim: name, ok, text: ok ? 'is present' : 'is required but missing' });
  }
  return rows;
}
