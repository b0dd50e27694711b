/**
 * PEM and DER reading for keys and certificates.
 *
 * The top part runs everywhere (Node and the browser): PEM splitting, base64, and a small DER walker
 * that only finds the algorithm OIDs and the SubjectPublicKeyInfo of a certificate, so that jose can
 * be told which algorithm to import with. No cryptography happens here.
 *
 * The functions whose names start with `node` are Node-only: they load `node:crypto` lazily (the
 * browser bundle stubs `node:*` modules) and convert the formats WebCrypto cannot read (PKCS#1, SEC1,
 * encrypted PKCS#8, legacy `Proc-Type: 4,ENCRYPTED`) into plain PKCS#8 / SPKI DER.
 */
import { WorkbenchError } from '../errors';

/** One `-----BEGIN label----- … -----END label-----` block. */
export interface PemBlock {
  /** The label, e.g. `PRIVATE KEY`, `CERTIFICATE`. */
  label: string;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info` (legacy encrypted keys), else empty. */
  headers: Record<string, string>;
  /** The decoded body. */
  der: Uint8Array;
  /** The block as text, normalised (BEGIN line, headers, body, END line). */
  text: string;
}

const BEGIN_RE = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/** True when `text` holds at least one PEM BEGIN line. */
export function looksLikePem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}

/** Standard base64 (not base64url) to bytes; `undefined` when it is not valid base64. */
export function decodeBase64(b64: string): Uint8Array | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Bytes to standard base64. */
function encodeBase64(bytes: Uint8Array): string {
  let bin = '';
  // Chunked so large certificates do not overflow the argument list of String.fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * DER bytes as a PEM block with 64-character lines.
 * @example derToPem(spki, 'PUBLIC KEY') // "-----BEGIN PUBLIC KEY-----\nMIIB…\n-----END PUBLIC KEY-----\n"
 */
export function derToPem(der: Uint8Array, label: string): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Every PEM block in `text`, in order. Text around the blocks (openssl's "Bag Attributes", comments)
 * is ignored.
 * @throws WorkbenchError `KEY_TRUNCATED` when a block has no END line or its body is cut short.
 * @example splitPem(fs.readFileSync('bundle.pem', 'utf8')).map(b => b.label) // ['PRIVATE KEY', 'CERTIFICATE']
 */
export function splitPem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  BEGIN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BEGIN_RE.exec(text)) !== null) {
    const label = m[1] ?? '';
    const bodyStart = m.index + m[0].length;
    const endLine = `-----END ${label}-----`;
    const end = text.indexOf(endLine, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
      throw new WorkbenchError('KEY_TRUNCATED',
        `The PEM block "${label}" has a BEGIN line but no matching END line: the text looks cut short. Paste the whole block, from -----BEGIN ${label}----- to -----END ${label}-----.`,
        { label });
    }
    blocks.push(parseBlock(label, text.slice(bodyStart, end)));
    BEGIN_RE.lastIndex = end + endLine.length;
  }
  return blocks;
}

function parseBlock(label: string, inner: string): PemBlock {
  const headers: Record<string, string> = {};
  const lines = inner.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '');
  let i = 0;
  // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,…") come before the body.
  for (; i < lines.length; i++) {
    const h = /^([A-Za-z-]+):\s*(.*)$/.exec(lines[i] ?? '');
    if (!h) break;
    headers[h[1] ?? ''] = h[2] ?? '';
  }
  const body = lines.slice(i).join('');
  const der = decodeBase64(body);
  const truncated = new WorkbenchError('KEY_TRUNCATED',
    `The PEM block "${label}" is cut short or damaged: its base64 body is incomplete. Paste the whole block again.`,
    { label });
  if (!der || der.length === 0) throw truncated;
  // Encrypted legacy bodies are ciphertext and OpenSSH keys their own format, not DER; every other body must
  // be exactly one DER element.
  if (!headers['Proc-Type'] && label !== 'OPENSSH PRIVATE KEY' && !isOneDerElement(der)) throw truncated;
  const headerText = Object.entries(headers).map(([k, v]) => `${k}: ${v}\n`).join('');
  const text = headers['Proc-Type']
    ? `-----BEGIN ${label}-----\n${headerText}\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`
    : derToPem(der, label);
  return { label, headers, der, text };
}

/** True when the block's RFC 1421 headers say it is encrypted (legacy `Proc-Type: 4,ENCRYPTED`). */
function isLegacyEncrypted(block: PemBlock): boolean {
  return /ENCRYPTED/i.test(block.headers['Proc-Type'] ?? '');
}

// ---------------------------------------------------------------------------------------------
// A minimal DER walker: tag, length, children. Enough to find OIDs; it decodes nothing else.

interface Tlv {
  tag: number;
  /** Offset of the contents. */
  start: number;
  /** Offset just past the contents. */
  end: number;
  /** Offset of the tag byte. */
  offset: number;
}

function readTlv(der: Uint8Array, offset: number, limit = der.length): Tlv {
  const tag = der[offset];
  let lenByte = der[offset + 1];
  if (tag === undefined || lenByte === undefined) throw new RangeError('DER: unexpected end');
  let pos = offset + 2;
  let length = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n === 0 || n > 4) throw new RangeError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < n; i++) {
      lenByte = der[pos++];
      if (lenByte === undefined) throw new RangeError('DER: unexpected end');
      length = length * 256 + lenByte;
    }
  }
  const end = pos + length;
  if (end > limit) throw new RangeError('DER: element overruns its parent');
  return { tag, start: pos, end, offset };
}

function childrenOf(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let pos = parent.start; pos < parent.end;) {
    const t = readTlv(der, pos, parent.end);
    out.push(t);
    pos = t.end;
  }
  return out;
}

/** True when `der` is exactly one DER element (no trailing bytes). */
export function isOneDerElement(der: Uint8Array): boolean {
  try {
    return readTlv(der, 0).end === der.length;
  } catch {
    return false;
  }
}

function oidText(der: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = t.start; i < t.end; i++) {
    const b = der[i] ?? 0;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OID = 0x06;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;

/** The algorithm named inside a PKCS#8 or SPKI structure: its OID and, for EC, the curve OID. */
export interface KeyAlgorithmId {
  oid: string;
  curveOid?: string;
}

function algorithmIdentifier(der: Uint8Array, t: Tlv | undefined): KeyAlgorithmId {
  if (!t || t.tag !== SEQUENCE) throw new RangeError('DER: expected AlgorithmIdentifier');
  const [oid, params] = childrenOf(der, t);
  if (!oid || oid.tag !== OID) throw new RangeError('DER: expected algorithm OID');
  return params?.tag === OID ? { oid: oidText(der, oid), curveOid: oidText(der, params) } : { oid: oidText(der, oid) };
}

/**
 * True when `der` is one DER SEQUENCE of at least two elements that all parse: the outer shape of every
 * key and certificate structure (SPKI, PKCS#8, PKCS#1, SEC1, X.509), and rare in random bytes.
 */
export function isDerSequence(der: Uint8Array): boolean {
  try {
    const top = readTlv(der, 0);
    return top.tag === SEQUENCE && top.end === der.length && childrenOf(der, top).length >= 2;
  } catch {
    return false;
  }
}

/**
 * The key algorithm of PKCS#8 (`PrivateKeyInfo`) or SPKI (`SubjectPublicKeyInfo`) DER, or `undefined`
 * when the bytes are not that structure.
 */
export function keyAlgorithmOf(der: Uint8Array, format: 'pkcs8' | 'spki'): KeyAlgorithmId | undefined {
  try {
    const top = readTlv(der, 0);
    if (top.tag !== SEQUENCE || top.end !== der.length) return undefined;
    const kids = childrenOf(der, top);
    if (format === 'pkcs8') {
      if (kids[0]?.tag !== INTEGER || kids[2]?.tag !== OCTET_STRING) return undefined;
      return algorithmIdentifier(der, kids[1]);
    }
    if (kids.length !== 2 || kids[1]?.tag !== BIT_STRING) return undefined;
    return algorithmIdentifier(der, kids[0]);
  } catch {
    return undefined;
  }
}

/**
 * The SubjectPublicKeyInfo DER inside an X.509 certificate, or `undefined` when the bytes are not
 * a certificate.
 */
export function spkiOfCertificate(der: Uint8Array): Uint8Array | undefined {
  try {
    const top = readTlv(der, 0);
    if (top.tag !== SEQUENCE || top.end !== der.length) return undefined;
    const [tbs, sigAlg, sig] = childrenOf(der, top);
    if (!tbs || tbs.tag !== SEQUENCE || sigAlg?.tag !== SEQUENCE || sig?.tag !== BIT_STRING) return undefined;
    const fields = childrenOf(der, tbs);
    // tbsCertificate: [0] version (optional), serial, signature, issuer, validity, subject, spki, …
    const spki = fields[fields[0]?.tag === 0xa0 ? 6 : 5];
    if (!spki || spki.tag !== SEQUENCE) return undefined;
    const bytes = der.subarray(spki.offset, spki.end);
    return keyAlgorithmOf(bytes, 'spki') ? bytes : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Node-only: formats WebCrypto cannot read.

type NodeCrypto = typeof import('node:crypto');

async function loadNodeCrypto(what: string): Promise<NodeCrypto> {
  try {
    return await import('node:crypto');
  } catch (cause) {
    throw new WorkbenchError('KEY_UNAVAILABLE_ON_PLATFORM',
      `${what} can only be read in desktop VS Code. Here, convert it to PKCS#8 first (openssl pkcs8 -topk8 -nocrypt -in key.pem) or paste it as a JWK.`,
      undefined, { cause });
  }
}

const NODE_FORMAT_NAMES: Record<string, string> = {
  'RSA PRIVATE KEY': 'A PKCS#1 RSA private key',
  'EC PRIVATE KEY': 'A SEC1 EC private key',
  'ENCRYPTED PRIVATE KEY': 'An encrypted PKCS#8 private key',
  'RSA PUBLIC KEY': 'A PKCS#1 RSA public key',
};

/** True for the PEM labels only {@link nodeKeyToDer} can read. */
export function needsNodeCrypto(block: PemBlock): boolean {
  return block.label in NODE_FORMAT_NAMES;
}

/** A key node:crypto read: as standard DER, and as a JWK when node:crypto can write one for its type. */
export interface NodeReadKey {
  format: 'pkcs8' | 'spki';
  der: Uint8Array;
  jwk?: JsonWebKey;
}

/** The key as node:crypto's JWK, or undefined for types it cannot write as JWK (DSA, DH). */
function nodeJwk(key: import('node:crypto').KeyObject): JsonWebKey | undefined {
  try {
    return key.export({ format: 'jwk' });
  } catch {
    return undefined;
  }
}

/**
 * Node-only. Reads a PKCS#1, SEC1, encrypted PKCS#8 or legacy-encrypted PEM block with node:crypto and
 * returns it as plain PKCS#8 DER (private keys) or SPKI DER (`RSA PUBLIC KEY`).
 * @throws WorkbenchError `KEY_UNAVAILABLE_ON_PLATFORM` in the browser, `KEY_PASSPHRASE_REQUIRED`,
 *   `KEY_PASSPHRASE_WRONG`, `KEY_UNSUPPORTED` (legacy PBES1 cipher), `KEY_FORMAT`.
 */
export async function nodeKeyToDer(block: PemBlock, passphrase?: string): Promise<NodeReadKey> {
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || isLegacyEncrypted(block);
  if (encrypted && !passphrase) throw passphraseRequired();
  const nodeCrypto = await loadNodeCrypto(NODE_FORMAT_NAMES[block.label] ?? 'This key');
  try {
    if (block.label === 'RSA PUBLIC KEY') {
      const key = nodeCrypto.createPublicKey({ key: block.text, format: 'pem' });
      return { format: 'spki', der: new Uint8Array(key.export({ format: 'der', type: 'spki' })), jwk: nodeJwk(key) };
    }
    const key = nodeCrypto.createPrivateKey({ key: block.text, format: 'pem', ...(passphrase ? { passphrase } : {}) });
    return { format: 'pkcs8', der: new Uint8Array(key.export({ format: 'der', type: 'pkcs8' })), jwk: nodeJwk(key) };
  } catch (cause) {
    if (encrypted) throw decryptionError(cause, block.label);
    if (errorCode(cause) === 'ERR_MISSING_PASSPHRASE') throw passphraseRequired();
    throw new WorkbenchError('KEY_FORMAT',
      `The PEM block "${block.label}" could not be read as a key: its contents are damaged or not what the label says.`,
      { label: block.label }, { cause });
  }
}

function errorCode(cause: unknown): unknown {
  return typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
}

/** Why node:crypto could not open an encrypted key, from OpenSSL's error code. */
function decryptionError(cause: unknown, label: string): WorkbenchError {
  switch (errorCode(cause)) {
    case 'ERR_OSSL_BAD_DECRYPT':
      return new WorkbenchError('KEY_PASSPHRASE_WRONG', 'The passphrase does not decrypt this key.', { label }, { cause });
    case 'ERR_OSSL_EVP_UNSUPPORTED':
      // PBES1 ciphers (PBE-MD5-DES and the like) live in OpenSSL 3's legacy provider, which Node does not load.
      return new WorkbenchError('KEY_UNSUPPORTED',
        'This key is encrypted with a legacy cipher (such as PBE-MD5-DES) that cannot be opened here; re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key',
        { label }, { cause });
    default:
      // Damaged ciphertext, or a wrong passphrase whose padding happened to pass and left garbage ASN.1.
      return new WorkbenchError('KEY_FORMAT', 'The encrypted key is damaged, or the passphrase is wrong.', { label }, { cause });
  }
}

/**
 * True when `der` is one DER SEQUENCE whose first element is an INTEGER: the shape of PKCS#1
 * (private and public) and SEC1 keys, the only DER forms {@link nodeDerToStandard} can convert.
 */
function hasTraditionalKeyShape(der: Uint8Array): boolean {
  try {
    const top = readTlv(der, 0);
    if (top.tag !== SEQUENCE || top.end !== der.length) return false;
    return childrenOf(der, top)[0]?.tag === INTEGER;
  } catch {
    return false;
  }
}

/**
 * Node-only, best effort for DER bytes that are not PKCS#8, SPKI or a certificate: tries PKCS#1 and SEC1
 * private keys and a PKCS#1 public key. Returns `undefined` when none fits (without needing node:crypto
 * when the bytes are not even shaped like one).
 */
export async function nodeDerToStandard(der: Uint8Array): Promise<{ format: 'pkcs8' | 'spki'; der: Uint8Array } | undefined> {
  // Bytes of another shape are no key at all: say so, rather than blame the platform in the browser.
  if (!hasTraditionalKeyShape(der)) return undefined;
  const nodeCrypto = await loadNodeCrypto('A DER key in PKCS#1 or SEC1 form');
  const buf = Buffer.from(der);
  for (const type of ['pkcs1', 'sec1'] as const) {
    try {
      const key = nodeCrypto.createPrivateKey({ key: buf, format: 'der', type });
      return { format: 'pkcs8', der: new Uint8Array(key.export({ format: 'der', type: 'pkcs8' })) };
    } catch { /* not this type: try the next */ }
  }
  try {
    const key = nodeCrypto.createPublicKey({ key: buf, format: 'der', type: 'pkcs1' });
    return { format: 'spki', der: new Uint8Array(key.export({ format: 'der', type: 'spki' })) };
  } catch {
    return undefined;
  }
}

function passphraseRequired(): WorkbenchError {
  return new WorkbenchError('KEY_PASSPHRASE_REQUIRED', 'This private key is encrypted; enter its passphrase.');
}
