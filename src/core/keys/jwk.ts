/**
 * JWK facts shared by reading, importing and exporting: which members make a key, which key types the
 * workbench supports, and the algorithm a key gets when nothing names one.
 */
import type { JWK } from 'jose';
import { WorkbenchError } from '../errors';

export const PUBLIC_MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y'] as const;
export const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;
/** Every member that makes a key, in a fixed order (cache keys and thumbprints depend on it). */
export const KEY_MEMBERS = [...PUBLIC_MEMBERS, ...SECRET_MEMBERS] as const;

/** Only the members that make the key (no kid/alg/use/key_ops/x5c): `public` drops the private ones (and an oct key's `k`). */
export function keyParams(jwk: JWK, which: 'public' | 'private'): JWK {
  const out: JWK = {};
  const members = which === 'private' ? KEY_MEMBERS : PUBLIC_MEMBERS;
  for (const m of members) {
    const v = jwk[m];
    if (typeof v === 'string') out[m] = v;
  }
  return out;
}

/** Key members that are not strings would be dropped silently on import, or crash in jose: refuse them by name. */
export function assertStringMembers(jwk: JWK): void {
  for (const m of KEY_MEMBERS) {
    const v: unknown = jwk[m];
    if (v !== undefined && typeof v !== 'string') {
      const what = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
      throw new WorkbenchError('KEY_FORMAT', `The JWK's "${m}" must be a base64url string; it is ${what}.`);
    }
  }
}

export const EC_CURVE_ALG: Readonly<Record<string, string>> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
export const SUPPORTED_TYPES = 'use RSA, EC (P-256/384/521), Ed25519 or an HMAC secret.';
export const UNSUPPORTED_OIDS: Readonly<Record<string, string>> = {
  '1.2.840.10040.4.1': `DSA keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.113549.1.3.1': `Diffie-Hellman keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.10046.2.1': `Diffie-Hellman keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.113549.1.1.10': 'RSA-PSS-restricted keys (id-RSASSA-PSS) are not supported: use a plain RSA key (rsaEncryption), which signs PS256 as well.',
  '1.3.101.110': 'X25519 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.',
  '1.3.101.111': 'X448 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.',
  '1.3.101.113': `Ed448 keys are not supported: ${SUPPORTED_TYPES}`,
  '1.3.132.0.10': `The secp256k1 curve (ES256K) is not supported: ${SUPPORTED_TYPES}`,
};

export function unsupported(message: string): WorkbenchError {
  return new WorkbenchError('KEY_UNSUPPORTED', message);
}

/** Throws KEY_UNSUPPORTED for any key type the workbench does not keep. */
export function assertSupportedJwk(jwk: JWK): void {
  if (jwk.kty === 'RSA' || jwk.kty === 'oct') return;
  if (jwk.kty === 'EC') {
    if (jwk.crv && jwk.crv in EC_CURVE_ALG) return;
    if (jwk.crv === 'secp256k1') throw unsupported(UNSUPPORTED_OIDS['1.3.132.0.10'] ?? '');
    throw unsupported(`The EC curve ${JSON.stringify(jwk.crv ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
  }
  if (jwk.kty === 'OKP') {
    if (jwk.crv === 'Ed25519') return;
    if (jwk.crv === 'X25519' || jwk.crv === 'X448') throw unsupported(UNSUPPORTED_OIDS[jwk.crv === 'X25519' ? '1.3.101.110' : '1.3.101.111'] ?? '');
    throw unsupported(`The OKP curve ${JSON.stringify(jwk.crv ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
  }
  throw unsupported(`The key type ${JSON.stringify(jwk.kty ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
}

/** The signing algorithm a key of this type gets when nothing names one. */
export function defaultAlg(jwk: JWK): string {
  switch (jwk.kty) {
    case 'RSA': return 'RS256';
    case 'EC': return EC_CURVE_ALG[jwk.crv ?? ''] ?? 'ES256';
    case 'OKP': return 'EdDSA';
    default: {
      const bytes = typeof jwk.k === 'string' ? Math.floor((jwk.k.length * 3) / 4) : 32;
      return bytes >= 64 ? 'HS512' : bytes >= 48 ? 'HS384' : 'HS256';
    }
  }
}

/** The algorithm used only to load a key into WebCrypto (validation and PEM export), never the key's own. */
export function importAlg(jwk: JWK): string {
  return jwk.kty === 'oct' ? 'HS256' : defaultAlg(jwk);
}
