/**
 * The key-confusion guard. A token verified with HS256 whose "secret" is really public-key text can be forged
 * by anyone who has that public key, so text that is key material in any encoding is never a shared secret.
 *
 * The guard reads text the way key encodings are written, not from a list of known cases:
 * - armour: BEGIN/END lines naming a KEY or CERTIFICATE, with any dashes, spaces or letter case (PEM, RFC 4716);
 * - JSON (or a JS object) with a "kty" member: a JWK, or a JWK Set of them, however it is wrapped;
 * - the SSH wire format: a base64 word whose bytes start with a length-prefixed algorithm name (every
 *   `ssh-…`, `ecdsa-…`, `sk-…@openssh.com` and certificate type, with or without a comment or options);
 * - base64, base64url or hex of any of these, or of DER (one SEQUENCE of elements: SPKI, PKCS#8, PKCS#1, SEC1,
 *   X.509), after undoing the escapes (`\n`, `\"`) and quotes of text copied out of JSON or `.env` files.
 * Every step is linear in the text: no regular expression here can backtrack over a run of input.
 */
import { WorkbenchError } from '../errors';
import { isDerSequence, keyAlgorithmOf, spkiOfCertificate } from './pem';

const NOT_A_SECRET = 'This looks like a key or certificate, not a shared secret:';
const NOT_READABLE = 'This looks like a key or certificate, but not in a form that can be read:';
/** How deep encodings of encodings are followed (base64 of base64 of PEM, say). */
const MAX_DEPTH = 3;
/** Below this an encoded string cannot hold a key (the smallest, an Ed25519 SPKI, is 44 bytes = 60 base64 characters). */
const MIN_ENCODED_LENGTH = 40;

/**
 * Throws `KEY_FORMAT` when `text` is key material in any encoding, saying what it is and how to give it as a key.
 * @example refuseKeyText('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… me@host') // throws: "…it is an OpenSSH public key (ssh-ed25519)…"
 */
export function refuseKeyText(text: string, wanted: 'secret' | 'import' = 'secret'): void {
  const reason = keyMaterialIn(text, 0);
  if (reason) throw new WorkbenchError('KEY_FORMAT', `${wanted === 'secret' ? NOT_A_SECRET : NOT_READABLE} ${reason}`);
}

/** Why `text` is key material, as the end of a sentence, or undefined when it is not. */
function keyMaterialIn(text: string, depth: number): string | undefined {
  const plain = unescape(text);
  return armourIn(plain) ?? jwkIn(plain) ?? sshIn(plain) ?? (depth < MAX_DEPTH ? encodedIn(plain, depth) : undefined);
}

/** Text copied out of JSON, a shell or a `.env` file: literal `\n`, `\r`, `\t`, `\"`, `\/` and outer quotes undone. */
function unescape(text: string): string {
  let out = text.includes('\\') ? text.replace(/\\([nrt"'/\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : text;
  out = out.trim();
  const first = out.charAt(0);
  if (out.length >= 2 && (first === '"' || first === "'" || first === '`') && out.endsWith(first)) out = out.slice(1, -1).trim();
  return out;
}

/** The words PEM and RFC 4716 labels are made of, before KEY or CERTIFICATE. */
const LABEL = /^[\s_-]+(?:(?:RSA|EC|DSA|PUBLIC|PRIVATE|ENCRYPTED|OPENSSH|SSH2|X509|X\.509|TRUSTED|NEW|ED25519|PGP)[\s_-]+){0,3}(?:KEY|CERTIFICATE)(?![A-Z])/;

/** BEGIN or END, then a key or certificate label: armour, however damaged (dashes, spaces, letter case). */
function armourIn(text: string): string | undefined {
  const words = /BEGIN|END/gi;
  for (let m = words.exec(text); m; m = words.exec(text)) {
    // A bounded window after each occurrence keeps this linear however many there are.
    const after = text.slice(words.lastIndex, words.lastIndex + 48).toUpperCase();
    if (LABEL.test(after)) {
      return 'it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.';
    }
  }
  return undefined;
}

/** A "kty" member, quoted or not: a JWK or JWK Set that was not given as plain JSON text. */
function jwkIn(text: string): string | undefined {
  if (!/(?:^|[^\w$])kty["'`]?\s{0,8}:/.test(text)) return undefined;
  return 'it has a "kty" member like a JWK or JWK Set, but it is not plain JSON text starting with "{" (it is wrapped, quoted or escaped), so it could not be read. Paste the JWK or JWK Set itself.';
}

/** A base64 word in the SSH wire format: a 4-byte length, then that many bytes of an algorithm name. */
function sshIn(text: string): string | undefined {
  for (const word of text.split(/[\s"',;]+/)) {
    if (!word.startsWith('AAAA') || word.length < 16) continue;
    // The first 48 bytes are enough for the name; a prefix of whole base64 quanta decodes on its own.
    const head = base64Bytes(word.slice(0, Math.min(64, word.length - (word.length % 4))));
    if (!head || head.length < 5) continue;
    const length = ((head[0] ?? 0) << 24) | ((head[1] ?? 0) << 16) | ((head[2] ?? 0) << 8) | (head[3] ?? 0);
    if (length < 3 || length > 40 || head.length < 4 + length) continue;
    const name = String.fromCharCode(...head.subarray(4, 4 + length));
    if (/^[a-z0-9][a-z0-9.@+-]*$/.test(name)) {
      return `it is an OpenSSH public key (${name}), which cannot be read here. Convert it to PEM (ssh-keygen -e -m PKCS8 -f key.pub) or paste it as a JWK.`;
    }
  }
  return undefined;
}

type Encoding = 'base64' | 'base64url' | 'hex';

/** Base64, base64url or hex of DER, or of text that is itself key material. */
function encodedIn(text: string, depth: number): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < MIN_ENCODED_LENGTH) return undefined;
  const decoded = decodeAny(compact);
  if (!decoded) return undefined;
  const [encoding, bytes] = decoded;
  const der = describeDer(bytes, encoding);
  if (der) return der;
  const inner = utf8(bytes);
  const reason = inner === undefined ? undefined : keyMaterialIn(inner, depth + 1);
  return reason ? `it is ${encoding} of text that is a key: ${reason}` : undefined;
}

function decodeAny(compact: string): [Encoding, Uint8Array] | undefined {
  const hex = /^(?:0x)?((?:[0-9a-fA-F]{2})+)$/.exec(compact);
  if (hex?.[1]) return ['hex', hexBytes(hex[1])];
  const bytes = base64Bytes(compact);
  return bytes ? [/[-_]/.test(compact) ? 'base64url' : 'base64', bytes] : undefined;
}

/** Sextet of each base64 and base64url character (both alphabets at once), -1 for any other. */
const SEXTET = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => { SEXTET[c.charCodeAt(0)] = i; });
SEXTET['-'.charCodeAt(0)] = 62;
SEXTET['_'.charCodeAt(0)] = 63;

/**
 * Base64 or base64url (padding optional) to bytes, or undefined. One pass over the characters: mapping the
 * alphabet with String.replace first costs seconds on a megabyte of `-`.
 */
function base64Bytes(text: string): Uint8Array | undefined {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? SEXTET[code] ?? -1 : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** What DER bytes are, when they are one SEQUENCE of elements (the shape of every key and certificate). */
function describeDer(bytes: Uint8Array, encoding: Encoding): string | undefined {
  if (!isDerSequence(bytes)) return undefined;
  const armour = (label: string): string => `Give it as PEM, between -----BEGIN ${label}----- and -----END ${label}----- lines.`;
  if (spkiOfCertificate(bytes)) return `it is ${encoding} of an X.509 certificate (DER, as in an "x5c" value). ${armour('CERTIFICATE')}`;
  if (keyAlgorithmOf(bytes, 'spki')) return `it is ${encoding} of a public key (SPKI DER). ${armour('PUBLIC KEY')}`;
  if (keyAlgorithmOf(bytes, 'pkcs8')) return `it is ${encoding} of a private key (PKCS#8 DER). ${armour('PRIVATE KEY')}`;
  return `it is ${encoding} of DER data shaped like a key or certificate (PKCS#1, SEC1 or similar). Give the key as PEM or as a JWK.`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text when they are UTF-8 text (no control characters but whitespace), else undefined. */
function utf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}
