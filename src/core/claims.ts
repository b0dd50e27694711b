/**
 * The JWT claim checks of jose's `jwtVerify` (RFC 7519 section 4.1), run on claims the decoder already parsed,
 * so that verifying reads a token's payload once. jose does not export its own check (`validateClaimsSet`,
 * which parses the payload bytes again): this is it, in the same order, with the same conditions and the same
 * jose errors, which verify then words. `test/unit/claims.test.ts` holds it to jose's answers.
 */
import { errors } from 'jose';

/** What the claims must say. Option values are the engine's, already checked: seconds are finite and ≥ 0. */
export interface ClaimExpectations {
  issuer?: string | string[];
  audience?: string | string[];
  subject?: string;
  /** Seconds of clock skew allowed on exp, nbf and iat. */
  clockTolerance?: number;
  /** "Now" for the time checks (default: the real now). */
  currentDate?: Date;
  requiredClaims?: string[];
  /** Maximum age in seconds since `iat` (then `iat` is required). */
  maxTokenAge?: number;
}

/**
 * Checks `claims` (a JSON object) as jose's `jwtVerify` does, in jose's order: presence, iss, sub, aud, then
 * nbf, exp and the maximum age against "now" with the clock tolerance.
 * @throws errors.JWTClaimValidationFailed (reason `missing`, `invalid` or `check_failed`) or errors.JWTExpired
 *   (exp, or iat older than `maxTokenAge`), carrying the claims and the claim's name as jose's own do.
 * @example
 * checkClaims({ iss: 'a', exp: 1 }, { issuer: 'a' }); // throws JWTExpired for "exp"
 */
export function checkClaims(claims: Record<string, unknown>, expected: ClaimExpectations): void {
  const { requiredClaims = [], issuer, subject, audience, maxTokenAge } = expected;
  const present = [...requiredClaims];
  if (maxTokenAge !== undefined) present.push('iat');
  if (audience !== undefined) present.push('aud');
  if (subject !== undefined) present.push('sub');
  if (issuer !== undefined) present.push('iss');
  // jose reports the last-added missing claim first (iss before sub before aud…): so does this.
  for (const claim of new Set(present.reverse())) {
    if (!Object.hasOwn(claims, claim)) throw new errors.JWTClaimValidationFailed(`missing required "${claim}" claim`, claims, claim, 'missing');
  }
  if (issuer !== undefined && !(Array.isArray(issuer) ? issuer : [issuer]).some(i => i === claims.iss)) throw unexpected(claims, 'iss');
  if (subject !== undefined && claims.sub !== subject) throw unexpected(claims, 'sub');
  if (audience !== undefined && !audienceMatches(claims.aud, typeof audience === 'string' ? [audience] : audience)) throw unexpected(claims, 'aud');

  const tolerance = expected.clockTolerance ?? 0;
  const now = Math.floor((expected.currentDate ?? new Date()).getTime() / 1000);
  const iat = numericDate(claims, 'iat', maxTokenAge !== undefined);
  const nbf = numericDate(claims, 'nbf');
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new errors.JWTClaimValidationFailed('"nbf" claim timestamp check failed', claims, 'nbf', 'check_failed');
  }
  const exp = numericDate(claims, 'exp');
  if (exp !== undefined && exp <= now - tolerance) throw new errors.JWTExpired('"exp" claim timestamp check failed', claims, 'exp', 'check_failed');
  if (maxTokenAge !== undefined && iat !== undefined) {
    const age = now - iat;
    if (age - tolerance > maxTokenAge) {
      throw new errors.JWTExpired('"iat" claim timestamp check failed (too far in the past)', claims, 'iat', 'check_failed');
    }
    if (age < -tolerance) {
      throw new errors.JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', claims, 'iat', 'check_failed');
    }
  }
}

function unexpected(claims: Record<string, unknown>, claim: string): errors.JWTClaimValidationFailed {
  return new errors.JWTClaimValidationFailed(`unexpected "${claim}" claim value`, claims, claim, 'check_failed');
}

/** The token's aud (one string or a list) names one of the expected audiences. */
function audienceMatches(aud: unknown, expected: string[]): boolean {
  if (typeof aud === 'string') return expected.includes(aud);
  return Array.isArray(aud) && expected.some(e => aud.includes(e));
}

/** A time claim's value: absent (unless required) or a number; anything else is refused as jose refuses it. */
function numericDate(claims: Record<string, unknown>, claim: string, required = false): number | undefined {
  const value = claims[claim];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number') throw new errors.JWTClaimValidationFailed(`"${claim}" claim must be a number`, claims, claim, 'invalid');
  return value;
}
