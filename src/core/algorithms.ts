/**
 * Which algorithm fits which key, in words a person reads: every "this key cannot do that" message of the
 * engine is built here, so sign, verify, encrypt and decrypt say it the same way.
 */
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { WorkbenchError } from './errors';
import { JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHMS, JWS_ALGORITHMS } from './types';
import type { JweContentAlgorithm, JweKeyAlgorithm, JwsAlgorithm } from './types';

/** What a key is used for in one operation. */
export type KeyUse = 'sign' | 'verify' | 'encrypt' | 'decrypt';

/** The kind of key an algorithm needs. `password` is PBES2's: free text, no JWK. */
export interface KeyRequirement {
  kty: 'oct' | 'RSA' | 'EC' | 'OKP' | 'password';
  /** Allowed curves, for EC/OKP. */
  crv?: readonly string[];
  /** Secret length in bytes: exact for AES key wrap and `dir`, a minimum for HMAC. */
  bytes?: number;
  /** HMAC secrets may be longer than `bytes`; AES keys must be exactly `bytes`. */
  exact?: boolean;
  /** Smallest RSA modulus, in bits. */
  minRsaBits?: number;
}

const JWS_SET: ReadonlySet<string> = new Set(JWS_ALGORITHMS);
const JWE_KEY_SET: ReadonlySet<string> = new Set(JWE_KEY_ALGORITHMS);
const JWE_CONTENT_SET: ReadonlySet<string> = new Set(JWE_CONTENT_ALGORITHMS);

/** True for a JWS algorithm the engine signs and verifies with. */
export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && JWS_SET.has(alg);
}

/** True for a JWE key-management algorithm the engine supports. */
export function isJweKeyAlgorithm(alg: unknown): alg is JweKeyAlgorithm {
  return typeof alg === 'string' && JWE_KEY_SET.has(alg);
}

/** True for a JWE content-encryption algorithm the engine supports. */
export function isJweContentAlgorithm(enc: unknown): enc is JweContentAlgorithm {
  return typeof enc === 'string' && JWE_CONTENT_SET.has(enc);
}

/** True for `none` in any letter case (`None`, `NONE`, `nOnE`…): never accepted anywhere. */
export function isNoneAlgorithm(alg: unknown): boolean {
  return typeof alg === 'string' && alg.toLowerCase() === 'none';
}

const EC_CURVE_BY_ALG: Readonly<Record<string, string>> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };
const CONTENT_KEY_BYTES: Readonly<Record<string, number>> = {
  A128GCM: 16, A192GCM: 24, A256GCM: 32,
  'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64,
};

/**
 * The key `alg` needs (`enc` matters only for `dir`, whose key is the content key).
 * @throws WorkbenchError `ALG_UNSUPPORTED` for an algorithm the engine does not know.
 * @example keyRequirement('ES256') // { kty: 'EC', crv: ['P-256'] }
 */
export function keyRequirement(alg: string, enc?: string): KeyRequirement {
  const hs = /^HS(256|384|512)$/.exec(alg);
  if (hs) return { kty: 'oct', bytes: Number(hs[1]) / 8 };
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return { kty: 'RSA', minRsaBits: 2048 };
  const curve = EC_CURVE_BY_ALG[alg];
  if (curve) return { kty: 'EC', crv: [curve] };
  if (alg === 'EdDSA') return { kty: 'OKP', crv: ['Ed25519'] };
  if (alg === 'dir') {
    const bytes = enc === undefined ? undefined : CONTENT_KEY_BYTES[enc];
    return bytes === undefined ? { kty: 'oct' } : { kty: 'oct', bytes, exact: true };
  }
  const kw = /^A(128|192|256)(GCM)?KW$/.exec(alg);
  if (kw) return { kty: 'oct', bytes: Number(kw[1]) / 8, exact: true };
  if (alg.startsWith('RSA-OAEP') && isJweKeyAlgorithm(alg)) return { kty: 'RSA', minRsaBits: 2048 };
  if (alg.startsWith('ECDH-ES') && isJweKeyAlgorithm(alg)) return { kty: 'EC', crv: ['P-256', 'P-384', 'P-521', 'X25519'] };
  if (alg.startsWith('PBES2-') && isJweKeyAlgorithm(alg)) return { kty: 'password' };
  throw unsupportedAlgorithm(alg);
}

/** The error for an algorithm the engine does not implement, with the reason when there is a well-known one. */
export function unsupportedAlgorithm(alg: string): WorkbenchError {
  if (alg === 'RSA1_5') {
    return new WorkbenchError('ALG_UNSUPPORTED',
      'RSA1_5 (RSAES-PKCS1-v1_5) is not supported: it is open to padding-oracle attacks and jose v6 removed it. Use RSA-OAEP-256.',
      { alg });
  }
  return new WorkbenchError('ALG_UNSUPPORTED', `The algorithm ${quoteAlg(alg)} is not supported.`, { alg });
}

/** An alg for a message: printable as is when short and plain, else JSON-quoted and cut. */
export function quoteAlg(alg: unknown): string {
  if (typeof alg === 'string' && /^[\w+.-]{1,40}$/.test(alg)) return alg;
  let text: string;
  try {
    text = JSON.stringify(alg) ?? String(alg);
  } catch {
    // A BigInt or a cycle: named by its type, never a TypeError from a message.
    text = typeof alg === 'bigint' ? `${String(alg)}n` : `(${typeof alg})`;
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Text from outside (a kid, a claim name) shortened and stripped of control characters for a message. */
export function quoteText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.slice(0, 61).replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/**
 * A key as a person names it: "an RSA key", "an EC P-384 key", "an Ed25519 key", "a shared secret".
 * @example describeKeyType({ kty: 'EC', crv: 'P-256', x: '…', y: '…' }) // 'an EC P-256 key'
 */
export function describeKeyType(jwk: JWK): string {
  switch (jwk.kty) {
    case 'RSA': return 'an RSA key';
    case 'EC': return `an EC ${jwk.crv ?? ''} key`.replace('  ', ' ');
    case 'OKP': return `an ${jwk.crv ?? 'OKP'} key`;
    case 'oct': return 'a shared secret (oct key)';
    default: return `a key of type ${quoteAlg(jwk.kty)}`;
  }
}

function describeRequirement(req: KeyRequirement, privacy: 'private ' | 'public ' | ''): string {
  switch (req.kty) {
    case 'oct':
      if (req.bytes === undefined) return 'a shared secret (oct key)';
      return req.exact
        ? `a shared secret of exactly ${req.bytes} bytes (${req.bytes * 8} bits)`
        : `a shared secret of at least ${req.bytes} bytes (${req.bytes * 8} bits)`;
    case 'RSA': return `an RSA ${privacy}key`;
    case 'EC':
      return req.crv && req.crv.length === 1
        ? `an EC ${req.crv[0]} ${privacy}key`
        : `an EC (P-256, P-384 or P-521) or X25519 ${privacy}key`;
    case 'OKP': return `an ${req.crv?.[0] ?? 'OKP'} ${privacy}key`;
    case 'password': return 'a password';
  }
}

/** True when the JWK carries a private (or secret) part. */
export function isPrivateJwk(jwk: JWK): boolean {
  return typeof jwk.d === 'string' || (jwk.kty === 'oct' && typeof jwk.k === 'string');
}

/** A JWK member's bytes; `KEY_FORMAT` naming the member when it is not base64url (jose's own error would not). */
function memberBytes(jwk: JWK, member: 'n' | 'e' | 'k', value: string): Uint8Array {
  try {
    return base64url.decode(value);
  } catch {
    throw new WorkbenchError('KEY_FORMAT', `The JWK's "${member}" is not valid base64url.`, { kty: String(jwk.kty) });
  }
}

/** RSA modulus size in bits, from the JWK's `n`. */
function rsaModulusBits(jwk: JWK, n: string): number {
  const bytes = memberBytes(jwk, 'n', n);
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i) * 8 - (Math.clz32(bytes[i] ?? 0) - 24);
}

/**
 * `KEY_TOO_WEAK` for an RSA public exponent that makes the key worthless: e = 1 (the "signature" is the
 * message itself) or an even e (not invertible, and a sign of a forged or broken key).
 */
function assertRsaExponent(jwk: JWK, e: string, alg: string): void {
  const bytes = memberBytes(jwk, 'e', e);
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  if (value >= 3n && value % 2n === 1n) return;
  const shown = bytes.length <= 8 ? value.toString() : `a ${bytes.length * 8}-bit even number`;
  throw new WorkbenchError('KEY_TOO_WEAK',
    `${alg} needs an RSA key whose public exponent is odd and at least 3 (normally 65537); this one has e = ${shown}.`, { alg });
}

/**
 * Checks that `jwk` can do `use` with `alg` (type, curve, private part, strength, its own `use` mark).
 * HMAC secrets shorter than the hash are refused for signing only: verifying an existing token with a weak
 * secret is what a person debugging it needs to do.
 * @throws WorkbenchError `KEY_ALG_MISMATCH`, `KEY_NOT_PRIVATE`, `KEY_TOO_WEAK`, `ALG_UNSUPPORTED`.
 * @example assertKeyFits(rsaJwk, 'ES256', 'sign') // throws "ES256 needs an EC P-256 private key; this is an RSA key."
 */
export function assertKeyFits(jwk: JWK, alg: string, use: KeyUse, enc?: string): void {
  const req = keyRequirement(alg, enc);
  const needsPrivate = use === 'sign' || use === 'decrypt';
  const privacy = req.kty === 'oct' ? '' : needsPrivate ? 'private ' : '';
  const fitsType = req.kty === 'password'
    ? jwk.kty === 'oct'
    : req.kty === 'EC'
      ? (jwk.kty === 'EC' || (jwk.kty === 'OKP' && req.crv?.includes('X25519') === true)) && req.crv?.includes(String(jwk.crv)) === true
      : jwk.kty === req.kty && (req.crv === undefined || req.crv.includes(String(jwk.crv)));
  if (!fitsType) {
    throw new WorkbenchError('KEY_ALG_MISMATCH', `${alg} needs ${describeRequirement(req, privacy)}; this is ${describeKeyType(jwk)}.`, { alg });
  }
  const markedUse = jwk.use;
  const wantedUse = use === 'sign' || use === 'verify' ? 'sig' : 'enc';
  if (typeof markedUse === 'string' && markedUse !== wantedUse) {
    throw new WorkbenchError('KEY_ALG_MISMATCH',
      `This key is marked "use": "${quoteAlg(markedUse)}" (${markedUse === 'sig' ? 'signatures' : 'encryption'}), so it cannot ${use}.`, { alg });
  }
  if (needsPrivate && !isPrivateJwk(jwk)) {
    throw new WorkbenchError('KEY_NOT_PRIVATE', `${use === 'sign' ? 'Signing' : 'Decrypting'} with ${alg} needs a private key; this is a public key.`, { alg });
  }
  if (req.minRsaBits !== undefined && typeof jwk.e === 'string') assertRsaExponent(jwk, jwk.e, alg);
  if (req.minRsaBits !== undefined && typeof jwk.n === 'string') {
    const bits = rsaModulusBits(jwk, jwk.n);
    if (bits < req.minRsaBits) {
      throw new WorkbenchError('KEY_TOO_WEAK', `${alg} needs an RSA key of at least ${req.minRsaBits} bits; this one has ${bits} bits.`, { alg, bits });
    }
  }
  if (req.kty === 'oct' && req.bytes !== undefined && typeof jwk.k === 'string') {
    const bytes = memberBytes(jwk, 'k', jwk.k).length;
    if (req.exact ? bytes !== req.bytes : use === 'sign' && bytes < req.bytes) {
      throw new WorkbenchError(req.exact ? 'KEY_ALG_MISMATCH' : 'KEY_TOO_WEAK',
        `${alg}${alg === 'dir' && enc ? ` with ${enc}` : ''} needs ${describeRequirement(req, '')}; this one has ${bytes} byte${bytes === 1 ? '' : 's'}.`,
        { alg, bytes });
    }
  }
}

/** True when {@link assertKeyFits} would accept the key. */
export function keyFits(jwk: JWK, alg: string, use: KeyUse, enc?: string): boolean {
  try {
    assertKeyFits(jwk, alg, use, enc);
    return true;
  } catch {
    return false;
  }
}

/**
 * The JWS algorithms a key can sign or verify with, most common first: what a sign panel offers for it.
 * @example jwsAlgorithmsForKey({ kty: 'EC', crv: 'P-384', x: '…', y: '…' }) // ['ES384']
 */
export function jwsAlgorithmsForKey(jwk: JWK): JwsAlgorithm[] {
  return JWS_ALGORITHMS.filter(alg => keyFits(jwk, alg, 'verify'));
}

const WORDS: Readonly<Record<string, string>> = {
  HS256: 'HMAC with SHA-256', HS384: 'HMAC with SHA-384', HS512: 'HMAC with SHA-512',
  RS256: 'RSASSA-PKCS1-v1_5 with SHA-256', RS384: 'RSASSA-PKCS1-v1_5 with SHA-384', RS512: 'RSASSA-PKCS1-v1_5 with SHA-512',
  PS256: 'RSASSA-PSS with SHA-256', PS384: 'RSASSA-PSS with SHA-384', PS512: 'RSASSA-PSS with SHA-512',
  ES256: 'ECDSA on P-256 with SHA-256', ES384: 'ECDSA on P-384 with SHA-384', ES512: 'ECDSA on P-521 with SHA-512',
  EdDSA: 'EdDSA (Ed25519)',
  dir: 'direct use of a shared content key',
  A128KW: 'AES key wrap, 128-bit key', A192KW: 'AES key wrap, 192-bit key', A256KW: 'AES key wrap, 256-bit key',
  A128GCMKW: 'AES-GCM key wrap, 128-bit key', A192GCMKW: 'AES-GCM key wrap, 192-bit key', A256GCMKW: 'AES-GCM key wrap, 256-bit key',
  'RSA-OAEP': 'RSA-OAEP with SHA-1', 'RSA-OAEP-256': 'RSA-OAEP with SHA-256', 'RSA-OAEP-384': 'RSA-OAEP with SHA-384', 'RSA-OAEP-512': 'RSA-OAEP with SHA-512',
  'ECDH-ES': 'ECDH-ES key agreement (direct)', 'ECDH-ES+A128KW': 'ECDH-ES + AES-128 key wrap',
  'ECDH-ES+A192KW': 'ECDH-ES + AES-192 key wrap', 'ECDH-ES+A256KW': 'ECDH-ES + AES-256 key wrap',
  'PBES2-HS256+A128KW': 'password (PBES2, SHA-256) + AES-128 key wrap',
  'PBES2-HS384+A192KW': 'password (PBES2, SHA-384) + AES-192 key wrap',
  'PBES2-HS512+A256KW': 'password (PBES2, SHA-512) + AES-256 key wrap',
  A128GCM: 'AES-128-GCM', A192GCM: 'AES-192-GCM', A256GCM: 'AES-256-GCM',
  'A128CBC-HS256': 'AES-128-CBC + HMAC-SHA-256', 'A192CBC-HS384': 'AES-192-CBC + HMAC-SHA-384', 'A256CBC-HS512': 'AES-256-CBC + HMAC-SHA-512',
  none: 'no signature at all (unsecured)',
};

/**
 * A short description of a JOSE algorithm, or undefined for one the engine does not know.
 * @example describeAlgorithm('PS256') // 'RSASSA-PSS with SHA-256'
 */
export function describeAlgorithm(alg: string): string | undefined {
  return WORDS[alg] ?? (isNoneAlgorithm(alg) ? WORDS.none : undefined);
}

/** What the engine was doing when jose refused, for {@link joseFailure}. */
export interface JoseContext {
  alg?: string;
  operation: 'sign' | 'verify' | 'encrypt' | 'decrypt';
}

/**
 * A jose error (or a WebCrypto one) as a {@link WorkbenchError} with a sentence a person understands.
 * Claim errors are worded by the verifier, which knows the dates and the expected values.
 */
export function joseFailure(e: unknown, context: JoseContext): WorkbenchError {
  if (e instanceof WorkbenchError) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
  const message = e instanceof Error ? e.message : '';
  const alg = context.alg ?? 'this algorithm';
  const make = (c: ConstructorParameters<typeof WorkbenchError>[0], text: string): WorkbenchError =>
    new WorkbenchError(c, text, context.alg ? { alg: context.alg } : undefined, { cause: e });
  const crit = /Extension Header Parameter "([^"]*)" is not recognized/.exec(message);
  if (crit) {
    return make('HEADER_CRIT',
      `The header marks "${crit[1]}" as critical ("crit"), an extension the workbench does not understand, so the token cannot be accepted.`);
  }
  if (/"crit"|Extension Header Parameter/.test(message)) return make('HEADER_CRIT', `The header's "crit" list is not valid: ${message.replace(/\.$/, '')}.`);
  if (/modulusLength/.test(message)) return make('KEY_TOO_WEAK', `${alg} needs an RSA key of at least 2048 bits; this one is smaller.`);
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return make('SIGNATURE_INVALID', 'The signature does not match: the token was changed or signed with another key.');
    case 'ERR_JWE_DECRYPTION_FAILED':
      return make('DECRYPTION_FAILED',
        'Decryption failed: either this is not the key the token was encrypted for, or the token was changed (the two cannot be told apart).');
    case 'ERR_JOSE_NOT_SUPPORTED':
      return make('ALG_UNSUPPORTED', `${context.operation === 'decrypt' || context.operation === 'encrypt' ? 'This encryption' : 'This'} algorithm is not supported: ${message.replace(/\.$/, '')}.`);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return make('ALG_NOT_ALLOWED', `The token's algorithm is not in the allowed list.`);
    case 'ERR_JWE_INVALID':
      if (/p2c|PBES2 Count/.test(message)) return make('PBES2_COUNT', `The token's PBES2 iteration count ("p2c") is out of bounds.`);
      return make('HEADER_INVALID', `The encrypted token is not valid: ${message.replace(/\.$/, '')}.`);
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return make(/Header/.test(message) ? 'HEADER_INVALID' : 'PAYLOAD_INVALID', `The token is not valid: ${message.replace(/\.$/, '')}.`);
    default:
      return make('INTERNAL', `Could not ${context.operation} with ${alg}: ${message.replace(/\.$/, '') || 'unexpected error'}.`);
  }
}
