/**
 * Explaining a decoded token to a person: its status against a clock, every header field and claim in
 * words, and warnings about what a careful reader should notice (unsecured, embedded keys, odd `kid` …).
 * Nothing here verifies a signature; a "valid" status only speaks about time.
 */
import { describeAlgorithm } from './algorithms';
import { requireDate, requireNumber, requireOptions, requireTimeZone } from './arguments';
import { WorkbenchError } from './errors';
import { describeType } from './json';
import { boundedList } from './wording';
import type { DecodedToken, JoseHeader } from './decode';
import { describeInstant, describeSpan, relativeTime, type TimeZoneChoice } from './time';

/** One header field or claim, ready to show. */
export interface ExplainedField {
  name: string;
  /** Human name, e.g. "Expiration Time"; the name itself for unregistered claims. */
  label: string;
  value: unknown;
  /** The value in words: times with ISO, calendar and relative forms; algorithms spelled out; else compact JSON. */
  text: string;
  /** True for fields registered by the JOSE/JWT RFCs. */
  registered: boolean;
}

/** Something a careful reader should notice. `code` is stable (tests and UI switch on it). */
export interface TokenWarning {
  code:
    | 'alg-none'
    | 'alg-missing'
    | 'embedded-jwk'
    | 'jku'
    | 'x5u'
    | 'kid-injection'
    | 'crit'
    | 'unencoded-payload'
    | 'long-lifetime'
    | 'weak-hmac-key'
    | 'iat-in-future'
    | 'exp-not-number'
    | 'nbf-not-number'
    | 'iat-not-number'
    | 'time-in-milliseconds';
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** What {@link explainToken} returns. */
export interface TokenExplanation {
  kind: DecodedToken['kind'];
  /** `alg` for a JWS; "alg / enc" for a JWE. */
  algorithm?: string;
  /** `invalid`: exp or nbf is there but is not a usable time (not a number, or beyond the calendar); verify refuses it. */
  status: 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry' | 'invalid' | 'encrypted';
  statusText: string;
  expiresAt?: Date;
  header: ExplainedField[];
  claims: ExplainedField[];
  warnings: TokenWarning[];
}

/** Options for {@link explainToken}. */
export interface ExplainOptions {
  /** Zone for calendar times beside the ISO form (default 'local'). */
  timeZone?: TimeZoneChoice;
  /** Length in bytes of the HMAC key the token is checked with, when known: short keys are flagged. */
  hmacKeyBytes?: number;
}

const HEADER_LABELS: Readonly<Record<string, string>> = {
  alg: 'Algorithm',
  enc: 'Encryption Algorithm',
  typ: 'Type',
  cty: 'Content Type',
  zip: 'Compression',
  kid: 'Key ID',
  crit: 'Critical Extensions',
  jku: 'JWK Set URL',
  x5u: 'X.509 URL',
  jwk: 'JSON Web Key',
  x5c: 'X.509 Certificate Chain',
  x5t: 'X.509 Certificate SHA-1 Thumbprint',
  'x5t#S256': 'X.509 Certificate SHA-256 Thumbprint',
  p2c: 'PBES2 Count',
  p2s: 'PBES2 Salt',
  epk: 'Ephemeral Public Key',
  apu: 'Agreement PartyUInfo',
  apv: 'Agreement PartyVInfo',
  iv: 'Initialization Vector',
  tag: 'Authentication Tag',
  b64: 'Base64url-Encode Payload',
};

const CLAIM_LABELS: Readonly<Record<string, string>> = {
  iss: 'Issuer',
  sub: 'Subject',
  aud: 'Audience',
  exp: 'Expiration Time',
  nbf: 'Not Before',
  iat: 'Issued At',
  jti: 'JWT ID',
};

/** Minimum HMAC key length in bytes per algorithm: the hash output size (RFC 7518 §3.2). */
const HMAC_MIN_KEY_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 };

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Explains a decoded token: status against `now` (exp/nbf, no clock tolerance), each header field and
 * claim in words, and warnings. For a JWE only the protected header can be explained.
 *
 * @example
 * const e = explainToken(decodeToken(token), new Date('2026-11-23T16:18:00Z'), { timeZone: 'utc' });
 * e.statusText; // "Valid — expires in 12 min"
 */
export function explainToken(decoded: DecodedToken, now: Date = new Date(), options: ExplainOptions = {}): TokenExplanation {
  checkArguments(decoded, now, options);
  const zone = options.timeZone ?? 'local';
  const header = explainFields(decoded.header, HEADER_LABELS, (name, value) => headerText(name, value));
  const warnings = headerWarnings(decoded.header);

  if (decoded.kind === 'jwe') {
    const { alg, enc } = decoded.header;
    return {
      kind: 'jwe',
      algorithm: `${stringOr(alg, '?')} / ${stringOr(enc, '?')}`,
      status: 'encrypted',
      statusText: 'Encrypted (JWE): decrypt it to see the claims',
      header,
      claims: [],
      warnings,
    };
  }

  const alg = decoded.header.alg;
  if (decoded.unsecured) {
    warnings.unshift({
      code: 'alg-none',
      severity: 'error',
      message: `This token is unsecured (alg "${String(alg)}"): it carries no signature, so anyone could have written it. JWT Workbench never treats it as verified.`,
    });
  } else if (typeof alg !== 'string' || alg === '') {
    warnings.unshift({ code: 'alg-missing', severity: 'error', message: 'The header has no usable "alg": no verifier can check this token.' });
  }
  if (typeof alg === 'string') warnings.push(...hmacWarnings(alg, options.hmacKeyBytes));

  const payload = decoded.payload;
  if (typeof payload === 'string') {
    return {
      kind: 'jws',
      ...(typeof alg === 'string' ? { algorithm: alg } : {}),
      status: 'no-expiry',
      statusText: 'No expiry (the payload is not a JSON claims set)',
      header,
      claims: [],
      warnings,
    };
  }

  const claims = explainFields(payload, CLAIM_LABELS, (name, value) => claimText(name, value, now, zone));
  warnings.push(...claimWarnings(payload, now));
  return {
    kind: 'jws',
    ...(typeof alg === 'string' ? { algorithm: alg } : {}),
    ...timeStatus(payload, now, zone),
    header,
    claims,
    warnings,
  };
}

/**
 * explainToken's arguments from callers outside TypeScript: a decoded token's shape, a valid Date (an invalid
 * one compares false with every exp, which would read as "valid"), and options of the right types.
 */
function checkArguments(decoded: unknown, now: unknown, options: unknown): void {
  const d = decoded as Partial<DecodedToken> | null;
  const header: unknown = typeof d === 'object' && d !== null ? d.header : undefined;
  const payload: unknown = d?.kind === 'jws' ? d.payload : undefined;
  const shaped = typeof header === 'object' && header !== null && !Array.isArray(header) &&
    (d?.kind === 'jwe' || (d?.kind === 'jws' && (typeof payload === 'string' || (typeof payload === 'object' && payload !== null && !Array.isArray(payload)))));
  if (!shaped) {
    throw new WorkbenchError('OPTION_INVALID', `explainToken needs a decoded token (what decodeToken returns); it was given ${describeType(decoded)}${typeof decoded === 'object' && decoded !== null ? ' of another shape' : ''}.`);
  }
  if (Number.isNaN(requireDate(now, 'The current time').getTime())) {
    throw new WorkbenchError('OPTION_INVALID', 'The current time given to explain the token is not a valid date.');
  }
  const { timeZone, hmacKeyBytes } = requireOptions(options, 'The explain options');
  if (timeZone !== undefined) requireTimeZone(timeZone, 'The time zone');
  if (hmacKeyBytes !== undefined) requireNumber(hmacKeyBytes, 'The HMAC key length');
}

/** Where a token stands in time, from its exp and nbf alone. */
export type TimeValidity = 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry' | 'invalid';

/** The largest NumericDate a Date can hold (8.64e15 ms, the year 275760); beyond it a "time" is none. */
const MAX_NUMERIC_DATE = 8.64e12;

/**
 * A time claim (exp, nbf) as milliseconds for {@link timeValidity}: `undefined` when absent, NaN when present
 * but not a usable time — not a number, or beyond the calendar either way (1e400 parses as Infinity; 1e300
 * would be "valid forever"). Verify refuses what this calls NaN.
 *
 * @example
 * timeClaimMs(1700000000); // 1700000000000
 * timeClaimMs('tomorrow'); // NaN
 */
export function timeClaimMs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Math.abs(value) <= MAX_NUMERIC_DATE ? value * 1000 : Number.NaN;
}

/**
 * Why a present exp or nbf is not a usable time, or undefined when each is usable or absent (exp first):
 * "\"exp\" is Infinity, beyond the range of the calendar".
 */
export function unusableTimeClaim(claims: Record<string, unknown>): { claim: 'exp' | 'nbf'; reason: string } | undefined {
  for (const claim of ['exp', 'nbf'] as const) {
    const value = claims[claim];
    if (!Number.isNaN(timeClaimMs(value))) continue;
    const reason = typeof value === 'number' && !Number.isNaN(value)
      ? `"${claim}" is ${String(value)}, beyond the range of the calendar (NumericDates end in the year 275760)`
      : `"${claim}" is ${shortJson(value)}, not a number of seconds since 1970`;
    return { claim, reason };
  }
  return undefined;
}

/**
 * The one time rule every surface shares (hover, CodeLens, diagnostics, verify): no clock tolerance;
 * an exp or nbf that is present but not a usable time ({@link timeClaimMs} NaN) makes the token invalid,
 * never valid forever; expired (now ≥ exp) wins over not yet valid (now < nbf). Times in milliseconds since 1970.
 *
 * @example
 * timeValidity(Date.parse('2026-01-01'), undefined, Date.parse('2026-06-01')); // 'expired'
 * timeValidity(Number.NaN, undefined, Date.now()); // 'invalid'
 */
export function timeValidity(expMs: number | undefined, nbfMs: number | undefined, nowMs: number): TimeValidity {
  if (Number.isNaN(expMs) || Number.isNaN(nbfMs)) return 'invalid';
  if (expMs !== undefined && nowMs >= expMs) return 'expired';
  if (nbfMs !== undefined && nowMs < nbfMs) return 'not-yet-valid';
  return expMs !== undefined ? 'valid' : 'no-expiry';
}

/** Status and its wording from exp and nbf ({@link timeValidity}). */
function timeStatus(
  claims: Record<string, unknown>,
  now: Date,
  zone: TimeZoneChoice,
): Pick<TokenExplanation, 'status' | 'statusText' | 'expiresAt'> {
  const expMs = timeClaimMs(claims.exp);
  const nbfMs = timeClaimMs(claims.nbf);
  const expiresAt = expMs === undefined || Number.isNaN(expMs) ? undefined : new Date(expMs);
  const notBefore = nbfMs === undefined || Number.isNaN(nbfMs) ? undefined : new Date(nbfMs);
  const at = expiresAt ? { expiresAt } : {};
  switch (timeValidity(expMs, nbfMs, now.getTime())) {
    case 'invalid':
      return { status: 'invalid', statusText: `Invalid — ${unusableTimeClaim(claims)?.reason ?? 'a time claim is not usable'}: verification refuses it` };
    case 'expired':
      return { status: 'expired', statusText: `Expired ${relativeTime(expiresAt ?? now, now)}`, ...at };
    case 'not-yet-valid':
      return {
        status: 'not-yet-valid',
        statusText: `Not valid until ${describeInstant(notBefore ?? now, zone)} — ${relativeTime(notBefore ?? now, now)}`,
        ...at,
      };
    case 'valid':
      return { status: 'valid', statusText: `Valid — expires ${relativeTime(expiresAt ?? now, now)}`, ...at };
    case 'no-expiry':
      return { status: 'no-expiry', statusText: 'No expiry (exp missing)' };
  }
}

/** Rows for every member of `object`, in the token's own order. */
function explainFields(
  object: Record<string, unknown>,
  labels: Readonly<Record<string, string>>,
  text: (name: string, value: unknown) => string,
): ExplainedField[] {
  return Object.entries(object).map(([name, value]) => {
    const label = Object.hasOwn(labels, name) ? labels[name] : undefined;
    // Unregistered members are shown as compact JSON: their type is all a reader can rely on.
    return label === undefined
      ? { name, label: name, value, text: compactJson(value), registered: false }
      : { name, label, value, text: text(name, value), registered: true };
  });
}

function headerText(name: string, value: unknown): string {
  if ((name === 'alg' || name === 'enc') && typeof value === 'string') return algorithmText(value);
  if (name === 'zip' && value === 'DEF') return 'DEF — DEFLATE compression before encryption';
  if (name === 'crit' && Array.isArray(value)) return value.map(v => compactJson(v)).join(', ');
  if (name === 'x5c' && Array.isArray(value)) return `${value.length} certificate${value.length === 1 ? '' : 's'}`;
  if (name === 'p2c' && typeof value === 'number') return `${value.toLocaleString('en-US')} iterations`;
  return typeof value === 'string' ? value : compactJson(value);
}

/** "RS256 — RSASSA-PKCS1-v1_5 with SHA-256" (wording shared with the rest of the engine). */
function algorithmText(alg: string): string {
  return `${alg} — ${describeAlgorithm(alg) ?? 'an algorithm JWT Workbench does not know'}`;
}

function claimText(name: string, value: unknown, now: Date, zone: TimeZoneChoice): string {
  if (name === 'aud' && Array.isArray(value)) return value.map(v => (typeof v === 'string' ? v : compactJson(v))).join(', ');
  if (name === 'exp' || name === 'nbf' || name === 'iat') {
    if (!isNumericDate(value)) return `${compactJson(value)} (not a NumericDate: expected seconds since 1970 as a number)`;
    const date = numericDate(value);
    if (Number.isNaN(date.getTime())) return `a date beyond the range of the calendar (${String(value)}): not a usable time`;
    return `${describeInstant(date, zone)} — ${timeWording(name, date, now)}`;
  }
  return typeof value === 'string' ? value : compactJson(value);
}

/** "expires in 12 min", "expired 3 days ago", "becomes valid in 2 h", "issued 5 min ago". */
function timeWording(name: 'exp' | 'nbf' | 'iat', date: Date, now: Date): string {
  const relative = relativeTime(date, now);
  const future = date.getTime() > now.getTime();
  switch (name) {
    case 'exp': return future ? `expires ${relative}` : `expired ${relative}`;
    case 'nbf': return future ? `becomes valid ${relative}` : `became valid ${relative}`;
    case 'iat': return future ? `issued ${relative} (in the future)` : `issued ${relative}`;
  }
}

function headerWarnings(header: JoseHeader): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  if (header.jwk !== undefined) {
    warnings.push({
      code: 'embedded-jwk',
      severity: 'warning',
      message: 'The header carries its own key (jwk). A key sent inside the token proves nothing; it is never trusted by JWT Workbench.',
    });
  }
  for (const name of ['jku', 'x5u'] as const) {
    if (header[name] === undefined) continue;
    warnings.push({
      code: name,
      severity: 'warning',
      message: `The header points to a key URL (${name}: ${quoteShort(header[name])}). It is never trusted by JWT Workbench, which does not fetch it; verify with a key you chose.`,
    });
  }
  if (header.kid !== undefined) {
    const risk = kidRisk(header.kid);
    if (risk) {
      warnings.push({
        code: 'kid-injection',
        severity: 'warning',
        message: `The key ID (kid ${quoteShort(header.kid)}) looks like ${risk}: a known attack on verifiers that look keys up by kid. JWT Workbench only matches kid against its own keys.`,
      });
    }
  }
  if (header.b64 !== undefined && header.b64 !== true) {
    const listed = Array.isArray(header.crit) && header.crit.includes('b64');
    warnings.push(listed
      ? { code: 'unencoded-payload', severity: 'warning', message: 'The payload is not base64url-encoded ("b64": false, RFC 7797): this is not a JWT, and JWT Workbench does not verify or sign such tokens.' }
      : { code: 'unencoded-payload', severity: 'error', message: 'The header has "b64" without listing it in "crit", as RFC 7797 requires: verifiers would read its payload in two different ways. JWT Workbench refuses this token.' });
  }
  if (header.crit !== undefined) {
    const list = Array.isArray(header.crit) ? boundedList(header.crit.map(shortJson)) : shortJson(header.crit);
    warnings.push({
      code: 'crit',
      severity: 'warning',
      message: `The header marks extensions as critical (crit: ${list}): a verifier must reject the token unless it understands each of them.`,
    });
  }
  return warnings;
}

/** What a suspicious `kid` looks like, or undefined when it looks like an ordinary identifier. */
function kidRisk(kid: unknown): string | undefined {
  if (typeof kid !== 'string') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(kid)) return 'a URL';
  if (/\.\.[/\\]|^\/|^[a-z]:\\|\/(etc|dev|proc|tmp|var|home|root)\//i.test(kid)) return 'a file path';
  if (/'|--|;|\/\*|\bunion\s+select\b/i.test(kid)) return 'an SQL fragment';
  if (/[|`$]/.test(kid) || hasControlCharacter(kid)) return 'a shell command or control characters';
  return undefined;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

function hmacWarnings(alg: string, keyBytes: number | undefined): TokenWarning[] {
  const min = HMAC_MIN_KEY_BYTES[alg];
  if (min === undefined || keyBytes === undefined || keyBytes >= min) return [];
  return [{
    code: 'weak-hmac-key',
    severity: 'warning',
    message: `The HMAC key is ${keyBytes} byte${keyBytes === 1 ? '' : 's'} long; ${alg} needs at least ${min} bytes (the hash size, RFC 7518 §3.2). Short secrets can be guessed offline.`,
  }];
}

function claimWarnings(claims: Record<string, unknown>, now: Date): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const value = claims[name];
    if (value === undefined) continue;
    if (!isNumericDate(value)) {
      warnings.push({
        code: `${name}-not-number`,
        severity: 'error',
        message: `${CLAIM_LABELS[name]} (${name}) is ${shortJson(value)}, not a number of seconds since 1970: verifiers reject or misread it.`,
      });
    } else if (Math.abs(value) >= 1e11) {
      // 1e11 s is the year 5138; such values are nearly always milliseconds by mistake.
      warnings.push({
        code: 'time-in-milliseconds',
        severity: 'warning',
        message: `${CLAIM_LABELS[name]} (${name}) is ${value}: that looks like milliseconds, but JWT times are seconds since 1970.`,
      });
    }
  }
  const { iat, exp } = claims;
  if (isNumericDate(iat) && iat * 1000 > now.getTime()) {
    warnings.push({
      code: 'iat-in-future',
      severity: 'warning',
      message: `Issued At (iat) is ${relativeTime(numericDate(iat), now)}, in the future: the issuer's clock may be ahead, or the token was made by hand.`,
    });
  }
  if (isNumericDate(iat) && isNumericDate(exp) && exp - iat > DAY_SECONDS) {
    warnings.push({
      code: 'long-lifetime',
      severity: 'info',
      message: `This token lives ${describeSpan((exp - iat) * 1000)} (iat to exp); tokens that live longer than 24 h are hard to revoke if leaked.`,
    });
  }
  return warnings;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A NumericDate (seconds) as a Date; may be an invalid Date when far out of range, which callers word. */
function numericDate(seconds: number): Date {
  return new Date(seconds * 1000);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Compact JSON of a claim or header value; never throws (a value made by hand may be cyclic or a BigInt). */
function compactJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  // JSON would write null for these: 1e400 in a token parses as Infinity.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(a value that cannot be shown as JSON)';
  }
}

/** Compact JSON for a message, cut to a readable length. */
function shortJson(value: unknown): string {
  const text = compactJson(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A value quoted for a message, cut to a readable length. */
function quoteShort(value: unknown): string {
  const text = typeof value === 'string' ? value : compactJson(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}
