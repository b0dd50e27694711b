/**
 * Verifying a compact JWS against the key the user gave, with an explicit algorithm allow-list. Never throws
 * for a bad token or a bad key: the result says valid, or why not in one sentence. The key is never taken
 * from the token (`jwk`, `jku`, `x5u`, `x5c` are ignored, and nothing is ever fetched).
 */
import { compactVerify, errors } from 'jose';
import type { CompactVerifyGetKey, JWK } from 'jose';
import { describeError, isWorkbenchError, WorkbenchError } from './errors';
import type { WorkbenchErrorCode } from './errors';
import type { KeyInput, SecretEncoding } from './types';
import { isNoneAlgorithm, joseFailure, quoteAlg, quoteText } from './algorithms';
import { KeyResolver, chooseKeys, listKeys } from './keys';
import type { JoseKey } from './keys';
import { canonicalToken, decodeToken } from './decode';
import type { DecodedToken } from './decode';
import { checkClaims } from './claims';
import type { ClaimExpectations } from './claims';
import { unencodedPayloadRefused } from './unencoded';
import { describeType } from './json';
import { requireOptions, requireString } from './arguments';
import { isoInstant, relativeTime } from './time';
import { unusableTimeClaim } from './explain';
import { boundedList } from './wording';

/** How to verify. `algorithms` is required: the token's own `alg` is never trusted alone. */
export interface VerifyOptions {
  /** The algorithms accepted, e.g. ['RS256']. `none` is never accepted, even if listed. */
  algorithms: string[];
  issuer?: string | string[];
  audience?: string | string[];
  /** Seconds of clock skew allowed on exp, nbf and iat. */
  clockTolerance?: number;
  /** "Now" for the time checks (default: the real now). */
  currentDate?: Date;
  /** Claims that must be present. */
  requiredClaims?: string[];
  secretEncoding?: SecretEncoding;
  subject?: string;
  /** Maximum age in seconds since `iat`. */
  maxTokenAge?: number;
  /** Reads, chooses and imports the key, and keeps it for the next call (default: a fresh one, nothing kept). */
  resolver?: KeyResolver;
}

/** A verified token. `kid` is the token's; `key` says which key verified it. */
export interface VerifySuccess {
  valid: true;
  header: Record<string, unknown>;
  /** The claims when the payload is a JSON object, else its text (then no claim was checked). */
  payload: Record<string, unknown> | string;
  kid?: string;
  key: { kid?: string; kty: string };
}

/** A token that did not verify, with the reason as a sentence. `header` when it could be read. */
export interface VerifyFailure {
  valid: false;
  code: WorkbenchErrorCode;
  message: string;
  header?: Record<string, unknown>;
}

/** What {@link verifyToken} returns: never an exception for a bad token or key. */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** Thrown inside jose's key callback when a JWK Set holds several keys that may have signed. */
class SeveralCandidates extends Error {
  constructor(readonly keys: JWK[], readonly alg: string) {
    super('several candidate keys');
  }
}

const textDecoder = new TextDecoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Verifies `token` with `key` (a JWK, stored key, PEM, secret or JWK Set; a set is searched by `kid`, then by
 * alg and key type, trying each candidate). A JSON-object payload has its claims checked (exp, nbf with
 * `clockTolerance`, iss, aud, sub, required claims, max age); any other payload is verified as a plain JWS.
 *
 * @example
 * const r = await verifyToken(jwt, publicJwk, { algorithms: ['RS256'], issuer: 'https://issuer.example' });
 * if (!r.valid) showError(r.message); // r.code, e.g. CLAIM_EXPIRED "Expired at 2026-11-23T16:00:00Z, 12 min ago (clock tolerance 0 s)."
 */
export async function verifyToken(token: string, key: KeyInput, given: VerifyOptions): Promise<VerifyResult> {
  try {
    if (given !== undefined) requireOptions(given, 'The verify options');
    return await verifyChecked(token, key, given);
  } catch (e) {
    // verifyChecked words every failure; this is the promise that nothing, whatever it is given, rejects.
    return isWorkbenchError(e) ? fail(e.code, e.message) : fail('INTERNAL', 'Could not verify the token: an unexpected error occurred.');
  }
}

/** The verification itself, for {@link verifyToken}, which guarantees a result. */
async function verifyChecked(token: string, key: KeyInput, given: VerifyOptions): Promise<VerifyResult> {
  // Callers outside TypeScript may pass nothing: that is "no algorithm allowed", said as such.
  const options: VerifyOptions = typeof given === 'object' && given !== null ? given : { algorithms: [] };
  let header: Record<string, unknown> | undefined;
  let used: JWK | undefined;
  let text = token;
  try {
    const read = readToken(token);
    text = read.text;
    // The payload as decode parsed it: the claims are checked on it, never parsed a second time.
    const payload = read.decoded.kind === 'jws' ? read.decoded.payload : '';
    const checks = toChecks(options);
    const resolver = options.resolver instanceof KeyResolver ? options.resolver : new KeyResolver();
    const candidates = await resolver.read(key, { secretEncoding: options.secretEncoding });
    const getKey: CompactVerifyGetKey = async protectedHeader => {
      header = protectedHeader;
      const alg = String(protectedHeader.alg);
      const kid = typeof protectedHeader.kid === 'string' ? protectedHeader.kid : undefined;
      const keys = chooseKeys(candidates, { alg, use: 'verify' }, kid);
      if (keys.length > 1) throw new SeveralCandidates(keys, alg);
      used = keys[0];
      return used ? resolver.importFor(used, { alg, use: 'verify' }) : Promise.reject(new WorkbenchError('KEY_NOT_FOUND', 'No key was given.'));
    };
    let verified: Verified;
    try {
      verified = await verifyWith(text, payload, getKey, checks, options);
    } catch (e) {
      if (!(e instanceof SeveralCandidates)) throw e;
      [verified, used] = await tryEach(resolver, text, payload, e.keys, e.alg, checks, options);
    }
    const kid = typeof verified.header.kid === 'string' ? verified.header.kid : undefined;
    return {
      valid: true,
      header: verified.header,
      payload: verified.payload,
      ...(kid !== undefined ? { kid } : {}),
      key: { ...(typeof used?.kid === 'string' ? { kid: used.kid } : {}), kty: String(used?.kty) },
    };
  } catch (e) {
    return failure(e, text, header, options);
  }
}

interface Verified {
  header: Record<string, unknown>;
  payload: Record<string, unknown> | string;
}

/** The checked options: the allow-list for jose, the claim expectations for {@link checkClaims}. */
interface Checks extends ClaimExpectations {
  algorithms: string[];
}

/**
 * jose checks the signature (compactVerify: the header's `crit`, the allow-list, the key); then, as jwtVerify
 * would, the claims, here on the payload decode already parsed (`decoded`, the same bytes). A payload that is
 * not a JSON object of UTF-8 text (what jwtVerify refuses as a JWT) is verified as a plain JWS: no claim is
 * checked, so that is never taken for a payload that is a JSON object after all (an unencoded payload,
 * `b64: false`, was refused before: see readToken).
 */
async function verifyWith(text: string, decoded: Record<string, unknown> | string, key: CompactVerifyGetKey | JoseKey, checks: Checks, options: VerifyOptions): Promise<Verified> {
  // The getter overload and the key overload differ only in how the key is given.
  const plain = typeof key === 'function'
    ? await compactVerify(text, key, { algorithms: checks.algorithms })
    : await compactVerify(text, key, { algorithms: checks.algorithms });
  if (typeof decoded === 'object' && isUtf8(plain.payload)) {
    checkClaims(decoded, checks);
    refuseUnusableTimes(decoded);
    return { header: plain.protectedHeader, payload: decoded };
  }
  const payload = textDecoder.decode(plain.payload);
  if (isJsonObject(payload)) {
    throw new WorkbenchError('PAYLOAD_INVALID', 'The payload is a JSON object that could not be read as JWT claims, so its claims (exp, nbf…) could not be checked.');
  }
  const asked = claimOptionsAsked(options);
  if (asked.length > 0) {
    throw new WorkbenchError('PAYLOAD_INVALID',
      `The signature is valid, but the payload is not a JSON object, so its claims (${boundedList(asked.map(c => quoteText(c)))}) cannot be checked.`);
  }
  return { header: plain.protectedHeader, payload };
}

/** jwtVerify reads claims only from valid UTF-8 (decode reads the payload leniently, to show it whatever it is). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Several keys of a JWK Set fit and none is named by kid: the first whose signature matches wins. */
async function tryEach(resolver: KeyResolver, text: string, decoded: Record<string, unknown> | string, keys: JWK[], alg: string, checks: Checks, options: VerifyOptions): Promise<[Verified, JWK]> {
  for (const jwk of keys) {
    let joseKey: JoseKey;
    try {
      joseKey = await resolver.importFor(jwk, { alg, use: 'verify' });
    } catch {
      continue; // an unusable member of the set is not the one that signed
    }
    try {
      return [await verifyWith(text, decoded, joseKey, checks, options), jwk];
    } catch (e) {
      if (!(e instanceof errors.JWSSignatureVerificationFailed)) throw e;
    }
  }
  throw new WorkbenchError('SIGNATURE_INVALID',
    `The signature does not match any of the ${keys.length} keys in the JWKS that fit ${alg} (${listKeys(keys)}).`);
}

function claimOptionsAsked(options: VerifyOptions): string[] {
  const asked: string[] = [];
  if (options.issuer !== undefined) asked.push('iss');
  if (options.audience !== undefined) asked.push('aud');
  if (options.subject !== undefined) asked.push('sub');
  if (options.maxTokenAge !== undefined) asked.push('iat');
  for (const c of options.requiredClaims ?? []) if (!asked.includes(c)) asked.push(c);
  return asked;
}

/**
 * The token as decode reads it: refused exactly where decode refuses it (a line break, padding, any character
 * outside base64url, with decode's message), never handed to jose to be called "changed". An unencoded payload
 * (b64: false) is refused here, before any key is read, whatever its signature.
 */
function readToken(token: string): { text: string; decoded: DecodedToken } {
  const read = canonicalToken(token);
  if (read.decoded.kind === 'jws' && read.decoded.header.b64 === false) throw unencodedPayloadRefused('verification');
  return read;
}

function toChecks(options: VerifyOptions): Checks {
  const list = Array.isArray(options.algorithms) ? options.algorithms.filter(a => typeof a === 'string' && !isNoneAlgorithm(a)) : [];
  if (list.length === 0) {
    throw new WorkbenchError('ALG_NOT_ALLOWED',
      'No algorithm is allowed: give at least one (for example RS256 or HS256); "none" is never allowed.');
  }
  const out: Checks = { algorithms: list };
  if (options.issuer !== undefined) out.issuer = names(options.issuer, 'The expected issuer');
  if (options.audience !== undefined) {
    if (Array.isArray(options.audience) && options.audience.length === 0) {
      throw new WorkbenchError('OPTION_INVALID', 'The expected audience list is empty: give at least one audience, or leave the audience check out.');
    }
    out.audience = names(options.audience, 'The expected audience');
  }
  if (options.subject !== undefined) out.subject = requireString(options.subject, 'The expected subject');
  if (options.clockTolerance !== undefined) out.clockTolerance = seconds(options.clockTolerance, 'The clock tolerance');
  if (options.currentDate !== undefined) {
    const date: unknown = options.currentDate;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new WorkbenchError('OPTION_INVALID', 'The current date given for the time checks is not a valid date.');
    }
    out.currentDate = date;
  }
  if (options.requiredClaims !== undefined) {
    const claims: unknown = options.requiredClaims;
    if (!Array.isArray(claims) || !claims.every(c => typeof c === 'string')) {
      throw new WorkbenchError('OPTION_INVALID', 'The required claims must be a list of claim names, e.g. ["exp", "sub"].');
    }
    out.requiredClaims = claims;
  }
  if (options.maxTokenAge !== undefined) out.maxTokenAge = seconds(options.maxTokenAge, 'The maximum token age');
  return out;
}

/** An expected issuer or audience: one string or a list of strings (jose would compare anything else and fail later). */
function names(value: unknown, what: string): string | string[] {
  if (typeof value === 'string' || (Array.isArray(value) && value.every(v => typeof v === 'string'))) return value;
  throw new WorkbenchError('OPTION_INVALID', `${what} must be a string or a list of strings; it is ${Array.isArray(value) ? 'a list holding something else' : describeType(value)}.`);
}

/** A number of seconds from the caller: finite and not negative (jose's own message would name its internals). */
function seconds(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new WorkbenchError('OPTION_INVALID', `${what} must be a number of seconds, 0 or more; it is ${typeof value === 'number' ? String(value) : describeType(value)}.`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Why it failed

function failure(e: unknown, text: string, seenHeader: Record<string, unknown> | undefined, options: VerifyOptions): VerifyFailure {
  let header = seenHeader;
  if ((!header && !(isWorkbenchError(e) && e.code.startsWith('TOKEN_'))) || e instanceof errors.JWSInvalid) {
    // jose could not read the token: the decoder says precisely which part is wrong and where.
    try {
      const decoded = decodeToken(text);
      header = decoded.header;
      if (decoded.kind === 'jwe') {
        return fail('TOKEN_PART_COUNT', 'This is an encrypted token (JWE, 5 parts): it has no signature to verify; decrypt it instead.', header);
      }
    } catch (decodeError) {
      if (isWorkbenchError(decodeError)) return fail(decodeError.code, decodeError.message);
    }
  }
  const alg = header?.alg;
  if (isNoneAlgorithm(alg)) {
    return fail('ALG_NONE', `The token has "alg": "${quoteAlg(alg)}": it carries no signature, so nothing in it can be trusted. It is never accepted.`, header);
  }
  if (isWorkbenchError(e)) return fail(e.code, e.message, header);
  if (header && (typeof alg !== 'string' || alg === '')) {
    return fail('HEADER_INVALID', 'The header has no "alg" (algorithm), so the token cannot be verified.', header);
  }
  if (e instanceof errors.JOSEAlgNotAllowed) {
    const allowed = boundedList(options.algorithms.filter(a => typeof a === 'string' && !isNoneAlgorithm(a)).map(quoteAlg));
    return fail('ALG_NOT_ALLOWED', `The token says alg ${quoteAlg(alg)}, which is not in the allowed algorithms (${allowed}).`, header);
  }
  if (e instanceof errors.JWTExpired || e instanceof errors.JWTClaimValidationFailed) {
    const [code, message] = describeClaimFailure(e, options);
    return fail(code, message, header);
  }
  const mapped = joseFailure(e, { operation: 'verify', ...(typeof alg === 'string' ? { alg } : {}) });
  return fail(mapped.code, mapped.code === 'INTERNAL' ? `Could not verify: ${describeError(e)}` : mapped.message, header);
}

function fail(code: WorkbenchErrorCode, message: string, header?: Record<string, unknown>): VerifyFailure {
  return header ? { valid: false, code, message, header } : { valid: false, code, message };
}

/** A claim value for a message: JSON, shortened. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function expected(values: string | string[]): string {
  return Array.isArray(values)
    ? values.length === 1 ? show(values[0]) : `one of ${boundedList(values.map(show))}`
    : show(values);
}

function instant(seconds: unknown, now: Date): string {
  if (typeof seconds !== 'number') return show(seconds);
  const date = new Date(seconds * 1000);
  return `${isoInstant(date) ?? String(seconds)}, ${relativeTime(date, now)}`;
}

/**
 * jose accepts any number as exp or nbf, so 1e400 (Infinity) or 1e300 would be valid forever: the engine's one
 * time rule (explain's {@link timeClaimMs}) refuses them, as the hover and CodeLens call them invalid.
 */
function refuseUnusableTimes(claims: Record<string, unknown>): void {
  const unusable = unusableTimeClaim(claims);
  if (unusable) throw new WorkbenchError('CLAIM_INVALID', unusableTimeMessage(unusable.reason));
}

function unusableTimeMessage(reason: string): string {
  return `The token's ${reason}: it is not a usable time, so the token is refused.`;
}

function describeClaimFailure(e: errors.JWTClaimValidationFailed | errors.JWTExpired, options: VerifyOptions): [WorkbenchErrorCode, string] {
  const claims = e.payload;
  const claim = e.claim;
  const unusable = unusableTimeClaim(claims);
  // jose calls exp -1e300 expired and nbf 1e300 not yet valid: the one rule calls them what they are.
  if (unusable && unusable.claim === claim && e.reason !== 'invalid') return ['CLAIM_INVALID', unusableTimeMessage(unusable.reason)];
  const value = claims[claim];
  const now = options.currentDate ?? new Date();
  const tolerance = `(clock tolerance ${options.clockTolerance ?? 0} s)`;
  if (e.reason === 'missing') return ['CLAIM_MISSING', `The required claim "${quoteText(claim)}" is missing.`];
  if (e.reason === 'invalid') {
    return ['CLAIM_INVALID', `The "${quoteText(claim)}" claim must be a number of seconds since 1970 (NumericDate); it is ${show(value)}.`];
  }
  switch (claim) {
    case 'exp':
      return ['CLAIM_EXPIRED', `Expired at ${instant(value, now)} ${tolerance}.`];
    case 'nbf':
      return ['CLAIM_NOT_YET_VALID', `Not valid before ${instant(value, now)} ${tolerance}.`];
    case 'iat':
      return e instanceof errors.JWTExpired
        ? ['CLAIM_EXPIRED', `Issued at ${instant(value, now)}: older than the maximum age of ${options.maxTokenAge ?? '?'} s ${tolerance}.`]
        : ['CLAIM_INVALID', `Issued at ${instant(value, now)}: in the future ${tolerance}.`];
    case 'iss':
      return ['CLAIM_ISSUER', `Issuer is ${show(value)}; expected ${expected(options.issuer ?? [])}.`];
    case 'aud':
      return ['CLAIM_AUDIENCE', `Audience is ${show(value)}; expected ${expected(options.audience ?? [])}.`];
    case 'sub':
      return ['CLAIM_INVALID', `Subject is ${show(value)}; expected ${expected(options.subject ?? [])}.`];
    default:
      return ['CLAIM_INVALID', `The "${quoteText(claim)}" claim is not valid.`];
  }
}
