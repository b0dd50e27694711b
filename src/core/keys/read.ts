/**
 * The one key reader: anything a person gives where a key is wanted (text, bytes, a JWK, a JWK Set, a stored
 * key or a reference to one) becomes candidate JWKs, with where they came from. `importKey`, `thumbprint`,
 * sign, verify, encrypt and decrypt all read through here, so the same input gets the same answer and the
 * same error everywhere. Nothing here caches (the {@link KeyResolver} does) and no message quotes the input.
 */
import { base64url, exportJWK, importPKCS8, importSPKI } from 'jose';
import { WorkbenchError, isWorkbenchError } from '../errors';
import type { JWK, JWKSet, KeyInput, KeyMaterial, SecretEncoding, StoredKeyRef } from '../types';
import { EC_CURVE_ALG, SUPPORTED_TYPES, UNSUPPORTED_OIDS, assertStringMembers, unsupported } from './jwk';
import { refuseKeyText } from './guard';
import { decodeSecret } from './secret';
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

/** Finds a stored key by its store id or its kid; supplied by the key store, so private JWKs stay where they are. */
export type KeyLookup = (ref: string) => KeyMaterial | undefined | Promise<KeyMaterial | undefined>;

/** How to read an input. */
export interface KeyReadOptions {
  /** How a shared-secret string is written: 'utf8' (default), 'base64', 'base64url' or 'hex'. */
  secretEncoding?: SecretEncoding;
  /** Passphrase of an encrypted PEM private key. */
  passphrase?: string;
  /** False where only keys make sense (importing): text that is no key is then an error, not a secret. */
  allowSecret?: boolean;
  /** Resolves {@link StoredKeyRef} inputs. */
  lookup?: KeyLookup;
}

/**
 * Where the keys of an input came from; it decides how one is chosen among several (see `chooseKeys`).
 * `set` is a JWK Set, `pem` PEM text (one key, or a bundle such as a key with its chain), `der` DER bytes,
 * `jwk` a single JWK, `stored` a {@link KeyMaterial}, `secret` a shared secret.
 */
export type KeySource = 'set' | 'pem' | 'der' | 'jwk' | 'stored' | 'secret';

/** The keys an input stands for. `certificates` holds the certificate PEM read alongside a key, by its JWK. */
export interface KeyCandidates {
  source: KeySource;
  keys: JWK[];
  certificates: ReadonlyMap<JWK, string>;
  /** The stored key itself, for `stored` inputs (its kid, alg and label matter to importing and signing). */
  material?: KeyMaterial;
}

/** Key text larger than this is refused before any parsing: no key, chain or JWKS a person pastes is this big. */
export const MAX_KEY_TEXT = 1024 * 1024;
/** JWK Sets with more keys than this are refused: trying each would let a hostile set stall verification. */
export const MAX_SET_KEYS = 1000;

/** True for a stored {@link KeyMaterial} (it has a `publicJwk` object and a `kid`). */
export function isKeyMaterial(input: unknown): input is KeyMaterial {
  return isRecord(input) && isRecord(input.publicJwk) && typeof input.kid === 'string';
}

/** True for a reference to a stored key (`{ ref: 'id or kid' }`). */
export function isStoredKeyRef(input: unknown): input is StoredKeyRef {
  return isRecord(input) && typeof input.ref === 'string' && !('kty' in input) && !('keys' in input);
}

/** True for a JWK Set (an object with a `keys` array). */
export function isJwkSet(input: unknown): input is JWKSet {
  return isRecord(input) && Array.isArray(input.keys);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NO_CERTIFICATES: ReadonlyMap<JWK, string> = new Map();

/**
 * Reads a key input into candidate JWKs.
 * - text: a JWK or JWK Set when it starts with `{`, PEM when it has PEM armour (literal `\n` line breaks, as
 *   in `.env` files, are undone), else a shared secret in `secretEncoding`, unless it is key material in
 *   another encoding (see `refuseKeyText`): that is never a secret;
 * - bytes: PEM or JSON text, else DER (PKCS#8, SPKI, X.509, and in Node PKCS#1 and SEC1);
 * - a JWK, a JWK Set, a stored key, or `{ ref }` looked up through `options.lookup`.
 * @throws WorkbenchError `KEY_FORMAT`, `KEY_NOT_FOUND` (an empty set, an unknown ref), `KEY_TRUNCATED`,
 *   `KEY_UNSUPPORTED`, `KEY_PASSPHRASE_REQUIRED`, `KEY_PASSPHRASE_WRONG`, `KEY_UNAVAILABLE_ON_PLATFORM`, `CERT_INVALID`.
 * @example (await readKeys('{"keys":[…]}')).source // 'set'
 */
export async function readKeys(input: KeyInput | Uint8Array | unknown, options: KeyReadOptions = {}): Promise<KeyCandidates> {
  if (typeof input === 'string') return readText(input, options);
  if (input instanceof Uint8Array) return readBytes(input, options);
  if (isStoredKeyRef(input)) return readStored(await lookUp(input.ref, options.lookup));
  if (isKeyMaterial(input)) return readStored(input);
  if (isRecord(input)) return readObject(input);
  throw new WorkbenchError('KEY_FORMAT', `No key was given: ${input === undefined || input === null ? 'the key is missing' : `a ${Array.isArray(input) ? 'list' : typeof input} is not a key`}. Give PEM text, a JWK, a JWK Set, a stored key or a shared secret.`);
}

async function lookUp(ref: string, lookup: KeyLookup | undefined): Promise<KeyMaterial> {
  if (!lookup) throw new WorkbenchError('KEY_NOT_FOUND', 'A stored key was named, but no key store is available here.', { ref: ref.slice(0, 60) });
  const found = await lookup(ref);
  if (!found) throw new WorkbenchError('KEY_NOT_FOUND', 'No stored key has this id or kid: it may have been deleted.', { ref: ref.slice(0, 60) });
  return found;
}

function readStored(material: KeyMaterial): KeyCandidates {
  const jwk = material.privateJwk ?? material.publicJwk;
  if (!isRecord(jwk)) throw new WorkbenchError('KEY_FORMAT', 'The stored key has no JWK.');
  if (material.kty === 'oct' && typeof jwk.k !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', `The stored secret (kid ${material.kid.slice(0, 60)}) has no secret value.`, { kid: material.kid.slice(0, 60) });
  }
  assertStringMembers(jwk);
  // The stored kid names the key in sets and messages even when the JWK itself carries none.
  const named = jwk.kid === undefined && material.kid ? { ...jwk, kid: material.kid } : jwk;
  return {
    source: 'stored',
    keys: [named],
    certificates: material.certificatePem ? new Map([[named, material.certificatePem]]) : NO_CERTIFICATES,
    material,
  };
}

/** A JWK or JWK Set given as an object (or parsed from JSON text). */
function readObject(input: Record<string, unknown>): KeyCandidates {
  if (Array.isArray(input.keys)) {
    const entries: unknown[] = input.keys;
    if (entries.length === 0) throw new WorkbenchError('KEY_NOT_FOUND', 'This JWK Set is empty: its "keys" array holds no key.');
    if (entries.length > MAX_SET_KEYS) {
      throw new WorkbenchError('KEY_FORMAT', `This JWK Set has ${entries.length} keys; JWT Workbench reads sets of up to ${MAX_SET_KEYS}.`);
    }
    const keys = entries.map((k, i) => {
      if (!isRecord(k) || typeof k.kty !== 'string') {
        throw new WorkbenchError('KEY_FORMAT', `Key ${i + 1} of the JWK Set is not a JWK (it has no "kty").`, { index: i + 1 });
      }
      assertStringMembers(k);
      return k as JWK;
    });
    return { source: 'set', keys, certificates: NO_CERTIFICATES };
  }
  if (typeof input.kty !== 'string') {
    throw new WorkbenchError('KEY_FORMAT', 'This object is neither a JWK (no "kty") nor a JWK Set (no "keys" array).');
  }
  assertStringMembers(input);
  return { source: 'jwk', keys: [input as JWK], certificates: NO_CERTIFICATES };
}

async function readText(raw: string, options: KeyReadOptions): Promise<KeyCandidates> {
  if (raw.length > MAX_KEY_TEXT) {
    throw new WorkbenchError('KEY_FORMAT', `This key text is ${(raw.length / 1048576).toFixed(1)} MiB long; JWT Workbench reads keys up to 1 MiB.`);
  }
  const text = unflattenPem(raw.trim());
  if (text === '') throw new WorkbenchError('KEY_FORMAT', 'No key was given: the text is empty.');
  const form = textForm(text);
  if (form === 'json') return readObject(parseKeyJson(text));
  if (form === 'pem') return readPem(text, options.passphrase);
  // Key material in any other encoding is refused here, with what it is, before it could become a secret.
  refuseKeyText(text, options.allowSecret === false ? 'import' : 'secret');
  if (options.allowSecret === false) {
    throw notRecognised('the text is neither PEM (no -----BEGIN line) nor a JWK or JWK Set (JSON starting with "{").');
  }
  const k = base64url.encode(decodeSecret(raw, options.secretEncoding));
  return { source: 'secret', keys: [{ kty: 'oct', k }], certificates: NO_CERTIFICATES };
}

/** How trimmed key text is read: a JWK or JWK Set (JSON), PEM, or other text (a secret, unless the guard refuses it). */
function textForm(text: string): 'json' | 'pem' | 'other' {
  if (text.startsWith('{')) return 'json';
  return looksLikePem(text) ? 'pem' : 'other';
}

const SECRET_ENCODINGS: readonly SecretEncoding[] = ['utf8', 'base64', 'base64url', 'hex'];

/**
 * The encodings pasted text is a valid shared secret in, as {@link readKeys} would read it: 'utf8' first
 * (always valid), then those of 'base64', 'base64url' and 'hex' that {@link decodeSecret} accepts. Empty when
 * the text is not a secret at all: a JWK or JWK Set, PEM, key material in another encoding (the guard's
 * answer), or empty or oversized text. Adapters ask which encoding was meant only when there is a choice.
 * @example secretEncodingsOf('deadbeef') // ['utf8', 'base64', 'base64url', 'hex']
 * @example secretEncodingsOf('correct horse battery staple') // ['utf8']
 * @example secretEncodingsOf('{"kty":"oct","k":"c2VjcmV0"}') // []
 */
export function secretEncodingsOf(raw: string): SecretEncoding[] {
  if (raw.length > MAX_KEY_TEXT) return [];
  const text = unflattenPem(raw.trim());
  if (text === '' || textForm(text) !== 'other' || !accepts(() => refuseKeyText(text))) return [];
  return SECRET_ENCODINGS.filter(encoding => accepts(() => decodeSecret(raw, encoding)));
}

/** False when `check` refuses its input with a WorkbenchError; any other error is a bug and is thrown. */
function accepts(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (e) {
    if (isWorkbenchError(e)) return false;
    throw e;
  }
}

/** PEM kept in a `.env` file or a JSON string arrives with literal `\n` (and maybe a real break at the end). */
function unflattenPem(text: string): string {
  return looksLikePem(text) && !text.includes('\n') && text.includes('\\n') ? text.replace(/(?:\\r)?\\n/g, '\n').trim() : text;
}

/** JSON text of a JWK or JWK Set. The parser's own message is not kept, nor the error: V8 quotes the input. */
function parseKeyJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WorkbenchError('KEY_FORMAT',
      'This key starts with "{" like a JWK or JWK Set, but it is not valid JSON, so it cannot be read: check its quotes and commas.');
  }
  if (!isRecord(value)) throw new WorkbenchError('KEY_FORMAT', 'This JSON is not an object, so it is neither a JWK nor a JWK Set.');
  return value;
}

async function readBytes(bytes: Uint8Array, options: KeyReadOptions): Promise<KeyCandidates> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_KEY_TEXT + 1));
  if (looksLikePem(text) || /^\s*\{/.test(text.slice(0, 64))) return readText(text, { ...options, allowSecret: false });
  const found = await readDer(bytes);
  return { source: 'der', keys: [found.jwk], certificates: found.certificatePem ? new Map([[found.jwk, found.certificatePem]]) : NO_CERTIFICATES };
}

// ---------------------------------------------------------------------------------------------------------
// PEM and DER

/** One key read from PEM or DER, loaded by WebCrypto already (so its values are valid). */
interface Found {
  jwk: JWK;
  certificatePem?: string;
}

async function readPem(text: string, passphrase: string | undefined): Promise<KeyCandidates> {
  const found: Found[] = [];
  for (const block of splitPem(text)) {
    const f = await readPemBlock(block, passphrase);
    if (f) found.push(f);
  }
  if (found.length === 0) throw notRecognised('the PEM text holds no private key, public key or certificate.');
  const certificates = new Map<JWK, string>();
  for (const f of found) if (f.certificatePem) certificates.set(f.jwk, f.certificatePem);
  return { source: 'pem', keys: found.map(f => f.jwk), certificates };
}

async function readPemBlock(block: PemBlock, passphrase: string | undefined): Promise<Found | undefined> {
  switch (block.label) {
    case 'PRIVATE KEY':
      return { jwk: await jwkFromDer(block.der, 'pkcs8') };
    case 'PUBLIC KEY':
      return { jwk: await jwkFromDer(block.der, 'spki') };
    case 'CERTIFICATE':
    case 'TRUSTED CERTIFICATE':
    case 'X509 CERTIFICATE':
      return readCertificate(block.der);
    case 'DSA PRIVATE KEY':
      throw unsupported(UNSUPPORTED_OIDS['1.2.840.10040.4.1'] ?? '');
    case 'OPENSSH PRIVATE KEY':
      throw new WorkbenchError('KEY_FORMAT',
        'This is an OpenSSH private key, which cannot be read here: convert a copy of it to PEM first (cp id_key key.pem && ssh-keygen -p -m PKCS8 -f key.pem), or paste the key as a JWK.');
    default:
      if (needsNodeCrypto(block)) {
        const { format, der, jwk } = await nodeKeyToDer(block, passphrase);
        if (!jwk) return { jwk: await jwkFromDer(der, format) };
        // node:crypto wrote the JWK already; the DER still decides whether the key type is supported.
        const id = keyAlgorithmOf(der, format);
        if (id) joseAlgFor(id);
        return { jwk: jwk as JWK };
      }
      // EC PARAMETERS, CERTIFICATE REQUEST and unknown blocks carry no key to import.
      return undefined;
  }
}

async function readCertificate(der: Uint8Array): Promise<Found> {
  const spki = spkiOfCertificate(der);
  if (!spki) throw new WorkbenchError('CERT_INVALID', 'This certificate is damaged: its structure could not be read.');
  return { jwk: await jwkFromDer(spki, 'spki'), certificatePem: derToPem(der, 'CERTIFICATE') };
}

async function readDer(der: Uint8Array): Promise<Found> {
  if (keyAlgorithmOf(der, 'pkcs8')) return { jwk: await jwkFromDer(der, 'pkcs8') };
  if (keyAlgorithmOf(der, 'spki')) return { jwk: await jwkFromDer(der, 'spki') };
  if (spkiOfCertificate(der)) return readCertificate(der);
  const converted = await nodeDerToStandard(der);
  if (converted) return { jwk: await jwkFromDer(converted.der, converted.format) };
  throw notRecognised('these bytes are not a DER key or certificate (PKCS#8, SPKI, PKCS#1, SEC1 or X.509).');
}

const EC_CURVE_OID: Readonly<Record<string, string>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};
const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const OID_ED25519 = '1.3.101.112';

/** The jose algorithm to import PKCS#8/SPKI DER with, or a KEY_UNSUPPORTED error. */
function joseAlgFor(id: KeyAlgorithmId): string {
  if (id.oid === OID_RSA) return 'RS256';
  if (id.oid === OID_ED25519) return 'Ed25519';
  if (id.oid === OID_EC) {
    const crv = EC_CURVE_OID[id.curveOid ?? ''];
    if (crv) return EC_CURVE_ALG[crv] ?? 'ES256';
    if (id.curveOid === undefined) {
      throw unsupported('This EC key has explicit curve parameters; re-encode it with a named curve: openssl ec -param_enc named_curve -in key.pem -out named.pem');
    }
    throw unsupported(UNSUPPORTED_OIDS[id.curveOid] ?? `The EC curve with OID ${id.curveOid} is not supported: ${SUPPORTED_TYPES}`);
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
  } catch (e) {
    if (isWorkbenchError(e)) throw e;
    // WebCrypto's own error is not kept as the cause: it is about key bytes, not worth a person's reading.
    throw new WorkbenchError('KEY_FORMAT', `This ${what} could not be loaded: its key values are damaged.`);
  }
}

export function notRecognised(detail: string): WorkbenchError {
  return new WorkbenchError('KEY_FORMAT', `No key found: ${detail} Paste a PEM key or certificate, a JWK or a JWK Set.`);
}
