import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { checkClaims } from '../../src/core/claims';
import type { ClaimExpectations } from '../../src/core/claims';

/** 2026-11-23T16:12:00.700Z: jose and checkClaims both floor "now" to whole seconds. */
const NOW = new Date(Date.UTC(2026, 10, 23, 16, 12, 0, 700));
const now = Math.floor(NOW.getTime() / 1000);
const secret = crypto.randomBytes(32);

/** What an error tells verify: its class, the claim, the reason and jose's message. */
function outcome(e: unknown): string {
  if (!(e instanceof Error)) return `not an Error: ${String(e)}`;
  const { claim, reason } = e as Error & { claim?: string; reason?: string };
  return `${e.constructor.name} ${String(claim)} ${String(reason)}: ${e.message}`;
}

/** jose's own answer (jwtVerify of a token carrying `claims`) and checkClaims's, on the same claims. */
async function both(claims: Record<string, unknown>, expected: ClaimExpectations): Promise<{ jose: string; ours: string }> {
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  let jose = 'valid';
  try {
    await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: NOW, ...expected });
  } catch (e) {
    jose = outcome(e);
  }
  let ours = 'valid';
  try {
    // The claims as decode hands them over: parsed from the payload's JSON text.
    checkClaims(JSON.parse(JSON.stringify(claims)) as Record<string, unknown>, { currentDate: NOW, ...expected });
  } catch (e) {
    ours = outcome(e);
  }
  return { jose, ours };
}

const cases: [string, Record<string, unknown>, ClaimExpectations, string][] = [
  ['no claims, nothing expected', {}, {}, 'valid'],
  ['exp in the future', { exp: now + 60 }, {}, 'valid'],
  ['exp one second ago', { exp: now - 1 }, {}, 'JWTExpired exp check_failed: "exp" claim timestamp check failed'],
  ['exp exactly now (expired: now ≥ exp)', { exp: now }, {}, 'JWTExpired exp check_failed: "exp" claim timestamp check failed'],
  ['exp a second after now', { exp: now + 1 }, {}, 'valid'],
  ['exp 60 s ago, tolerance 60 s (expired at the edge)', { exp: now - 60 }, { clockTolerance: 60 }, 'JWTExpired exp check_failed: "exp" claim timestamp check failed'],
  ['exp 59 s ago, tolerance 60 s', { exp: now - 59 }, { clockTolerance: 60 }, 'valid'],
  ['exp a fraction of a second ahead', { exp: now + 0.5 }, {}, 'valid'],
  ['exp as text', { exp: 'tomorrow' }, {}, 'JWTClaimValidationFailed exp invalid: "exp" claim must be a number'],
  ['exp null', { exp: null }, {}, 'JWTClaimValidationFailed exp invalid: "exp" claim must be a number'],
  ['nbf now', { nbf: now }, {}, 'valid'],
  ['nbf a second ahead', { nbf: now + 1 }, {}, 'JWTClaimValidationFailed nbf check_failed: "nbf" claim timestamp check failed'],
  ['nbf 60 s ahead, tolerance 60 s', { nbf: now + 60 }, { clockTolerance: 60 }, 'valid'],
  ['nbf 61 s ahead, tolerance 60 s', { nbf: now + 61 }, { clockTolerance: 60 }, 'JWTClaimValidationFailed nbf check_failed: "nbf" claim timestamp check failed'],
  ['nbf as text', { nbf: '1' }, {}, 'JWTClaimValidationFailed nbf invalid: "nbf" claim must be a number'],
  ['nbf ahead and exp past: nbf is reported', { nbf: now + 10, exp: now - 10 }, {}, 'JWTClaimValidationFailed nbf check_failed: "nbf" claim timestamp check failed'],
  ['iat as text, no maximum age: still refused', { iat: 'x' }, {}, 'JWTClaimValidationFailed iat invalid: "iat" claim must be a number'],
  ['iat in the future, no maximum age', { iat: now + 3600 }, {}, 'valid'],
  ['iat as text and exp past: iat is reported', { iat: 'x', exp: now - 10 }, {}, 'JWTClaimValidationFailed iat invalid: "iat" claim must be a number'],
  ['maximum age, no iat', { sub: 'a' }, { maxTokenAge: 60 }, 'JWTClaimValidationFailed iat missing: missing required "iat" claim'],
  ['maximum age 60 s, iat 60 s ago', { iat: now - 60 }, { maxTokenAge: 60 }, 'valid'],
  ['maximum age 60 s, iat 61 s ago', { iat: now - 61 }, { maxTokenAge: 60 }, 'JWTExpired iat check_failed: "iat" claim timestamp check failed (too far in the past)'],
  ['maximum age 60 s, iat 61 s ago, tolerance 1 s', { iat: now - 61 }, { maxTokenAge: 60, clockTolerance: 1 }, 'valid'],
  ['maximum age, iat a second ahead', { iat: now + 1 }, { maxTokenAge: 60 }, 'JWTClaimValidationFailed iat check_failed: "iat" claim timestamp check failed (it should be in the past)'],
  ['maximum age, iat 5 s ahead, tolerance 5 s', { iat: now + 5 }, { maxTokenAge: 60, clockTolerance: 5 }, 'valid'],
  ['maximum age 0, iat now', { iat: now }, { maxTokenAge: 0 }, 'valid'],
  ['issuer matches', { iss: 'a' }, { issuer: 'a' }, 'valid'],
  ['issuer in the list', { iss: 'b' }, { issuer: ['a', 'b'] }, 'valid'],
  ['issuer differs', { iss: 'a' }, { issuer: 'b' }, 'JWTClaimValidationFailed iss check_failed: unexpected "iss" claim value'],
  ['issuer a number', { iss: 1 }, { issuer: '1' }, 'JWTClaimValidationFailed iss check_failed: unexpected "iss" claim value'],
  ['issuer missing', { sub: 'a' }, { issuer: 'a' }, 'JWTClaimValidationFailed iss missing: missing required "iss" claim'],
  ['subject differs', { sub: 'a' }, { subject: 'b' }, 'JWTClaimValidationFailed sub check_failed: unexpected "sub" claim value'],
  ['subject missing', {}, { subject: 'b' }, 'JWTClaimValidationFailed sub missing: missing required "sub" claim'],
  ['audience matches', { aud: 'x' }, { audience: 'x' }, 'valid'],
  ['audience in the token\'s list', { aud: ['x', 'y'] }, { audience: 'y' }, 'valid'],
  ['audience lists meet', { aud: ['x', 'y'] }, { audience: ['z', 'x'] }, 'valid'],
  ['audience lists do not meet', { aud: ['x', 'y'] }, { audience: ['z'] }, 'JWTClaimValidationFailed aud check_failed: unexpected "aud" claim value'],
  ['audience a number', { aud: 1 }, { audience: '1' }, 'JWTClaimValidationFailed aud check_failed: unexpected "aud" claim value'],
  ['audience missing', {}, { audience: 'x' }, 'JWTClaimValidationFailed aud missing: missing required "aud" claim'],
  ['required claim missing', { sub: 'a' }, { requiredClaims: ['jti'] }, 'JWTClaimValidationFailed jti missing: missing required "jti" claim'],
  ['required claim null is present', { jti: null }, { requiredClaims: ['jti'] }, 'valid'],
  ['two required claims missing: the last is reported', {}, { requiredClaims: ['jti', 'sub'] }, 'JWTClaimValidationFailed sub missing: missing required "sub" claim'],
  ['required claim and issuer missing: iss is reported', {}, { requiredClaims: ['jti'], issuer: 'a' }, 'JWTClaimValidationFailed iss missing: missing required "iss" claim'],
  ['issuer, subject and audience all missing: iss is reported', {}, { issuer: 'a', subject: 'b', audience: 'c' }, 'JWTClaimValidationFailed iss missing: missing required "iss" claim'],
  ['issuer and audience differ: iss is reported', { iss: 'x', aud: 'y' }, { issuer: 'a', audience: 'b' }, 'JWTClaimValidationFailed iss check_failed: unexpected "iss" claim value'],
  ['subject and audience differ: sub is reported', { sub: 'x', aud: 'y' }, { subject: 'a', audience: 'b' }, 'JWTClaimValidationFailed sub check_failed: unexpected "sub" claim value'],
  ['issuer differs and exp past: iss is reported', { iss: 'x', exp: now - 10 }, { issuer: 'a' }, 'JWTClaimValidationFailed iss check_failed: unexpected "iss" claim value'],
  ['a claim named __proto__ is present', { ['__proto__']: 'x' }, { requiredClaims: ['__proto__'] }, 'valid'],
];

describe('checkClaims answers as jose\'s jwtVerify does', () => {
  for (const [name, claims, expected, answer] of cases) {
    it(name, async () => {
      const { jose, ours } = await both(claims, expected);
      assert.equal(jose, answer, 'jose itself answers otherwise: this case no longer describes it');
      assert.equal(ours, answer);
    });
  }
});
