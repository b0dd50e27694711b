/**
 * Choosing among several keys, in one place: by kid, then by what each key can do. "None fits"
 * (`KEY_NOT_FOUND` / `KEY_ALG_MISMATCH`) and "more than one fits" (`KEY_AMBIGUOUS`) are different answers.
 */
import type { JWK } from 'jose';
import { WorkbenchError } from '../errors';
import { assertKeyFits, describeKeyType, isPrivateJwk, keyFits, keyRequirement, quoteAlg, quoteText } from '../algorithms';
import type { KeyUse } from '../algorithms';
import type { KeyCandidates } from './read';

/** What a key is wanted for: the algorithm (and for `dir`, the content encryption) and the operation. */
export interface KeyPurpose {
  alg: string;
  use: KeyUse;
  /** JWE content encryption; only `dir` needs it (its key is the content key). */
  enc?: string;
}

/** How many keys a message names before "and N more". */
const LISTED = 5;

/** A key's name in a list: its kid, else its type. */
function keyName(jwk: JWK, index: number): string {
  return typeof jwk.kid === 'string' && jwk.kid ? quoteText(jwk.kid) : `key ${index + 1} (${describeKeyType(jwk)}, no kid)`;
}

/** Keys named in a message, bounded: the first few and a count of the rest. */
export function listKeys(keys: JWK[], describe = false): string {
  const names = keys.slice(0, LISTED).map((k, i) => describe && typeof k.kid === 'string' ? `${keyName(k, i)} (${describeKeyType(k)})` : keyName(k, i));
  return keys.length > LISTED ? `${names.join(', ')} and ${keys.length - LISTED} more` : names.join(', ');
}

/** JWK members that restrict what a key may do, checked when choosing in a set (as jose's createLocalJWKSet does). */
function markedFor(jwk: JWK, purpose: KeyPurpose): boolean {
  if (jwk.alg !== undefined && jwk.alg !== purpose.alg) return false;
  if (Array.isArray(jwk.key_ops)) {
    const op = purpose.use === 'encrypt' ? ['encrypt', 'wrapKey', 'deriveKey', 'deriveBits'] : purpose.use === 'decrypt'
      ? ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'] : [purpose.use];
    if (!jwk.key_ops.some(o => op.includes(o))) return false;
  }
  return true;
}

/**
 * The keys of a JWK Set that may do `purpose`: the ones with `kid` when a kid is given, then those whose type,
 * curve, `alg`, `use` and `key_ops` fit.
 * @throws WorkbenchError `KEY_NOT_FOUND` (no kid match, or nothing fits), `KEY_ALG_MISMATCH` when the keys
 *   that would fit are marked (by `alg` or `key_ops`) for something else, or the fit error of a lone key.
 */
function selectInSet(keys: JWK[], purpose: KeyPurpose, kid?: string): JWK[] {
  let pool = keys;
  if (kid !== undefined) {
    pool = keys.filter(k => k.kid === kid);
    if (pool.length === 0) {
      throw new WorkbenchError('KEY_NOT_FOUND', `No key in the JWKS has kid "${quoteText(kid)}"; it has: ${listKeys(keys)}.`, { kid: quoteText(kid) });
    }
  }
  const fitting = pool.filter(k => markedFor(k, purpose) && keyFits(k, purpose.alg, purpose.use, purpose.enc));
  if (fitting.length > 0) return fitting;
  const [only] = pool;
  if (pool.length === 1 && only) {
    const named = typeof only.kid === 'string' ? ` with kid "${quoteText(only.kid)}"` : '';
    if (only.alg !== undefined && only.alg !== purpose.alg) {
      throw new WorkbenchError('KEY_ALG_MISMATCH', `The key${named} is marked for ${quoteAlg(only.alg)} (its "alg"); the token uses ${purpose.alg}.`, { alg: purpose.alg });
    }
    assertKeyFits(only, purpose.alg, purpose.use, purpose.enc);
    throw new WorkbenchError('KEY_ALG_MISMATCH', `The key${named} may not ${purpose.use} (its "key_ops").`, { alg: purpose.alg });
  }
  // Keys of the right type that their own "alg" or "key_ops" rule out: say so, not "no key fits".
  const ofType = pool.filter(k => keyFits(k, purpose.alg, purpose.use, purpose.enc));
  if (ofType.length > 0) {
    const marks = [...new Set(ofType.map(k => k.alg).filter((a): a is string => typeof a === 'string' && a !== purpose.alg))].slice(0, LISTED);
    throw new WorkbenchError('KEY_ALG_MISMATCH', ofType.every(k => k.alg !== undefined && k.alg !== purpose.alg)
      ? `The keys in the JWKS that could ${purpose.use} ${purpose.alg} are marked for ${marks.map(quoteAlg).join(', ')} (their "alg"); the token uses ${purpose.alg}.`
      : `The keys in the JWKS that could ${purpose.use} ${purpose.alg} may not ${purpose.use} (their "alg" or "key_ops").`, { alg: purpose.alg });
  }
  throw new WorkbenchError('KEY_NOT_FOUND',
    `No key in the JWKS fits ${purpose.alg}${describeNeed(purpose)}; it has: ${listKeys(pool, true)}.`, { alg: purpose.alg });
}

/**
 * The keys to use for `purpose`, chosen the way their source calls for:
 * - a JWK Set: by `kid` (the token's or the header's), then by type, `alg`, `use` and `key_ops`;
 * - a PEM bundle (a key with its certificate chain, say): its one private key when it has exactly one, else
 *   its first key (the leaf of a chain). Never a key further down the chain, which would let a token signed
 *   by the CA verify, and never by `kid`: a PEM key's kid is a computed thumbprint, not a name the token knows;
 * - a single JWK, stored key, DER key or secret: itself (its fit is checked on import, with the precise message).
 * Several results (JWK Sets only) mean "try each": verify and decrypt do; sign and encrypt use {@link chooseOneKey}.
 * @throws WorkbenchError `KEY_NOT_FOUND`, `KEY_ALG_MISMATCH`; `KEY_AMBIGUOUS` for a PEM bundle with several
 *   private keys when signing or decrypting.
 * @example chooseKeys(await readKeys(fullchainPem), { alg: 'ES256', use: 'verify' }) // [the leaf's key]
 */
export function chooseKeys(read: KeyCandidates, purpose: KeyPurpose, kid?: string): JWK[] {
  if (read.source === 'set') return selectInSet(read.keys, purpose, kid);
  if (read.source !== 'pem' || read.keys.length <= 1) return read.keys;
  const privateKeys = read.keys.filter(isPrivateJwk);
  if (privateKeys.length === 1) return privateKeys;
  if (privateKeys.length > 1 && (purpose.use === 'sign' || purpose.use === 'decrypt')) {
    throw new WorkbenchError('KEY_AMBIGUOUS',
      `The PEM text holds ${privateKeys.length} private keys; give only the one to ${purpose.use} with.`, { alg: purpose.alg });
  }
  return read.keys.slice(0, 1);
}

/**
 * The one key for `purpose` (signing, encrypting: there is nothing to try).
 * @throws WorkbenchError `KEY_AMBIGUOUS` when several keys fit and no kid says which, and those of {@link chooseKeys}.
 */
export function chooseOneKey(read: KeyCandidates, purpose: KeyPurpose, kid?: string): JWK {
  const keys = chooseKeys(read, purpose, kid);
  const [first] = keys;
  if (!first) throw new WorkbenchError('KEY_NOT_FOUND', 'No key was given.');
  if (keys.length > 1) {
    throw new WorkbenchError('KEY_AMBIGUOUS',
      `The JWKS has ${keys.length} keys that can ${purpose.use} with ${purpose.alg} (${listKeys(keys)}); set "kid" in the header to choose one.`,
      { alg: purpose.alg, count: keys.length });
  }
  return first;
}

function describeNeed(purpose: KeyPurpose): string {
  try {
    const req = keyRequirement(purpose.alg, purpose.enc);
    return req.kty === 'password' ? '' : ` (it needs ${req.kty === 'oct' ? 'a shared secret' : `an ${req.kty}${req.crv?.length === 1 ? ` ${req.crv[0]}` : ''} key`})`;
  } catch {
    return '';
  }
}
