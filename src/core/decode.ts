/**
 * Decoding a compact JWS or JWE without verifying anything: header, payload (JWS) and the raw parts,
 * with errors that say which part is wrong and where. Verification lives elsewhere.
 */
import { base64url } from 'jose';
import { isNoneAlgorithm } from './algorithms';
import { WorkbenchError } from './errors';
import { requireString } from './arguments';
import { MAX_JSON_DEPTH, describeType, readJson } from './json';
import { isUnencodedPayload } from './unencoded';

/** A JOSE header: a JSON object of whatever members, with the registered members typed where they are commonly read. */
export type JoseHeader = Record<string, unknown> & {
  alg?: string;
  typ?: string;
  enc?: string;
  kid?: string;
  cty?: string;
  zip?: string;
  crit?: string[];
  jku?: string;
  x5u?: string;
  jwk?: Record<string, unknown>;
  x5c?: string[];
  x5t?: string;
  'x5t#S256'?: string;
};

/** A decoded compact JWS. `payload` is the claims object when the payload is a JSON object, else its text. */
export interface DecodedJws {
  kind: 'jws';
  header: JoseHeader;
  payload: Record<string, unknown> | string;
  /** The signature as it appears in the token (base64url); empty for an unsecured token. */
  signature: string;
  /** The three base64url parts as they appear in the token. */
  raw: { header: string; payload: string; signature: string };
  /** True when `alg` is "none" (in any case): there is nothing to verify, and nothing is proven. */
  unsecured: boolean;
}

/** A decoded compact JWE: only the protected header is readable without a key; the rest stays base64url. */
export interface DecodedJwe {
  kind: 'jwe';
  header: JoseHeader;
  /** Empty for `dir` and `ECDH-ES`, which carry no encrypted key. */
  encryptedKey: string;
  iv: string;
  ciphertext: string;
  tag: string;
  /** The five base64url parts as they appear in the token. */
  raw: { header: string; encryptedKey: string; iv: string; ciphertext: string; tag: string };
}

/** A decoded compact token. */
export type DecodedToken = DecodedJws | DecodedJwe;

/** Tokens longer than this (in characters) are refused: nobody pastes a real one this large. */
export const MAX_TOKEN_LENGTH = 1024 * 1024;

const JWS_PART_NAMES = ['header', 'payload', 'signature'] as const;
const JWE_PART_NAMES = ['header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'] as const;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BEARER = /^bearer(?:\s+|$)/i;

// fatal: a header that is not UTF-8 is an error; the payload is read leniently (see decodePayload).
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Splits and decodes a compact JWS (3 parts) or JWE (5 parts). Surrounding whitespace and a leading
 * `Bearer ` are ignored. Nothing is verified: an `alg: none` token decodes with `unsecured: true`.
 *
 * @throws WorkbenchError `TOKEN_EMPTY`, `TOKEN_TOO_LARGE`, `TOKEN_PART_COUNT`, `TOKEN_BASE64URL`,
 * `TOKEN_JSON` (also for JSON nested deeper than 100 levels) or `TOKEN_HEADER_NOT_OBJECT`, with a message
 * naming the part at fault; `HEADER_INVALID` for `b64` used against RFC 7797; `OPTION_INVALID` when
 * `token` is not a string.
 * @example
 * const t = decodeToken('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.');
 * t.kind === 'jws' && t.unsecured; // true
 * t.header.alg; // "none"
 */
export function decodeToken(token: string): DecodedToken {
  return canonicalToken(token).decoded;
}

/**
 * The one reading of a token's text that every operation shares: {@link decodeToken}'s (so a token is refused
 * exactly as decode refuses it, with the same code and message), and the text jose must be given: the checked
 * parts without surrounding whitespace or `Bearer `.
 *
 * @throws WorkbenchError as {@link decodeToken}.
 */
export function canonicalToken(token: string): { text: string; decoded: DecodedToken } {
  const text = normalize(requireString(token, 'The token'));
  return { text, decoded: decodeParts(text) };
}

/** Decodes `text`, already normalized: its parts are exactly the token jose is given. */
function decodeParts(text: string): DecodedToken {
  const parts = text.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    throw new WorkbenchError(
      'TOKEN_PART_COUNT',
      `A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has ${parts.length}.`,
      { parts: parts.length },
    );
  }
  const names = parts.length === 3 ? JWS_PART_NAMES : JWE_PART_NAMES;
  const [h = '', p1 = '', p2 = '', p3 = '', p4 = ''] = parts;
  const header = decodeHeader(h);
  const unencoded = parts.length === 3 && isUnencodedPayload(header);
  // Parts that are not decoded here are still checked, so a damaged token is reported where it is damaged.
  // (The payload is checked as it is decoded; with RFC 7797 `b64: false` it is not base64url at all.)
  parts.forEach((part, i) => {
    if (i > 1 || (i === 1 && parts.length === 5)) checkPart(part, i, names);
  });

  if (parts.length === 5) {
    return {
      kind: 'jwe',
      header,
      encryptedKey: p1,
      iv: p2,
      ciphertext: p3,
      tag: p4,
      raw: { header: h, encryptedKey: p1, iv: p2, ciphertext: p3, tag: p4 },
    };
  }

  return {
    kind: 'jws',
    header,
    payload: unencoded ? p1 : decodePayload(p1),
    signature: p2,
    raw: { header: h, payload: p1, signature: p2 },
    unsecured: isNoneAlgorithm(header.alg),
  };
}

/** Trims, drops a `Bearer ` prefix, and refuses empty or oversized input. */
function normalize(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH * 2) throw tooLarge(token.length); // before copying a huge string
  const text = token.trim().replace(BEARER, '');
  if (text === '') {
    throw new WorkbenchError('TOKEN_EMPTY', 'There is no token here: the text is empty (or only "Bearer").');
  }
  if (text.length > MAX_TOKEN_LENGTH) throw tooLarge(text.length);
  return text;
}

function tooLarge(length: number): WorkbenchError {
  const mib = (length / (1024 * 1024)).toFixed(1);
  return new WorkbenchError(
    'TOKEN_TOO_LARGE',
    `This token is ${mib} MiB long; JWT Workbench reads tokens up to 1 MiB.`,
    { length },
  );
}

/** "The payload (part 2)" — how messages name a part. */
function partLabel(index: number, names: readonly string[]): string {
  return `The ${names[index] ?? 'part'} (part ${index + 1})`;
}

/** Throws a TOKEN_BASE64URL error unless part `index` is unpadded base64url of a decodable length. */
function checkPart(part: string, index: number, names: readonly string[]): void {
  checkCharacters(part, index, names);
  checkLength(part, index, names);
}

/**
 * Decodes part `index` with jose, or throws a TOKEN_BASE64URL error saying what is wrong with it.
 * jose (like atob) silently skips whitespace and '=' padding; either makes the result shorter than the
 * part's length implies, which is how they are caught without a second pass over every character.
 */
function decodePart(part: string, index: number, names: readonly string[]): Uint8Array {
  if ((part.length & 3) !== 1) {
    try {
      const bytes = base64url.decode(part);
      if (bytes.length === (part.length * 3) >> 2) return bytes;
    } catch {
      // worded below
    }
  }
  checkPart(part, index, names);
  // Not reached for any input found so far: the checks above name every defect jose refuses.
  throw new WorkbenchError('TOKEN_BASE64URL', `${partLabel(index, names)} is not valid base64url.`, { part: index + 1 });
}

/** Throws a TOKEN_BASE64URL error naming the part when its length cannot be base64url (length % 4 === 1). */
function checkLength(part: string, index: number, names: readonly string[]): void {
  if ((part.length & 3) !== 1) return;
  throw new WorkbenchError(
    'TOKEN_BASE64URL',
    `${partLabel(index, names)} is not valid base64url: its length (${part.length}) is one character too long or too short; the token looks truncated or corrupted.`,
    { part: index + 1, length: part.length },
  );
}

/** Throws a TOKEN_BASE64URL error naming the part and the first character outside the base64url alphabet. */
function checkCharacters(part: string, index: number, names: readonly string[]): void {
  if (BASE64URL.test(part)) return;
  let position = 0;
  while (position < part.length && isBase64urlChar(part.charCodeAt(position))) position++;
  const char = part.charAt(position);
  const hint =
    char === '+' || char === '/' ? " (that is standard base64; a JWT uses base64url, with '-' and '_')" :
    char === '=' ? ' (a JWT part has no "=" padding)' :
    /\s/.test(char) ? ' (remove line breaks and spaces from the token)' :
    '';
  throw new WorkbenchError(
    'TOKEN_BASE64URL',
    `${partLabel(index, names)} is not valid base64url: unexpected character ${showChar(char)} at position ${position + 1}${hint}.`,
    { part: index + 1, position: position + 1 },
  );
}

function isBase64urlChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45 || code === 95
  );
}

/** A character as a person can read it in a message: '!' or U+000A for invisible ones. */
function showChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x21 || code === 0x7f || (code >= 0x80 && code <= 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${char}'`;
}

function decodeHeader(part: string): JoseHeader {
  const names = JWS_PART_NAMES;
  if (part === '') {
    throw new WorkbenchError('TOKEN_JSON', `${partLabel(0, names)} is empty; it should be a JSON object such as {"alg":"HS256"}.`, { part: 1 });
  }
  const bytes = decodePart(part, 0, names);
  let json: string;
  try {
    json = strictUtf8.decode(bytes);
  } catch {
    throw new WorkbenchError('TOKEN_JSON', `${partLabel(0, names)} is not valid JSON: it is not even UTF-8 text.`, { part: 1 });
  }
  // No `cause`: JSON.parse's error quotes the text, and the text may be a secret.
  const read = readJson(json);
  if (!read.ok) {
    if (read.tooDeep) throw tooDeep(0);
    throw new WorkbenchError('TOKEN_JSON', `${partLabel(0, names)} is not valid JSON: ${read.reason}.`, { part: 1 });
  }
  const value = read.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WorkbenchError(
      'TOKEN_HEADER_NOT_OBJECT',
      `${partLabel(0, names)} is JSON but not an object (it is ${describeType(value)}); a JOSE header is an object such as {"alg":"HS256"}.`,
      { part: 1 },
    );
  }
  return value as JoseHeader;
}

/**
 * The payload as a claims object when it is a JSON object, else as text (a JWS may sign anything;
 * `cty` says what). (With `b64: false`, RFC 7797, the payload part is the text itself and never comes here.)
 */
function decodePayload(part: string): Record<string, unknown> | string {
  const text = lenientUtf8.decode(decodePart(part, 1, JWS_PART_NAMES));
  // Only something that looks like an object is worth a parse attempt.
  const first = text.charCodeAt(0);
  if (first !== 123 /* { */ && !/^\s*\{/.test(text)) return text;
  const read = readJson(text);
  if (read.ok) {
    const value = read.value;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : text;
  }
  // Too deep is refused rather than shown as text: its claims (exp…) would be hidden, and a verifier reads it as JSON.
  if (read.tooDeep) throw tooDeep(1);
  return text; // not JSON: the text is the payload
}

/** JSON nested too deep to be shown (every surface stringifies what it shows; deep nesting overflows the stack). */
function tooDeep(index: number): WorkbenchError {
  return new WorkbenchError('TOKEN_JSON',
    `${partLabel(index, JWS_PART_NAMES)} is JSON nested deeper than ${MAX_JSON_DEPTH} levels; JWT Workbench does not read JSON that deep.`,
    { part: index + 1 });
}
