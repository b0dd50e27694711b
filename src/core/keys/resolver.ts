/**
 * Turning whatever the user gave as a key ({@link KeyInput}) into keys jose can use, once: imported keys are
 * cached (bounded LRU) so that signing or verifying again with the same key costs what jose alone costs.
 * Keys and secrets are never logged and never appear in an error message.
 */
import { base64url, importJWK } from 'jose';
import type { JWK } from 'jose';
import { WorkbenchError, isWorkbenchError } from './errors';
import type { JWKSet, KeyInput, KeyMaterial, SecretEncoding } from './types';
import { assertKeyFits, describeKeyType, isPrivateJwk, keyFits, keyRequirement, quoteAlg } from './algorithms';
import type { KeyUse } from './algorithms';
import { importKey } from './keys';
import { decodeBase64, keyAlgorithmOf, looksLikePem, spkiOfCertificate } from './pem';

/** What a key is wanted for: the algorithm (and for `dir`, the content encryption) and the operation. */
export interface KeyPurpose {
  alg: string;
  use: KeyUse;
  /** JWE content encryption; only `dir` needs it (its key is the content key). */
  enc?: string;
}

/** How to read string inputs. */
export interface KeyReadOptions {
  /** How a shared-secret string is written: 'utf8' (default), 'base64', 'base64url' or 'hex'. */
  secretEncoding?: SecretEncoding;
  /** Passphrase of an encrypted PEM private key. */
  passphrase?: string;
}

/** A key ready for jose: a CryptoKey, or bytes for AES key wrap, `dir` and PBES2 passwords. */
export type JoseKey = CryptoKey | Uint8Array;

/** True for a stored {@link KeyMaterial} (it has a `publicJwk`). */
export function isKeyMaterial(input: unknown): input is KeyMaterial {
  return typeof input === 'object' && input !== null && 'publicJwk' in input && typeof input.publicJwk === 'object';
}

/** True for a JWK Set (an object with a `keys` array). */
export function isJwkSet(input: unknown): input is JWKSet {
  return typeof input === 'object' && input !== null && 'keys' in input && Array.isArray(input.keys);
}

/**
 * A shared secret written as text, as bytes.
 * @throws WorkbenchError `KEY_FORMAT` for an empty secret or one that is not valid in `encoding`.
 * @example decodeSecret('c2VjcmV0', 'base64') // bytes of "secret"
 */
export function decodeSecret(secret: string, encoding: SecretEncoding = 'utf8'): Uint8Array {
  if (secret === '') throw new WorkbenchError('KEY_FORMAT', 'The secret is empty.');
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(secret);
    case 'base64': {
      const bytes = decodeBase64(secret);
      if (!bytes) throw badSecret(secret.replace(/\s+/g, ''), 'base64', /[^A-Za-z0-9+/=]/);
      return bytes;
    }
    case 'base64url': {
      const clean = secret.trim().replace(/=+$/, '');
      if (!/^[A-Za-z0-9_-]+$/.test(clean) || clean.length % 4 === 1) throw badSecret(clean, 'base64url', /[^A-Za-z0-9_-]/);
      return base64url.decode(clean);
    }
    case 'hex': {
      const clean = secret.replace(/\s+/g, '').replace(/^0x/i, '');
      if (!/^(?:[0-9a-fA-F]{2})+$/.test(clean)) throw badSecret(clean, 'hex', /[^0-9a-fA-F]/);
      const out = new Uint8Array(clean.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
      return out;
    }
    default:
      // Settings and callers outside TypeScript can pass anything.
      throw new WorkbenchError('KEY_FORMAT',
        `The secret encoding ${quoteAlg(encoding as unknown)} is not known: use utf8, base64, base64url or hex.`);
  }
}

/** Names the first offending character's position, never the secret itself. */
function badSecret(clean: string, encoding: string, invalid: RegExp): WorkbenchError {
  const bad = invalid.exec(clean);
  const where = bad
    ? `it has a character that is not ${encoding} at position ${bad.index + 1}`
    : encoding === 'hex' ? 'it has an odd number of hex digits' : 'its length is not possible for this encoding';
  return new WorkbenchError('KEY_FORMAT', `The secret is not valid ${encoding}: ${where}.`, { encoding });
}

// ---------------------------------------------------------------------------------------------------------
// From KeyInput to JWKs

const MAX_CACHED = 64;

/** A small LRU: a Map keeps insertion order, so re-inserting on a hit keeps the recent entries last. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > MAX_CACHED) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
}

/** String inputs already read (PEM parsing is slow; secrets are re-encoded as oct JWKs once). */
const stringCache = new Lru<Promise<KeyCandidates>>();
/** Imported keys, by purpose and key. */
const keyCache = new Lru<Promise<JoseKey>>();

/** Forgets every cached key (e.g. when the user deletes keys). */
export function clearKeyCache(): void {
  stringCache.clear();
  keyCache.clear();
  byObject = new WeakMap();
}

/**
 * Where the keys of an input came from; it decides how one is chosen among several ({@link chooseKeys}).
 * `set` is a JWK Set (object or JSON text), `pem` is PEM text (one key, or a bundle such as a certificate
 * chain), `jwk` a single JWK (object or JSON text), `stored` a {@link KeyMaterial}, `secret` a shared secret.
 */
export type KeySource = 'set' | 'pem' | 'jwk' | 'stored' | 'secret';

/** The JWKs a key input stands for, and where they came from. */
export interface KeyCandidates {
  keys: JWK[];
  source: KeySource;
}

/**
 * Reads a key input: one JWK for a JWK, a stored key or a secret; several for a JWK Set or a PEM bundle.
 * Private parts are kept when there are some; a stored key's `kid` is copied onto its JWK. A string is a
 * JWK or JWK Set when it starts with `{`, PEM when it has PEM armour, else a shared secret, but text that is
 * plainly a public key or certificate (damaged PEM armour, an OpenSSH key, a bare base64 certificate or
 * public key) is refused rather than used as an HMAC secret: that is the HS256/RS256 key-confusion attack.
 * @throws WorkbenchError `KEY_FORMAT` (and the PEM errors of `importKey`).
 * @example (await readKeyInput('{"keys":[…]}')).source // 'set'
 */
export async function readKeyInput(input: KeyInput, options: KeyReadOptions = {}): Promise<KeyCandidates> {
  if (typeof input === 'string') return readStringKey(input, options);
  if (isKeyMaterial(input)) return { keys: [jwkOfMaterial(input)], source: 'stored' };
  return readObjectKey(input);
}

/** A JWK or JWK Set given as an object (or parsed from JSON text). */
function readObjectKey(input: unknown): KeyCandidates {
  if (isJwkSet(input)) {
    if (input.keys.length === 0) throw new WorkbenchError('KEY_FORMAT', 'The JWK Set is empty: it has no keys.');
    const keys = input.keys.map((k: unknown, i) => {
      if (typeof k !== 'object' || k === null || !('kty' in k) || typeof k.kty !== 'string') {
        throw new WorkbenchError('KEY_FORMAT', `Key ${i + 1} of the JWK Set is not a JWK (it has no "kty").`);
      }
      return k as JWK;
    });
    return { keys, source: 'set' };
  }
  if (typeof input !== 'object' || input === null || !('kty' in input) || typeof input.kty !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', 'This key is not a JWK, a JWK Set, a stored key, PEM text or a secret.');
  }
  return { keys: [input as JWK], source: 'jwk' };
}

/** A stored key's JWK with its kid, made once per JWK object (so its identity can key the import cache). */
const withKid = new WeakMap<JWK, JWK>();

function jwkOfMaterial(material: KeyMaterial): JWK {
  const jwk = material.privateJwk ?? material.publicJwk;
  if (material.kty === 'oct' && typeof jwk.k !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', `The stored secret (kid ${material.kid}) has no secret value.`, { kid: material.kid });
  }
  if (jwk.kid !== undefined || !material.kid) return jwk;
  let named = withKid.get(jwk);
  if (named?.kid !== material.kid) {
    named = { ...jwk, kid: material.kid };
    withKid.set(jwk, named);
  }
  return named;
}

function readStringKey(text: string, options: KeyReadOptions): Promise<KeyCandidates> {
  const trimmed = text.trim();
  const kind = trimmed.startsWith('{') ? 'json' : looksLikePem(text) ? 'pem' : 'secret';
  const cacheKey = kind === 'pem' ? `pem\u0000${options.passphrase ?? ''}\u0000${text}`
    : kind === 'json' ? `json\u0000${trimmed}` : `secret\u0000${options.secretEncoding ?? 'utf8'}\u0000${text}`;
  let found = stringCache.get(cacheKey);
  if (!found) {
    found = kind === 'pem'
      ? importKey(text, options.passphrase !== undefined ? { passphrase: options.passphrase } : {})
        .then(list => ({ keys: list.map(jwkOfMaterial), source: 'pem' as const }))
      : Promise.resolve().then(() => kind === 'json' ? readObjectKey(parseKeyJson(trimmed)) : readSecret(text, trimmed, options));
    stringCache.set(cacheKey, found);
    found.catch(() => stringCache.delete(cacheKey));
  }
  return found;
}

/** JSON text of a JWK or JWK Set. The parser's own message is not shown: it quotes the text, which may hold a secret. */
function parseKeyJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WorkbenchError('KEY_FORMAT',
      'This key starts with "{" like a JWK or JWK Set, but it is not valid JSON, so it cannot be read (and it is not used as a shared secret).',
      undefined, { cause });
  }
}

/** A string that is not JSON or PEM: a shared secret, unless it is plainly a key or certificate. */
function readSecret(text: string, trimmed: string, options: KeyReadOptions): KeyCandidates {
  refuseKeyText(trimmed);
  return { keys: [{ kty: 'oct', k: base64url.encode(decodeSecret(text, options.secretEncoding)) }], source: 'secret' };
}

const NOT_A_SECRET = 'This looks like a public key or certificate, not a shared secret:';
/** PEM armour with the wrong number of dashes (or spaces) still marks a key, not a secret. */
const DAMAGED_ARMOUR = /-+ *(?:BEGIN|END) [A-Z0-9]/;
const OPENSSH_PUBLIC = /^(?:ssh-|ecdsa-sha2-)[\w@.-]*/;
/** Below this a base64 string cannot be an SPKI or certificate (the smallest, Ed25519 SPKI, is 60 characters). */
const MIN_BARE_DER_BASE64 = 100;

/**
 * Refuses text that is a key or certificate in a form the workbench does not read as one. Used as an HMAC
 * secret, such text lets anyone who has the public key forge tokens (key confusion), so it is never a secret.
 */
function refuseKeyText(text: string): void {
  if (DAMAGED_ARMOUR.test(text)) {
    throw new WorkbenchError('KEY_FORMAT',
      'This looks like a key or certificate, not a shared secret: it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.');
  }
  const ssh = OPENSSH_PUBLIC.exec(text);
  if (ssh) {
    throw new WorkbenchError('KEY_FORMAT',
      `${NOT_A_SECRET} it is an OpenSSH public key (${quoteText(ssh[0])}), which cannot be read here. Convert it to PEM (ssh-keygen -e -m PKCS8 -f key.pub) or paste it as a JWK.`);
  }
  const compact = text.replace(/\s+/g, '');
  if (compact.length < MIN_BARE_DER_BASE64) return;
  const der = decodeBase64(compact);
  if (!der) return;
  if (spkiOfCertificate(der)) {
    throw new WorkbenchError('KEY_FORMAT',
      `${NOT_A_SECRET} it is a base64 X.509 certificate without its PEM armour (as in an "x5c" value). Put it between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.`);
  }
  if (keyAlgorithmOf(der, 'spki')) {
    throw new WorkbenchError('KEY_FORMAT',
      `${NOT_A_SECRET} it is a base64 public key (SPKI) without its PEM armour. Put it between -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines.`);
  }
  if (keyAlgorithmOf(der, 'pkcs8')) {
    throw new WorkbenchError('KEY_FORMAT',
      'This looks like a private key, not a shared secret: it is a base64 PKCS#8 key without its PEM armour. Put it between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines.');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Choosing among several keys

/** A key's name in a list: its kid, else its type. */
function keyName(jwk: JWK, index: number): string {
  return typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : `key ${index + 1} (${describeKeyType(jwk)}, no kid)`;
}

function listKeys(keys: JWK[]): string {
  const names = keys.slice(0, 10).map(keyName);
  return keys.length > 10 ? `${names.join(', ')} and ${keys.length - 10} more` : names.join(', ');
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
 * The keys of a set that may do `purpose`: the one with `kid` when a kid is given, then those whose type,
 * curve, `alg`, `use` and `key_ops` fit. Keys that are not from a JWK Set (`fromSet` false) are returned as
 * they are (their fit is checked on import, with the precise message). Several results mean "try each"
 * (verify) or "ambiguous" (sign).
 * @throws WorkbenchError `KEY_NOT_FOUND` (no kid match, or nothing fits), `KEY_ALG_MISMATCH` when the keys
 *   that would fit are marked (by `alg` or `key_ops`) for something else, or the fit error of a lone key.
 * @example selectKeys(jwks.keys, { alg: 'RS256', use: 'verify' }, 'k2')
 */
function selectKeys(keys: JWK[], purpose: KeyPurpose, kid?: string, fromSet = keys.length > 1): JWK[] {
  if (!fromSet) return keys;
  let pool = keys;
  if (kid !== undefined) {
    pool = keys.filter(k => k.kid === kid);
    if (pool.length === 0) {
      throw new WorkbenchError('KEY_NOT_FOUND', `No key in the JWKS has kid "${quoteText(kid)}"; it has: ${listKeys(keys)}.`, { kid });
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
    const marks = [...new Set(ofType.map(k => k.alg).filter((a): a is string => typeof a === 'string' && a !== purpose.alg))];
    throw new WorkbenchError('KEY_ALG_MISMATCH', ofType.every(k => k.alg !== undefined && k.alg !== purpose.alg)
      ? `The keys in the JWKS that could ${purpose.use} ${purpose.alg} are marked for ${marks.map(quoteAlg).join(', ')} (their "alg"); the token uses ${purpose.alg}.`
      : `The keys in the JWKS that could ${purpose.use} ${purpose.alg} may not ${purpose.use} (their "alg" or "key_ops").`, { alg: purpose.alg });
  }
  const need = describeNeed(purpose);
  throw new WorkbenchError('KEY_NOT_FOUND',
    `No key in the JWKS fits ${purpose.alg}${need}; it has: ${pool.map((k, i) => `${keyName(k, i)} (${describeKeyType(k)})`).slice(0, 10).join(', ')}.`,
    { alg: purpose.alg });
}

/**
 * The keys to use for `purpose`, chosen the way their source calls for:
 * - a JWK Set: by `kid` (the token's or the header's), then by type, `alg`, `use` and `key_ops` ({@link selectKeys});
 * - a PEM bundle (a key with its certificate chain, say): its one private key when it has exactly one, else
 *   its first key (the leaf of a chain). Never a key further down the chain, which would let a token signed
 *   by the CA verify, and never by `kid`: a PEM key's kid is a computed thumbprint, not a name the token knows;
 * - a single JWK, stored key or secret: itself (its fit is checked on import, with the precise message).
 * Several results (JWK Sets only) mean "try each" (verify) or "ambiguous" (sign, encrypt).
 * @throws WorkbenchError `KEY_NOT_FOUND`, `KEY_ALG_MISMATCH` (see {@link selectKeys}); `KEY_NOT_FOUND` for a PEM
 *   bundle with several private keys when signing or decrypting.
 * @example chooseKeys(await readKeyInput(fullchainPem), { alg: 'ES256', use: 'verify' }) // [the leaf's key]
 */
export function chooseKeys(read: KeyCandidates, purpose: KeyPurpose, kid?: string): JWK[] {
  if (read.source === 'set') return selectKeys(read.keys, purpose, kid, true);
  if (read.source !== 'pem' || read.keys.length <= 1) return read.keys;
  const privateKeys = read.keys.filter(isPrivateJwk);
  if (privateKeys.length === 1) return privateKeys;
  if (privateKeys.length > 1 && (purpose.use === 'sign' || purpose.use === 'decrypt')) {
    throw new WorkbenchError('KEY_NOT_FOUND',
      `The PEM text holds ${privateKeys.length} private keys; give only the one to ${purpose.use} with.`, { alg: purpose.alg });
  }
  return read.keys.slice(0, 1);
}

function describeNeed(purpose: KeyPurpose): string {
  try {
    const req = keyRequirement(purpose.alg, purpose.enc);
    return req.kty === 'password' ? '' : ` (it needs ${req.kty === 'oct' ? 'a shared secret' : `an ${req.kty}${req.crv?.length === 1 ? ` ${req.crv[0]}` : ''} key`})`;
  } catch {
    return '';
  }
}

/** Text from outside (a kid) shortened and stripped of control characters for a message. */
export function quoteText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

// ---------------------------------------------------------------------------------------------------------
// From JWK to CryptoKey

const KEY_MEMBERS = ['kty', 'crv', 'k', 'n', 'e', 'x', 'y', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;
const PRIVATE_MEMBERS: ReadonlySet<string> = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);

/** Only the members that make the key, so metadata (kid, use, key_ops…) never changes what gets imported. */
function keyParams(jwk: JWK, publicOnly: boolean): JWK {
  const out: JWK = {};
  for (const m of KEY_MEMBERS) {
    const v = jwk[m];
    if (typeof v === 'string' && !(publicOnly && PRIVATE_MEMBERS.has(m))) out[m] = v;
  }
  return out;
}

/**
 * The cache key: purpose, the key's own `use` and `key_ops` (checked on import, so a key marked otherwise
 * must not hit an entry imported without the mark) and the key-making members, in a fixed order.
 */
function cacheKeyOf(jwk: JWK, purpose: KeyPurpose, publicOnly: boolean): string {
  let s = `${purpose.use}|${purpose.alg}|${purpose.enc ?? ''}|${marksOf(jwk)}`;
  for (const m of KEY_MEMBERS) {
    const v = jwk[m];
    if (typeof v === 'string' && !(publicOnly && PRIVATE_MEMBERS.has(m))) s += `|${m}=${v}`;
  }
  return s;
}

/**
 * One JWK as a jose key for `purpose`, checked for fit first and cached: verify and encrypt use only the
 * public part of a key pair.
 * @throws WorkbenchError `KEY_ALG_MISMATCH`, `KEY_NOT_PRIVATE`, `KEY_TOO_WEAK`, `KEY_FORMAT`, `ALG_UNSUPPORTED`.
 */
export function importJwkFor(jwk: JWK, purpose: KeyPurpose): Promise<JoseKey> {
  // Fast path: the same JWK object again (stored keys are passed around as the same objects).
  const purposeKey = `${purpose.use}|${purpose.alg}|${purpose.enc ?? ''}`;
  let byPurpose = byObject.get(jwk);
  const known = byPurpose?.get(purposeKey);
  if (known && known.fingerprint === fingerprintOf(jwk)) return known.key;
  assertStringMembers(jwk);
  const publicOnly = (purpose.use === 'verify' || purpose.use === 'encrypt') && jwk.kty !== 'oct';
  const cacheKey = cacheKeyOf(jwk, purpose, publicOnly);
  let key = keyCache.get(cacheKey);
  if (!key) {
    key = importChecked(jwk, purpose, publicOnly);
    keyCache.set(cacheKey, key);
    key.catch(() => {
      keyCache.delete(cacheKey);
      byObject.get(jwk)?.delete(purposeKey);
    });
  }
  if (!byPurpose) byObject.set(jwk, (byPurpose = new Map()));
  byPurpose.set(purposeKey, { fingerprint: fingerprintOf(jwk), key });
  return key;
}

/** Imported keys by JWK object; the fingerprint notices a JWK edited in place (then the string cache decides). */
let byObject = new WeakMap<JWK, Map<string, { fingerprint: string; key: Promise<JoseKey> }>>();

/** Cheap identity of a JWK's key material and marks, to notice an edited JWK object (held in memory only, like the key). */
function fingerprintOf(jwk: JWK): string {
  const n = text(jwk.n);
  return `${text(jwk.kty)}|${text(jwk.crv)}|${n.length}|${text(jwk.x)}|${n.slice(-16)}|${text(jwk.k)}|${text(jwk.d).length}|${marksOf(jwk)}`;
}

/** A member as text for a fingerprint; another type is marked by its type, so a change of type is noticed. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : `<${typeof value}>`;
}

/** The `use` and `key_ops` marks of a key, as text. */
function marksOf(jwk: JWK): string {
  return `${text(jwk.use)}|${Array.isArray(jwk.key_ops) ? jwk.key_ops.join(',') : text(jwk.key_ops)}`;
}

/** Key members that are not strings would be dropped silently on import, or crash in jose: refuse them by name. */
function assertStringMembers(jwk: JWK): void {
  for (const m of KEY_MEMBERS) {
    const v: unknown = jwk[m];
    if (v !== undefined && typeof v !== 'string') {
      const what = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
      throw new WorkbenchError('KEY_FORMAT', `The JWK's "${m}" must be a base64url string; it is ${what}.`);
    }
  }
}

async function importChecked(jwk: JWK, purpose: KeyPurpose, publicOnly: boolean): Promise<JoseKey> {
  const { alg, use } = purpose;
  try {
    assertKeyFits(jwk, alg, use, purpose.enc);
    const params = keyParams(jwk, publicOnly);
    const hmac = /^HS(256|384|512)$/.exec(alg);
    if (hmac) {
      // jose re-imports raw HMAC bytes on every call; a CryptoKey made once is what keeps repeated calls cheap.
      return await crypto.subtle.importKey('raw', base64url.decode(String(params.k)) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: `SHA-${hmac[1]}` }, false, [use]);
    }
    if (params.kty === 'oct') return base64url.decode(String(params.k));
    return await importJWK(params, alg);
  } catch (e) {
    if (isWorkbenchError(e)) throw e;
    throw new WorkbenchError('KEY_FORMAT',
      `The ${jwk.kty === 'oct' ? 'secret' : 'key'} could not be loaded for ${alg}: ${describeCause(e)}.`, { alg }, { cause: e });
  }
}

function describeCause(e: unknown): string {
  const text = e instanceof Error && e.message ? e.message : 'it is not a valid key';
  return text.replace(/\.$/, '');
}

/**
 * The key for one operation, from anything the user gave: a JWK, a stored key, PEM, a secret, or a JWK Set
 * (which must then hold exactly one key that fits; pick by kid with {@link selectKeys} otherwise).
 *
 * @throws WorkbenchError with a `KEY_*` code saying why this key cannot do this.
 * @example
 * const key = await resolveKey('my-32-byte-long-shared-secret!!!', { alg: 'HS256', use: 'sign' });
 * await new CompactSign(payload).setProtectedHeader({ alg: 'HS256' }).sign(key);
 */
export async function resolveKey(input: KeyInput, purpose: KeyPurpose, options: KeyReadOptions = {}): Promise<JoseKey> {
  const keys = chooseKeys(await readKeyInput(input, options), purpose);
  const [first] = keys;
  if (!first) throw new WorkbenchError('KEY_FORMAT', 'No key was given.');
  if (keys.length > 1) {
    throw new WorkbenchError('KEY_NOT_FOUND',
      `The JWKS has ${keys.length} keys that fit ${purpose.alg} (${listKeys(keys)}); set "kid" to choose one.`, { alg: purpose.alg });
  }
  return importJwkFor(first, purpose);
}
