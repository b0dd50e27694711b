/**
 * Making keys: RSA, EC, Ed25519 key pairs and HMAC secrets, only of the kinds and sizes the workbench supports.
 * An unknown type, curve or size is refused by name, never replaced by a default.
 */
import { exportJWK, generateKeyPair, generateSecret } from 'jose';
import { WorkbenchError } from '../errors';
import { keyFits, quoteAlg } from '../algorithms';
import type { JWK, KeyMaterial } from '../types';
import { EC_CURVE_ALG, defaultAlg } from './jwk';
import { materialFromJwk } from './material';

/** What {@link generateKey} makes. */
export type KeySpec =
  | { kty: 'RSA'; bits: 2048 | 3072 | 4096; alg?: string }
  | { kty: 'EC'; crv: 'P-256' | 'P-384' | 'P-521'; alg?: string }
  | { kty: 'OKP'; crv: 'Ed25519'; alg?: string }
  | { kty: 'oct'; bits: 256 | 384 | 512; alg?: string };

const RSA_BITS: readonly number[] = [2048, 3072, 4096];
const OCT_BITS: readonly number[] = [256, 384, 512];

/** A size from the caller as they wrote it: 1024, or "2048" when it came as text. */
function showBits(bits: unknown): string {
  return typeof bits === 'string' ? JSON.stringify(bits).slice(0, 40) : quoteAlg(bits);
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', message);
}

/** The spec checked member by member: callers outside TypeScript (commands, settings) can pass anything. */
function checkedSpec(spec: unknown): KeySpec {
  if (typeof spec !== 'object' || spec === null) throw invalid('Say what key to generate, e.g. { kty: "EC", crv: "P-256" }.');
  const { kty, bits, crv, alg } = spec as Record<string, unknown>;
  if (alg !== undefined && typeof alg !== 'string') throw invalid(`The key's "alg" must be text; it is ${quoteAlg(alg)}.`);
  switch (kty) {
    case 'RSA':
      if (typeof bits !== 'number' || !RSA_BITS.includes(bits)) {
        throw invalid(`RSA keys are generated with 2048, 3072 or 4096 bits; ${showBits(bits)} is not one of them.`);
      }
      return spec as KeySpec;
    case 'EC':
      if (typeof crv !== 'string' || !(crv in EC_CURVE_ALG)) throw invalid(`EC keys are generated on P-256, P-384 or P-521; ${quoteAlg(crv)} is not one of them.`);
      return spec as KeySpec;
    case 'OKP':
      if (crv !== 'Ed25519') throw invalid(`OKP keys are generated on Ed25519 only; ${quoteAlg(crv)} is not supported.`);
      return spec as KeySpec;
    case 'oct':
      if (typeof bits !== 'number' || !OCT_BITS.includes(bits)) {
        throw invalid(`HMAC secrets are generated with 256, 384 or 512 bits; ${showBits(bits)} is not one of them.`);
      }
      return spec as KeySpec;
    default:
      throw invalid(`The key type ${quoteAlg(kty)} cannot be generated: use RSA, EC, OKP (Ed25519) or oct (HMAC).`);
  }
}

/**
 * A new key pair (or HMAC secret) with `kid` = its RFC 7638 thumbprint and a default `alg`
 * (RS256; ES256/ES384/ES512 by curve; EdDSA; HS256/HS384/HS512 by size) unless `spec.alg` names one that fits.
 * @throws WorkbenchError `OPTION_INVALID` for a type, curve, size or alg the workbench does not generate.
 * @example const key = await generateKey({ kty: 'EC', crv: 'P-256' }); key.alg // 'ES256'
 */
export async function generateKey(given: KeySpec): Promise<KeyMaterial> {
  const spec = checkedSpec(given);
  let jwk: JWK;
  if (spec.kty === 'oct') {
    jwk = await exportJWK(await generateSecret(`HS${spec.bits}`, { extractable: true }));
  } else {
    const genAlg = spec.kty === 'RSA' ? 'RS256' : spec.kty === 'EC' ? EC_CURVE_ALG[spec.crv] ?? 'ES256' : 'Ed25519';
    const { privateKey } = await generateKeyPair(genAlg, {
      extractable: true,
      ...(spec.kty === 'RSA' ? { modulusLength: spec.bits } : {}),
    });
    jwk = await exportJWK(privateKey);
  }
  const alg = spec.alg ?? defaultAlg(jwk);
  if (spec.alg !== undefined && !keyFits(jwk, alg, 'sign') && !keyFits(jwk, alg, 'decrypt')) {
    throw invalid(`A generated ${spec.kty} key cannot be used with ${quoteAlg(alg)}.`);
  }
  return materialFromJwk({ ...jwk, alg }, { loaded: true });
}
