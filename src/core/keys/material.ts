/**
 * Keys: generate, import (PEM in every common form, JWK, JWKS, certificates, DER), export, thumbprint.
 *
 * Everything goes through jose/WebCrypto, so it runs in the browser too; only the formats WebCrypto
 * cannot read (PKCS#1, SEC1, encrypted PEM) go through the Node-only functions of `./pem`.
 */
import {
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  generateSecret,
  importJWK,
  importPKCS8,
  importSPKI,
} from 'jose';
import { WorkbenchError } from './errors';
import type { JWK, JWKSet, KeyInput, KeyMaterial } from './types';
import {
  derToPem,
  keyAlgorithmOf,
  looksLikePem,
  needsNodeCrypto,
  nodeDerToStandard,
  nodeKeyToDer,
  spkiOfCertificate,
  splitPem,
  type KeyAlgorithmId,
  type PemBlock,
} from './pem';

/** What {@link generateKey} makes. */
export type KeySpec =
  | { kty: 'RSA'; bits: 2048 | 3072 | 4096; alg?: string }
  | { kty: 'EC'; crv: 'P-256' | 'P-384' | 'P-521'; alg?: string }
  | { kty: 'OKP'; crv: 'Ed25519' }
  | { kty: 'oct'; bits: 256 | 384 | 512 };

/** Options of {@link importKey}. */
export interface ImportKeyOptions {
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
  /** Label given to every key imported. */
  label?: string;
}

/** What {@link exportKey} writes. */
export type KeyExportFormat = 'private-pem' | 'public-pem' | 'private-jwk' | 'public-jwk' | 'public-jwks';

const EC_CURVE_ALG: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const EC_CURVE_OID: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';

const SUPPORTED_TYPES = 'use RSA, EC (P-256/384/521), Ed25519 or an HMAC secret.';
const UNSUPPORTED_OIDS: Record<string, string> = {
  '1.2.840.10040.4.1': `DSA keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.113549.1.3.1': `Diffie-Hellman keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.10046.2.1': `Diffie-Hellman keys are not supported: ${SUPPORTED_TYPES}`,
  '1.2.840.113549.1.1.10': 'RSA-PSS-restricted keys (id-RSASSA-PSS) are not supported: use a plain RSA key (rsaEncryption), which signs PS256 as well.',
  '1.3.101.110': 'X25519 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.',
  '1.3.101.111': 'X448 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.',
  '1.3.101.113': `Ed448 keys are not supported: ${SUPPORTED_TYPES}`,
};
const UNSUPPORTED_CURVES: Record<string, string> = {
  '1.3.132.0.10': `The secp256k1 curve (ES256K) is not supported: ${SUPPORTED_TYPES}`,
};

/** The signing algorithm a key of this type gets when nothing names one. */
function defaultAlg(jwk: JWK): string {
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
function importAlg(jwk: JWK): string {
  return jwk.kty === 'oct' ? 'HS256' : defaultAlg(jwk);
}

/** Throws KEY_UNSUPPORTED for any key type the workbench does not sign with. */
function assertSupportedJwk(jwk: JWK): void {
  if (jwk.kty === 'RSA' || jwk.kty === 'oct') return;
  if (jwk.kty === 'EC') {
    if (jwk.crv && jwk.crv in EC_CURVE_ALG) return;
    if (jwk.crv === 'secp256k1') throw unsupported(UNSUPPORTED_CURVES['1.3.132.0.10'] ?? '');
    throw unsupported(`The EC curve ${JSON.stringify(jwk.crv ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
  }
  if (jwk.kty === 'OKP') {
    if (jwk.crv === 'Ed25519') return;
    if (jwk.crv === 'X25519' || jwk.crv === 'X448') throw unsupported(UNSUPPORTED_OIDS[jwk.crv === 'X25519' ? '1.3.101.110' : '1.3.101.111'] ?? '');
    throw unsupported(`The OKP curve ${JSON.stringify(jwk.crv ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
  }
  throw unsupported(`The key type ${JSON.stringify(jwk.kty ?? '(none)')} is not supported: ${SUPPORTED_TYPES}`);
}

function unsupported(message: string): WorkbenchError {
  return new WorkbenchError('KEY_UNSUPPORTED', message);
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'n', 'e', 'x', 'y'] as const;
const PRIVATE_MEMBERS = [...PUBLIC_MEMBERS, 'd', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

/** Only the key parameters of `jwk` (no kid/alg/use/key_ops/ext), public or private. */
function keyParams(jwk: JWK, which: 'public' | 'private'): JWK {
  const out: JWK = {};
  for (const m of which === 'public' ? PUBLIC_MEMBERS : PRIVATE_MEMBERS) {
    const v = jwk[m];
    if (typeof v === 'string') out[m] = v;
  }
  return out;
}

/** `params` with the key's metadata, in the order people expect to read it. */
function withMeta(params: JWK, meta: { kid: string; alg?: string; use?: string }): JWK {
  const { kty, ...rest } = params;
  return {
    kty,
    kid: meta.kid,
    ...(meta.use ? { use: meta.use } : {}),
    ...(meta.alg ? { alg: meta.alg } : {}),
    ...rest,
  };
}

/**
 * A KeyMaterial from a JWK (public or private). The kid is the JWK's own, else its RFC 7638 thumbprint;
 * the alg is the JWK's own, else the default for its type. The key is loaded once into WebCrypto so
 * malformed key values fail here, not at signing time.
 */
async function materialFromJwk(
  jwk: JWK,
  extra: { label?: string; certificatePem?: string; /** set when the JWK comes from WebCrypto's own export */ validatedThumbprint?: string } = {},
): Promise<KeyMaterial> {
  assertSupportedJwk(jwk);
  const isPrivate = jwk.kty === 'oct' ? typeof jwk.k === 'string' : typeof jwk.d === 'string';
  if (jwk.kty === 'oct' && !isPrivate) {
    throw new WorkbenchError('KEY_FORMAT', 'This oct JWK has no "k" member, so it holds no secret to import.');
  }
  const priv = keyParams(jwk, 'private');
  if (extra.validatedThumbprint === undefined) {
    try {
      await importJWK(isPrivate ? priv : keyParams(jwk, 'public'), importAlg(jwk));
    } catch (cause) {
      // WebCrypto checks that an EC/OKP private scalar matches its public point, but only says "Invalid keyData".
      if (isPrivate && jwk.kty !== 'RSA' && jwk.kty !== 'oct' && await importsAsPublicKey(jwk)) throw partsDoNotMatch(cause);
      throw new WorkbenchError('KEY_FORMAT',
        `This ${jwk.kty} JWK is not a valid key: ${cause instanceof Error ? cause.message : 'its values do not form a key'}.`,
        { kty: jwk.kty }, { cause });
    }
  }
  // WebCrypto (Node) loads an RSA private key without checking its parts against each other.
  if (isPrivate && jwk.kty === 'RSA') assertRsaPartsMatch(priv);
  const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : extra.validatedThumbprint ?? await thumbprintOfJwk(priv);
  const alg = typeof jwk.alg === 'string' && jwk.alg ? jwk.alg : defaultAlg(jwk);
  const use: KeyMaterial['use'] = jwk.use === 'sig' ? 'sig' : jwk.use === 'enc' ? 'enc' : undefined;
  const meta = { kid, alg, ...(use ? { use } : {}) };
  const certificatePem = extra.certificatePem ?? certificateFromX5c(jwk);
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

async function importsAsPublicKey(jwk: JWK): Promise<boolean> {
  try {
    await importJWK(keyParams(jwk, 'public'), importAlg(jwk));
    return true;
  } catch {
    return false;
  }
}

function partsDoNotMatch(cause?: unknown): WorkbenchError {
  return new WorkbenchError('KEY_FORMAT',
    'The private and public parts of this key do not belong together (the key is damaged).', undefined, { cause });
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
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex ? BigInt(`0x${hex}`) : 0n;
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

function certificateFromX5c(jwk: JWK): string | undefined {
  const first = Array.isArray(jwk.x5c) ? jwk.x5c[0] : undefined;
  if (typeof first !== 'string' || !first) return undefined;
  return `-----BEGIN CERTIFICATE-----\n${(first.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** RFC 7638 thumbprint of a JWK's required members (asymmetric: public part; oct: the secret). */
async function thumbprintOfJwk(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk.kty === 'oct' ? { kty: 'oct', k: jwk.k } : keyParams(jwk, 'public'), 'sha256');
}

/** The jose algorithm to import PKCS#8/SPKI DER with, or a KEY_UNSUPPORTED / KEY_FORMAT error. */
function joseAlgFor(id: KeyAlgorithmId): string {
  if (id.oid === OID_RSA) return 'RS256';
  if (id.oid === OID_ED25519) return 'Ed25519';
  if (id.oid === OID_EC) {
    const crv = EC_CURVE_OID[id.curveOid ?? ''];
    if (crv) return EC_CURVE_ALG[crv] ?? 'ES256';
    if (id.curveOid === undefined) {
      throw unsupported('This EC key has explicit curve parameters; re-encode it with a named curve: openssl ec -param_enc named_curve -in key.pem -out named.pem');
    }
    throw unsupported(UNSUPPORTED_CURVES[id.curveOid ?? '']
      ?? `The EC curve with OID ${id.curveOid ?? '(none)'} is not supported: ${SUPPORTED_TYPES}`);
  }
  throw unsupported(UNSUPPORTED_OIDS[id.oid] ?? `Keys with algorithm OID ${id.oid} are not supported: ${SUPPORTED_TYPES}`);
}

/** PKCS#8 or SPKI DER → JWK, through jose/WebCrypto. */
async function jwkFromDer(der: Uint8Array, format: 'pkcs8' | 'spki'): Promise<JWK> {
  const id = keyAlgorithmOf(der, format);
  const what = format === 'pkcs8' ? 'PKCS#8 private key' : 'public key (SPKI)';
  if (!id) throw new WorkbenchError('KEY_FORMAT', `This ${what} is damaged: its structure could not be read.`);
  const alg = joseAlgFor(id);
  try {
    const key = format === 'pkcs8'
      ? await importPKCS8(derToPem(der, 'PRIVATE KEY'), alg, { extractable: true })
      : await importSPKI(derToPem(der, 'PUBLIC KEY'), alg, { extractable: true });
    return await exportJWK(key);
  } catch (cause) {
    throw new WorkbenchError('KEY_FORMAT', `This ${what} could not be loaded: its key values are damaged.`, undefined, { cause });
  }
}

/** One key read from a PEM or DER source, before certificates are matched to private keys. */
interface Found {
  jwk: JWK;
  certificatePem?: string;
}

async function readPemBlock(block: PemBlock, passphrase: string | undefined): Promise<Found | undefined> {
  switch (block.label) {
    case 'PRIVATE KEY':
      return { jwk: await jwkFromDer(block.der, 'pkcs8') };
    case 'PUBLIC KEY':
      return { jwk: await jwkFromDer(block.der, 'spki') };
    case 'CERTIFICATE':
    case 'TRUSTED CERTIFICATE':
    case 'X509 CERTIFICATE': {
      const spki = spkiOfCertificate(block.der);
      if (!spki) throw new WorkbenchError('CERT_INVALID', 'This certificate is damaged: its structure could not be read.');
      return { jwk: await jwkFromDer(spki, 'spki'), certificatePem: derToPem(block.der, 'CERTIFICATE') };
    }
    case 'DSA PRIVATE KEY':
      throw unsupported(UNSUPPORTED_OIDS['1.2.840.10040.4.1'] ?? '');
    case 'OPENSSH PRIVATE KEY':
      throw new WorkbenchError('KEY_FORMAT',
        'OpenSSH private keys cannot be read: convert it to PEM first (ssh-keygen -p -m PEM -f KEYFILE) or paste it as a JWK.');
    default:
      if (needsNodeCrypto(block)) {
        const { format, der, jwk } = await nodeKeyToDer(block, passphrase);
        if (!jwk) return { jwk: await jwkFromDer(der, format) };
        // node:crypto wrote the JWK already; the DER still decides whether the key type is supported.
        const id = keyAlgorithmOf(der, format);
        if (id) joseAlgFor(id);
        return { jwk };
      }
      // EC PARAMETERS, CERTIFICATE REQUEST and unknown blocks carry no key to import.
      return undefined;
  }
}

async function readDer(der: Uint8Array): Promise<Found> {
  if (keyAlgorithmOf(der, 'pkcs8')) return { jwk: await jwkFromDer(der, 'pkcs8') };
  if (keyAlgorithmOf(der, 'spki')) return { jwk: await jwkFromDer(der, 'spki') };
  const spki = spkiOfCertificate(der);
  if (spki) return { jwk: await jwkFromDer(spki, 'spki'), certificatePem: derToPem(der, 'CERTIFICATE') };
  const converted = await nodeDerToStandard(der);
  if (converted) return { jwk: await jwkFromDer(converted.der, converted.format) };
  throw notRecognised('These bytes are not a DER key or certificate (PKCS#8, SPKI, PKCS#1, SEC1 or X.509).');
}

function notRecognised(detail: string): WorkbenchError {
  return new WorkbenchError('KEY_FORMAT',
    `No key found: ${detail} Paste a PEM key or certificate, a JWK or a JWK Set.`);
}

/**
 * Turns the keys found into KeyMaterial: a certificate whose public key matches a private key found
 * alongside it is attached to that key; the same key found twice (private and public) appears once.
 */
async function assemble(found: Found[], label: string | undefined): Promise<KeyMaterial[]> {
  // Keys read from PEM/DER were loaded by WebCrypto already: no second validation, one thumbprint.
  const byThumb = new Map<string, Found>();
  for (const f of found) {
    const t = await thumbprintOfJwk(f.jwk);
    const seen = byThumb.get(t);
    if (!seen) {
      byThumb.set(t, { ...f });
      continue;
    }
    if (typeof f.jwk.d === 'string' && typeof seen.jwk.d !== 'string') seen.jwk = f.jwk;
    seen.certificatePem ??= f.certificatePem;
  }
  const out: KeyMaterial[] = [];
  for (const [t, f] of byThumb) {
    out.push(await materialFromJwk(f.jwk, {
      validatedThumbprint: t,
      ...(label ? { label } : {}),
      ...(f.certificatePem ? { certificatePem: f.certificatePem } : {}),
    }));
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function fromObject(obj: unknown, label: string | undefined): Promise<KeyMaterial[]> {
  if (isRecord(obj) && Array.isArray(obj.keys)) {
    if (obj.keys.length === 0) throw new WorkbenchError('KEY_NOT_FOUND', 'This JWK Set is empty: its "keys" array holds no key.');
    const out: KeyMaterial[] = [];
    for (const [i, k] of obj.keys.entries()) {
      if (!isRecord(k) || typeof k.kty !== 'string') {
        throw new WorkbenchError('KEY_FORMAT', `Entry ${i} of this JWK Set's "keys" array is not a JWK (it has no "kty").`, { index: i });
      }
      out.push(await materialFromJwk(k as JWK, label ? { label } : {}));
    }
    return out;
  }
  if (isRecord(obj) && typeof obj.kty === 'string') return [await materialFromJwk(obj as JWK, label ? { label } : {})];
  throw notRecognised('this JSON is neither a JWK (no "kty") nor a JWK Set (no "keys" array).');
}

/**
 * Reads every key in `input`: PEM (PKCS#8, PKCS#1, SEC1 with or without EC PARAMETERS, encrypted
 * PKCS#8, legacy `Proc-Type: 4,ENCRYPTED`, SPKI, PKCS#1 public, X.509 certificates, bundles of these),
 * a JWK or JWK Set (object or JSON text), or DER bytes (best effort).
 *
 * A certificate next to its private key is attached to it as `certificatePem`; a certificate alone
 * gives a public key with `certificatePem`. PKCS#1, SEC1 and encrypted PEM need Node (desktop VS Code).
 *
 * @throws WorkbenchError `KEY_FORMAT`, `KEY_TRUNCATED`, `KEY_UNSUPPORTED`, `KEY_PASSPHRASE_REQUIRED`,
 *   `KEY_PASSPHRASE_WRONG`, `KEY_UNAVAILABLE_ON_PLATFORM`, `CERT_INVALID`.
 * @example
 * const [key] = await importKey(fs.readFileSync('server.pass.key', 'utf8'), { passphrase: 'SomePassword' });
 * key.kty // 'RSA'; key.alg // 'RS256'; key.kid // RFC 7638 thumbprint
 */
export async function importKey(input: string | Uint8Array | object, options: ImportKeyOptions = {}): Promise<KeyMaterial[]> {
  const { passphrase, label } = options;
  if (input instanceof Uint8Array) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(input);
    if (looksLikePem(text) || /^\s*\{/.test(text)) return importKey(text, options);
    return assemble([await readDer(input)], label);
  }
  if (typeof input !== 'string') return fromObject(input, label);
  // PEM kept in a .env file or a JSON string often arrives with literal "\n" instead of line breaks
  // (and a real line break at the very end, which must not hide that).
  const trimmed = input.trim();
  const flattened = looksLikePem(trimmed) && !trimmed.includes('\n') && trimmed.includes('\\n');
  const text = flattened ? trimmed.replace(/\\n/g, '\n').trim() : trimmed;
  if (text === '') throw new WorkbenchError('KEY_FORMAT', 'No key found: the input is empty. Paste a PEM key or certificate, a JWK or a JWK Set.');
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Never the parser's own message: V8 quotes the input around the error, which may be the secret.
      throw new WorkbenchError('KEY_FORMAT', 'This looks like JSON (a JWK or JWKS) but does not parse: check quotes and commas.');
    }
    return fromObject(parsed, label);
  }
  if (!looksLikePem(text)) throw notRecognised('the text is neither PEM (no -----BEGIN line) nor JSON.');
  const found: Found[] = [];
  for (const block of splitPem(text)) {
    const f = await readPemBlock(block, passphrase);
    if (f) found.push(f);
  }
  if (found.length === 0) throw notRecognised('the PEM text holds no private key, public key or certificate.');
  return assemble(found, label);
}

/**
 * A new key pair (or HMAC secret) with `kid` = its RFC 7638 thumbprint and a default `alg`
 * (RS256; ES256/ES384/ES512 by curve; EdDSA; HS256/HS384/HS512 by size) unless `spec.alg` names one.
 * @example const key = await generateKey({ kty: 'EC', crv: 'P-256' }); key.alg // 'ES256'
 */
export async function generateKey(spec: KeySpec): Promise<KeyMaterial> {
  let jwk: JWK;
  if (spec.kty === 'oct') {
    const secret = await generateSecret(`HS${spec.bits}`, { extractable: true });
    jwk = await exportJWK(secret);
  } else {
    const genAlg = spec.kty === 'RSA' ? 'RS256' : spec.kty === 'EC' ? EC_CURVE_ALG[spec.crv] ?? 'ES256' : 'Ed25519';
    const { privateKey } = await generateKeyPair(genAlg, {
      extractable: true,
      ...(spec.kty === 'RSA' ? { modulusLength: spec.bits } : {}),
    });
    jwk = await exportJWK(privateKey);
  }
  const alg = 'alg' in spec && spec.alg ? spec.alg : defaultAlg(jwk);
  return materialFromJwk({ ...jwk, alg });
}

/**
 * The key written out as text: PKCS#8 / SPKI PEM, or pretty-printed JWK / JWK Set JSON with kid, use
 * and alg. Async because PEM export goes through WebCrypto.
 * @throws WorkbenchError `KEY_NOT_PRIVATE` when a private form is asked of a public key;
 *   `KEY_UNSUPPORTED` for the PEM or public forms of an HMAC secret.
 * @example await exportKey(key, 'public-jwks') // '{\n  "keys": [ … ]\n}'
 */
export async function exportKey(key: KeyMaterial, format: KeyExportFormat): Promise<string> {
  const wantsPrivate = format === 'private-pem' || format === 'private-jwk';
  if (wantsPrivate && !key.privateJwk) {
    throw new WorkbenchError('KEY_NOT_PRIVATE', `This key (kid ${key.kid}) is public only: it has no private part to export.`, { kid: key.kid });
  }
  if (key.kty === 'oct' && format !== 'private-jwk') {
    throw new WorkbenchError('KEY_UNSUPPORTED',
      'An HMAC secret has no public part and no PEM form: export it as a private JWK (and keep it secret).');
  }
  const meta = { kid: key.kid, ...(key.alg ? { alg: key.alg } : {}), ...(key.use ? { use: key.use } : {}) };
  const source = wantsPrivate ? key.privateJwk ?? key.publicJwk : key.publicJwk;
  switch (format) {
    case 'private-jwk':
      return JSON.stringify(withMeta(keyParams(source, 'private'), meta), null, 2);
    case 'public-jwk':
      return JSON.stringify(withMeta(keyParams(source, 'public'), meta), null, 2);
    case 'public-jwks':
      return JSON.stringify({ keys: [withMeta(keyParams(source, 'public'), meta)] } satisfies JWKSet, null, 2);
    case 'private-pem':
    case 'public-pem': {
      const params = keyParams(source, wantsPrivate ? 'private' : 'public');
      const cryptoKey = await importJWK(params, importAlg(params), { extractable: true });
      if (cryptoKey instanceof Uint8Array) throw new WorkbenchError('INTERNAL', 'A key pair was loaded as a secret while exporting it.');
      return `${wantsPrivate ? await exportPKCS8(cryptoKey) : await exportSPKI(cryptoKey)}\n`;
    }
  }
}

function isKeyMaterial(v: object): v is KeyMaterial {
  return 'publicJwk' in v && 'kid' in v;
}

/**
 * The RFC 7638 SHA-256 thumbprint (base64url) of a key. A PEM string is imported first (its first key);
 * any other string is taken as a UTF-8 HMAC secret.
 * @example await thumbprint(rsaPublicJwk) // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' (RFC 7638 §3.1)
 */
export async function thumbprint(key: KeyInput): Promise<string> {
  if (typeof key === 'string') {
    if (looksLikePem(key)) {
      const [first] = await importKey(key);
      if (!first) throw notRecognised('the PEM text holds no key.');
      return thumbprint(first);
    }
    return thumbprintOfJwk({ kty: 'oct', k: base64url.encode(key) });
  }
  if (isKeyMaterial(key)) return thumbprintOfJwk(key.kty === 'oct' ? key.privateJwk ?? key.publicJwk : key.publicJwk);
  if ('keys' in key && Array.isArray(key.keys)) {
    const [only, ...more] = key.keys;
    if (!only || more.length > 0) {
      throw new WorkbenchError('KEY_FORMAT', `This JWK Set holds ${key.keys.length} keys: choose one key to get its thumbprint.`);
    }
    return thumbprint(only);
  }
  const jwk = key as JWK;
  assertSupportedJwk(jwk);
  if (jwk.kty === 'oct' && typeof jwk.k !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', 'This oct JWK has no "k" member, so it has no thumbprint.');
  }
  return thumbprintOfJwk(jwk);
}

/**
 * The same key without its private part (for `oct` keys: without the secret, so only kid and metadata).
 * @example publicKeyOf(key).privateJwk // undefined
 */
export function publicKeyOf(key: KeyMaterial): KeyMaterial {
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
  const kid = key.kid.length > 8 ? `${key.kid.slice(0, 4)}…` : key.kid;
  return [keyTypeLabel(key), key.alg, kid ? `kid ${kid}` : undefined].filter(Boolean).join(' · ');
}

/**
 * The key as an extractable WebCrypto key pair, loaded for signing with RS256 (RSA), ES256/384/512
 * (EC, by curve) or Ed25519 — what certificates and CSRs are signed with.
 * @throws WorkbenchError `KEY_NOT_PRIVATE` for a public-only key, `KEY_UNSUPPORTED` for an HMAC secret.
 */
export async function loadKeyPair(key: KeyMaterial): Promise<CryptoKeyPair> {
  if (key.kty === 'oct') throw unsupported('An HMAC secret is not a key pair: certificates need an RSA, EC or Ed25519 key.');
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
