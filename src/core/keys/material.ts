/**
 * Keys as the workbench keeps them ({@link KeyMaterial}): made from what the one reader found, checked once
 * (WebCrypto loads each; RSA parts must belong together), with kid = RFC 7638 thumbprint unless named, and a
 * certificate attached only when it carries this very key.
 */
import { base64url, calculateJwkThumbprint, importJWK } from 'jose';
import { WorkbenchError, isWorkbenchError } from '../errors';
import type { JWK, KeyInput, KeyMaterial } from '../types';
import { assertSupportedJwk, defaultAlg, importAlg, keyParams } from './jwk';
import { isKeyMaterial, readKeys } from './read';
import type { KeyCandidates, KeyLookup } from './read';
import { spkiOfCertificate, decodeBase64, keyAlgorithmOf, derToPem } from './pem';

/** Options of {@link importKey}. */
export interface ImportKeyOptions {
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /** Label given to every key imported. */
  label?: string;
  /** Resolves `{ ref }` inputs. */
  lookup?: KeyLookup;
}

/**
 * `OPTION_INVALID` unless `value` is a {@link KeyMaterial}: the functions that take one are called from
 * commands and other extensions, where anything can arrive.
 */
export function assertKeyMaterial(value: unknown): asserts value is KeyMaterial {
  if (!isKeyMaterial(value) || !['RSA', 'EC', 'OKP', 'oct'].includes(String((value as { kty?: unknown }).kty))) {
    throw new WorkbenchError('OPTION_INVALID', 'A stored key was expected (an object with kid, kty and publicJwk).');
  }
}

/** `params` with the key's metadata, in the order people expect to read it. */
export function withMeta(params: JWK, meta: { kid: string; alg?: string; use?: string }): JWK {
  const { kty, ...rest } = params;
  return {
    kty,
    kid: meta.kid,
    ...(meta.use ? { use: meta.use } : {}),
    ...(meta.alg ? { alg: meta.alg } : {}),
    ...rest,
  };
}

/** True when the JWK has its private (or secret) part. */
function hasPrivatePart(jwk: JWK): boolean {
  return jwk.kty === 'oct' ? typeof jwk.k === 'string' : typeof jwk.d === 'string';
}

/**
 * A KeyMaterial from a JWK (public or private). The kid is the JWK's own, else its RFC 7638 thumbprint;
 * the alg is the JWK's own, else the default for its type. Unless `loaded` (read from PEM/DER, so WebCrypto
 * loaded it already), the key is loaded once so malformed values fail here, not at signing time.
 */
export async function materialFromJwk(jwk: JWK, extra: { label?: string; certificatePem?: string; loaded?: boolean } = {}): Promise<KeyMaterial> {
  assertSupportedJwk(jwk);
  const isPrivate = hasPrivatePart(jwk);
  if (jwk.kty === 'oct' && !isPrivate) {
    throw new WorkbenchError('KEY_FORMAT', 'This oct JWK has no "k" member, so it holds no secret to import.');
  }
  const priv = keyParams(jwk, 'private');
  if (!extra.loaded) await assertLoads(jwk, isPrivate);
  // WebCrypto (Node) loads an RSA private key without checking its parts against each other.
  if (isPrivate && jwk.kty === 'RSA') assertRsaPartsMatch(priv);
  const thumb = await thumbprintOfJwk(priv);
  const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : thumb;
  const alg = typeof jwk.alg === 'string' && jwk.alg ? jwk.alg : defaultAlg(jwk);
  const use: KeyMaterial['use'] = jwk.use === 'sig' ? 'sig' : jwk.use === 'enc' ? 'enc' : undefined;
  const meta = { kid, alg, ...(use ? { use } : {}) };
  const certificatePem = extra.certificatePem ?? await certificateFromX5c(jwk, thumb);
  return {
    kid,
    kty: jwk.kty as KeyMaterial['kty'],
    alg,
    ...(use ? { use } : {}),
    publicJwk: jwk.kty === 'oct' ? { kty: 'oct', kid } : withMeta(keyParams(jwk, 'public'), meta),
    ...(isPrivate ? { privateJwk: withMeta(priv, meta) } : {}),
    ...(certificatePem ? { certificatePem } : {}),
    ...(extra.label ? { label: extra.label } : {}),
  };
}

async function assertLoads(jwk: JWK, isPrivate: boolean): Promise<void> {
  try {
    await importJWK(keyParams(jwk, isPrivate ? 'private' : 'public'), importAlg(jwk));
  } catch (cause) {
    // WebCrypto checks that an EC/OKP private scalar matches its public point, but only says "Invalid keyData".
    if (isPrivate && jwk.kty !== 'RSA' && jwk.kty !== 'oct' && await importsAsPublicKey(jwk)) throw partsDoNotMatch();
    throw new WorkbenchError('KEY_FORMAT',
      `This ${jwk.kty} JWK is not a valid key: ${cause instanceof Error ? cause.message.replace(/\.$/, '') : 'its values do not form a key'}.`,
      { kty: String(jwk.kty) });
  }
}

async function importsAsPublicKey(jwk: JWK): Promise<boolean> {
  try {
    await importJWK(keyParams(jwk, 'public'), importAlg(jwk));
    return true;
  } catch {
    return false;
  }
}

function partsDoNotMatch(): WorkbenchError {
  return new WorkbenchError('KEY_FORMAT', 'The private and public parts of this key do not belong together (the key is damaged).');
}

/** A base64url big-endian unsigned integer (JWK member) as a BigInt; 0n when absent or not base64url. */
function bigIntOf(b64u: string | undefined): bigint {
  if (!b64u) return 0n;
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(b64u);
  } catch {
    return 0n;
  }
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

/**
 * Throws KEY_FORMAT unless the RSA private JWK's members are one key: n = p·q, e·d ≡ 1 (mod p−1 and
 * q−1), the CRT exponents match e, and qi·q ≡ 1 (mod p). A key that fails this signs tokens its own
 * public key rejects, and its kid would be the thumbprint of a modulus nobody holds.
 */
function assertRsaPartsMatch(jwk: JWK): void {
  const [n, e, d, p, q] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q].map(bigIntOf) as [bigint, bigint, bigint, bigint, bigint];
  // WebCrypto refuses an RSA private JWK without its CRT members, so p and q are here for any key it loaded.
  if (p < 2n || q < 2n) return;
  const p1 = p - 1n;
  const q1 = q - 1n;
  const invertsE = (x: bigint, m: bigint): boolean => (e * x - 1n) % m === 0n;
  const consistent = n === p * q
    && invertsE(d, p1) && invertsE(d, q1)
    && (jwk.dp === undefined || invertsE(bigIntOf(jwk.dp), p1))
    && (jwk.dq === undefined || invertsE(bigIntOf(jwk.dq), q1))
    && (jwk.qi === undefined || (bigIntOf(jwk.qi) * q) % p === 1n);
  if (!consistent) throw partsDoNotMatch();
}

/**
 * The JWK's first `x5c` certificate as PEM, only when that certificate carries this very key (same
 * thumbprint): a JWK may list any certificate, and attaching another key's would vouch for the wrong key.
 */
async function certificateFromX5c(jwk: JWK, thumb: string): Promise<string | undefined> {
  const first = Array.isArray(jwk.x5c) ? jwk.x5c[0] : undefined;
  if (typeof first !== 'string' || !first) return undefined;
  const der = decodeBase64(first);
  const spki = der && spkiOfCertificate(der);
  if (!der || !spki) {
    throw new WorkbenchError('CERT_INVALID', 'The JWK\'s "x5c" certificate is damaged: its structure could not be read.');
  }
  const [certKey] = (await readKeys(derToPem(spki, 'PUBLIC KEY'))).keys;
  if (!certKey || !keyAlgorithmOf(spki, 'spki') || await thumbprintOfJwk(certKey) !== thumb) {
    throw new WorkbenchError('CERT_INVALID', 'The JWK\'s "x5c" certificate is for another key: its public key is not this JWK\'s.');
  }
  return derToPem(der, 'CERTIFICATE');
}

/** RFC 7638 thumbprint of a JWK's required members (asymmetric: public part; oct: the secret). */
export function thumbprintOfJwk(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk.kty === 'oct' ? { kty: 'oct', k: jwk.k } : keyParams(jwk, 'public'), 'sha256');
}

/**
 * Turns what the reader found into KeyMaterial: a certificate whose public key matches a private key found
 * alongside it is attached to that key; the same key found twice (private and public) appears once.
 */
async function assemble(read: KeyCandidates, label: string | undefined): Promise<KeyMaterial[]> {
  if (read.source === 'stored' && read.material) return [read.material];
  const loaded = read.source === 'pem' || read.source === 'der';
  const byThumb = new Map<string, { jwk: JWK; certificatePem?: string }>();
  for (const jwk of read.keys) {
    const t = await thumbprintOfJwk(jwk);
    const certificatePem = read.certificates.get(jwk);
    const seen = byThumb.get(t);
    if (!seen) {
      byThumb.set(t, { jwk, ...(certificatePem ? { certificatePem } : {}) });
      continue;
    }
    if (hasPrivatePart(jwk) && !hasPrivatePart(seen.jwk)) seen.jwk = jwk;
    seen.certificatePem ??= certificatePem;
  }
  const out: KeyMaterial[] = [];
  for (const { jwk, certificatePem } of byThumb.values()) {
    out.push(await materialFromJwk(jwk, { loaded, ...(label ? { label } : {}), ...(certificatePem ? { certificatePem } : {}) }));
  }
  return out;
}

/**
 * Reads every key in `input` through the one reader: PEM (PKCS#8, PKCS#1, SEC1 with or without EC PARAMETERS,
 * encrypted PKCS#8, legacy `Proc-Type: 4,ENCRYPTED`, SPKI, PKCS#1 public, X.509 certificates, bundles of these),
 * a JWK or JWK Set (object or JSON text), DER bytes, or a stored key. Text that is no key is an error here,
 * never a secret (a secret is made with `generateKey` or given as an oct JWK).
 *
 * A certificate next to its private key is attached to it as `certificatePem`; a certificate alone
 * gives a public key with `certificatePem`. PKCS#1, SEC1 and encrypted PEM need Node (desktop VS Code).
 *
 * @throws WorkbenchError `KEY_FORMAT`, `KEY_NOT_FOUND`, `KEY_TRUNCATED`, `KEY_UNSUPPORTED`, `KEY_PASSPHRASE_REQUIRED`,
 *   `KEY_PASSPHRASE_WRONG`, `KEY_UNAVAILABLE_ON_PLATFORM`, `CERT_INVALID`.
 * @example
 * const [key] = await importKey(fs.readFileSync('server.pass.key', 'utf8'), { passphrase: 'SomePassword' });
 * key.kty // 'RSA'; key.alg // 'RS256'; key.kid // RFC 7638 thumbprint
 */
export async function importKey(input: KeyInput | Uint8Array, options: ImportKeyOptions = {}): Promise<KeyMaterial[]> {
  const given: unknown = options;
  const { passphrase, label, lookup } = typeof given === 'object' && given !== null ? options : {};
  if (passphrase !== undefined && typeof passphrase !== 'string') throw new WorkbenchError('OPTION_INVALID', 'The passphrase must be text.');
  const read = await readKeys(input, { allowSecret: false, ...(passphrase !== undefined ? { passphrase } : {}), ...(lookup ? { lookup } : {}) });
  return assemble(read, typeof label === 'string' && label ? label : undefined);
}

/**
 * The RFC 7638 SHA-256 thumbprint (base64url) of a key, read like every other input: PEM (its first key),
 * a JWK or JWK Set as JSON text or object (a set must hold exactly one key), a stored key, or else a UTF-8
 * HMAC secret (never key text, which the reader refuses as a secret).
 * @throws WorkbenchError as `readKeys`; `KEY_AMBIGUOUS` for a set of several keys; `KEY_UNSUPPORTED`.
 * @example await thumbprint(rsaPublicJwk) // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' (RFC 7638 §3.1)
 */
export async function thumbprint(key: KeyInput, options: { lookup?: KeyLookup } = {}): Promise<string> {
  const read = await readKeys(key, options.lookup ? { lookup: options.lookup } : {});
  if (read.source === 'set' && read.keys.length > 1) {
    throw new WorkbenchError('KEY_AMBIGUOUS', `This JWK Set holds ${read.keys.length} keys: choose one key to get its thumbprint.`, { count: read.keys.length });
  }
  const [first] = read.keys;
  if (!first) throw new WorkbenchError('KEY_NOT_FOUND', 'No key was given.');
  assertSupportedJwk(first);
  if (first.kty === 'oct' && typeof first.k !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', 'This oct JWK has no "k" member, so it has no thumbprint.');
  }
  try {
    return await thumbprintOfJwk(first);
  } catch (e) {
    if (isWorkbenchError(e)) throw e;
    throw new WorkbenchError('KEY_FORMAT', `This ${String(first.kty)} JWK lacks members its thumbprint needs (RFC 7638).`);
  }
}

/**
 * The same key without its private part (for `oct` keys: without the secret, so only kid and metadata).
 * @example publicKeyOf(key).privateJwk // undefined
 */
export function publicKeyOf(key: KeyMaterial): KeyMaterial {
  assertKeyMaterial(key);
  const { privateJwk: _omitted, ...rest } = key;
  void _omitted;
  return { ...rest, publicJwk: { ...key.publicJwk } };
}

/** Bits of a base64url big-endian integer (RSA modulus) or of a secret. */
function bitLength(b64u: string | undefined, stripLeadingZeros: boolean): number {
  if (!b64u) return 0;
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(b64u);
  } catch {
    return 0;
  }
  let i = 0;
  if (stripLeadingZeros) while (i < bytes.length && bytes[i] === 0) i++;
  if (i >= bytes.length) return 0;
  if (!stripLeadingZeros) return bytes.length * 8;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] ?? 0));
}

/**
 * The key's type and size, as certificate and key lists show it.
 * @example keyTypeLabel(key) // "RSA 2048-bit", "EC P-256", "Ed25519", "HMAC 256-bit"
 */
export function keyTypeLabel(key: KeyMaterial): string {
  assertKeyMaterial(key);
  const jwk = key.privateJwk ?? key.publicJwk;
  switch (key.kty) {
    case 'RSA': return `RSA ${bitLength(jwk.n, true)}-bit`;
    case 'EC': return `EC ${jwk.crv ?? '?'}`;
    case 'OKP': return jwk.crv ?? 'OKP';
    default: return key.privateJwk ? `HMAC ${bitLength(key.privateJwk.k, false)}-bit` : 'HMAC';
  }
}

/**
 * A one-line description for lists: type and size, algorithm, start of the kid.
 * @example describeKey(key) // "RSA 2048-bit · RS256 · kid 3f2a…", "EC P-256 · ES256 · kid …", "HMAC 256-bit · HS256 · kid …"
 */
export function describeKey(key: KeyMaterial): string {
  assertKeyMaterial(key);
  const kid = key.kid.length > 8 ? `${key.kid.slice(0, 4)}…` : key.kid;
  return [keyTypeLabel(key), key.alg, kid ? `kid ${kid}` : undefined].filter(Boolean).join(' · ');
}

/**
 * The key as an extractable WebCrypto key pair, loaded for signing with RS256 (RSA), ES256/384/512
 * (EC, by curve) or Ed25519 — what certificates and CSRs are signed with.
 * @throws WorkbenchError `KEY_NOT_PRIVATE` for a public-only key, `KEY_UNSUPPORTED` for an HMAC secret.
 */
export async function loadKeyPair(key: KeyMaterial): Promise<CryptoKeyPair> {
  assertKeyMaterial(key);
  if (key.kty === 'oct') throw new WorkbenchError('KEY_UNSUPPORTED', 'An HMAC secret is not a key pair: certificates need an RSA, EC or Ed25519 key.');
  if (!key.privateJwk) {
    throw new WorkbenchError('KEY_NOT_PRIVATE', `This key (kid ${key.kid}) is public only: signing needs its private part.`, { kid: key.kid });
  }
  const priv = keyParams(key.privateJwk, 'private');
  const alg = importAlg(priv);
  const privateKey = await importJWK(priv, alg, { extractable: true });
  const publicKey = await importJWK(keyParams(key.privateJwk, 'public'), alg, { extractable: true });
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) {
    throw new WorkbenchError('INTERNAL', 'A key pair was loaded as a secret.');
  }
  return { privateKey, publicKey };
}
