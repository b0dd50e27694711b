/**
 * Encrypting and decrypting compact JWEs with jose: explicit algorithm lists, a bound on the PBES2 iteration
 * count and on token size (so a hostile token cannot hang the editor), and nested JWTs decoded.
 */
import { CompactEncrypt, compactDecrypt, errors } from 'jose';
import type { CompactJWEHeaderParameters, JWK } from 'jose';
import { WorkbenchError, isWorkbenchError } from './errors';
import type { KeyInput, SecretEncoding } from './types';
import { JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHMS } from './types';
import { isJweContentAlgorithm, isJweKeyAlgorithm, joseFailure, quoteAlg, unsupportedAlgorithm } from './algorithms';
import { KeyResolver, chooseKeys, chooseOneKey, listKeys } from './keys';
import type { KeyPurpose } from './keys';
import { decodeToken } from './decode';
import type { DecodedToken } from './decode';
import { checkEncryptArgs } from './writeInput';
import { requireOptions } from './arguments';
import { MAX_JSON_DEPTH, describeType, readJson } from './json';
import { boundedList } from './wording';

/** Default upper bound on a token's PBES2 `p2c` when decrypting. */
export const DEFAULT_MAX_PBES2_COUNT = 310_000;
/**
 * Upper bound on a `zip: "DEF"` plaintext once decompressed (jose's own default, made explicit): a tiny
 * token can inflate to gigabytes.
 */
export const MAX_DECOMPRESSED_BYTES = 250_000;
/** PBES2 iterations used when encrypting, unless the header gives `p2c` (OWASP's PBKDF2-SHA-256 figure). */
const DEFAULT_PBES2_COUNT = 310_000;

/** How {@link encryptToken} encrypts. */
export interface EncryptOptions {
  /** Key management: dir, A*KW, A*GCMKW, RSA-OAEP*, ECDH-ES*, PBES2-* (then the key is a password). */
  alg: string;
  /** Content encryption: A*GCM or A*CBC-HS*. */
  enc: string;
  /** More protected-header members (e.g. `cty: 'JWT'` for a nested token, `kid`; `p2c` for PBES2). */
  header?: Record<string, unknown>;
  secretEncoding?: SecretEncoding;
  /** Reads, chooses and imports the key, and keeps it for the next call (default: a fresh one, nothing kept). */
  resolver?: KeyResolver;
}

/** How {@link decryptToken} decrypts. */
export interface DecryptOptions {
  passphrase?: string;
  secretEncoding?: SecretEncoding;
  /** Accepted key-management algorithms (default: all the engine supports). */
  keyAlgorithms?: string[];
  /** Accepted content-encryption algorithms (default: all the engine supports). */
  contentEncryptionAlgorithms?: string[];
  /** Upper bound on PBES2 `p2c` (default {@link DEFAULT_MAX_PBES2_COUNT}). */
  maxPbes2Count?: number;
  /** Reads, chooses and imports the key, and keeps it for the next call (default: a fresh one, nothing kept). */
  resolver?: KeyResolver;
}

/** A decrypted token. */
export interface DecryptResult {
  header: Record<string, unknown>;
  /** The plaintext as UTF-8 text. */
  plaintext: string;
  /** The plaintext as an object, when it is a JSON object. */
  payload?: Record<string, unknown>;
  /** The inner token when the header says `cty: "JWT"` (any case) and the plaintext is one. */
  nested?: DecodedToken;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encrypts `plaintext` (text as is, an object as JSON) to a compact JWE.
 * @throws WorkbenchError `ALG_UNSUPPORTED`, `KEY_*` when the key does not fit, `HEADER_INVALID`; `PAYLOAD_INVALID`
 * for a plaintext that is neither text nor a JSON object, or holds a cycle, a BigInt, NaN or ±Infinity;
 * `OPTION_INVALID` for options that are not an object with string `alg` and `enc`.
 * @example
 * const jwe = await encryptToken({ sub: 'alice' }, rsaPublicJwk, { alg: 'RSA-OAEP-256', enc: 'A256GCM' });
 */
export async function encryptToken(plaintext: string | Record<string, unknown>, key: KeyInput, options: EncryptOptions): Promise<string> {
  const { alg, enc, plaintextText } = checkEncryptArgs(plaintext, options);
  if (!isJweKeyAlgorithm(alg)) throw unsupportedAlgorithm(String(alg));
  if (!isJweContentAlgorithm(enc)) throw unsupportedAlgorithm(String(enc));
  const { p2c, ...header } = options.header ?? {};
  if (p2c !== undefined && (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1000)) {
    throw new WorkbenchError('HEADER_INVALID', `"p2c" must be a whole number of PBES2 iterations, at least 1000; it is ${JSON.stringify(p2c)}.`);
  }
  const purpose: KeyPurpose = { alg, use: 'encrypt', enc };
  const resolver = options.resolver ?? new KeyResolver();
  const candidates = await resolver.read(key, { secretEncoding: options.secretEncoding });
  const jwk = chooseOneKey(candidates, purpose, typeof header.kid === 'string' ? header.kid : undefined);
  const joseKey = await resolver.importFor(jwk, purpose);
  const bytes = encoder.encode(plaintextText);
  try {
    const jwe = new CompactEncrypt(bytes).setProtectedHeader({ ...header, alg, enc } as CompactJWEHeaderParameters);
    if (alg.startsWith('PBES2-')) jwe.setKeyManagementParameters({ p2c: typeof p2c === 'number' ? p2c : DEFAULT_PBES2_COUNT });
    return await jwe.encrypt(joseKey);
  } catch (e) {
    throw joseFailure(e, { alg, operation: 'encrypt' });
  }
}

/**
 * Decrypts a compact JWE. Tokens over 1 MiB and PBES2 counts over `maxPbes2Count` are refused before any work.
 * A wrong key and a tampered token fail the same way (`DECRYPTION_FAILED`): they cannot be told apart.
 * @throws WorkbenchError `TOKEN_*`, `ALG_UNSUPPORTED`, `ALG_NOT_ALLOWED`, `PBES2_COUNT`, `KEY_*`, `DECRYPTION_FAILED`.
 * @example
 * const { payload, nested } = await decryptToken(jwe, rsaPrivateJwk, { keyAlgorithms: ['RSA-OAEP-256'] });
 */
export async function decryptToken(token: string, key: KeyInput, options: DecryptOptions = {}): Promise<DecryptResult> {
  try {
    return await decryptChecked(token, key, options);
  } catch (e) {
    // Whatever went wrong below (a bad option from outside TypeScript, say), the caller gets a WorkbenchError.
    throw isWorkbenchError(e) ? e : joseFailure(e, { operation: 'decrypt' });
  }
}

async function decryptChecked(token: string, key: KeyInput, given: DecryptOptions): Promise<DecryptResult> {
  const options: DecryptOptions = requireOptions(given, 'The decryption options');
  const decoded = decodeToken(token);
  if (decoded.kind !== 'jwe') {
    throw new WorkbenchError('TOKEN_PART_COUNT', 'This is a signed token (JWS, 3 parts), not an encrypted one: verify it instead of decrypting it.');
  }
  const { header, raw } = decoded;
  const { alg, enc } = header;
  const keyAlgorithms = allowList(options.keyAlgorithms, JWE_KEY_ALGORITHMS, 'keyAlgorithms');
  const contentAlgorithms = allowList(options.contentEncryptionAlgorithms, JWE_CONTENT_ALGORITHMS, 'contentEncryptionAlgorithms');
  if (typeof alg !== 'string' || alg === '') throw new WorkbenchError('HEADER_INVALID', 'The header has no "alg" (key management algorithm).');
  if (typeof enc !== 'string' || enc === '') throw new WorkbenchError('HEADER_INVALID', 'The header has no "enc" (content encryption algorithm).');
  if (!isJweKeyAlgorithm(alg)) throw unsupportedAlgorithm(alg);
  if (!isJweContentAlgorithm(enc)) throw unsupportedAlgorithm(enc);
  if (!keyAlgorithms.includes(alg)) {
    throw new WorkbenchError('ALG_NOT_ALLOWED', `The token says alg ${quoteAlg(alg)}, which is not in the allowed algorithms (${boundedList(keyAlgorithms.map(quoteAlg))}).`, { alg });
  }
  if (!contentAlgorithms.includes(enc)) {
    throw new WorkbenchError('ALG_NOT_ALLOWED', `The token says enc ${quoteAlg(enc)}, which is not in the allowed content encryptions (${boundedList(contentAlgorithms.map(quoteAlg))}).`, { alg: enc });
  }
  const maxPbes2Count = options.maxPbes2Count ?? DEFAULT_MAX_PBES2_COUNT;
  if (!Number.isSafeInteger(maxPbes2Count) || maxPbes2Count < 1) {
    throw new WorkbenchError('OPTION_INVALID',
      `The PBES2 iteration limit must be a positive whole number; it is ${typeof maxPbes2Count === 'number' ? String(maxPbes2Count) : describeType(maxPbes2Count)}.`);
  }
  if (alg.startsWith('PBES2-')) checkPbes2Count(header.p2c, maxPbes2Count);

  const purpose: KeyPurpose = { alg, use: 'decrypt', enc };
  const resolver = options.resolver instanceof KeyResolver ? options.resolver : new KeyResolver();
  const candidates = await resolver.read(key, { secretEncoding: options.secretEncoding, passphrase: options.passphrase });
  const keys = chooseKeys(candidates, purpose, typeof header.kid === 'string' ? header.kid : undefined);
  const text = [raw.header, raw.encryptedKey, raw.iv, raw.ciphertext, raw.tag].join('.');
  const joseOptions = {
    keyManagementAlgorithms: keyAlgorithms,
    contentEncryptionAlgorithms: contentAlgorithms,
    maxPBES2Count: maxPbes2Count,
    maxDecompressedLength: MAX_DECOMPRESSED_BYTES,
  };
  let plaintextBytes: Uint8Array | undefined;
  let lastError: unknown;
  for (const jwk of keys) {
    try {
      plaintextBytes = (await compactDecrypt(text, await resolver.importFor(jwk, purpose), joseOptions)).plaintext;
      break;
    } catch (e) {
      lastError = e;
      // A key that fits but fails is worth trying the next; a refused token or option is the same for every key.
      if (keys.length === 1 || isWorkbenchError(e) || e instanceof errors.JWEInvalid) break;
    }
  }
  if (!plaintextBytes) throw failure(lastError, alg, keys);
  const plaintext = decoder.decode(plaintextBytes);
  const result: DecryptResult = { header, plaintext };
  const payload = jsonObject(plaintext);
  if (payload) result.payload = payload;
  if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') {
    try {
      result.nested = decodeToken(plaintext);
    } catch {
      // The header promises a JWT but the plaintext is not one: the plaintext is still shown as it is.
    }
  }
  return result;
}

function allowList(given: string[] | undefined, all: readonly string[], name: string): string[] {
  if (given === undefined) return [...all];
  if (!Array.isArray(given)) throw new WorkbenchError('OPTION_INVALID', `"${name}" must be a list of algorithm names.`);
  return given.filter(a => typeof a === 'string');
}

function checkPbes2Count(p2c: unknown, max: number): void {
  if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1) {
    throw new WorkbenchError('HEADER_INVALID', `The header's "p2c" (PBES2 iteration count) must be a positive whole number; it is ${JSON.stringify(p2c) ?? 'missing'}.`);
  }
  if (p2c > max) {
    throw new WorkbenchError('PBES2_COUNT',
      `The token asks for ${p2c.toLocaleString('en-US')} PBES2 iterations; the limit is ${max.toLocaleString('en-US')} (a huge count is a way to hang the editor).`,
      { p2c, max });
  }
}

function failure(e: unknown, alg: string, keys: JWK[]): WorkbenchError {
  if (e instanceof errors.JWEInvalid && /Decompressed plaintext exceeded/.test(e.message)) {
    return new WorkbenchError('PAYLOAD_INVALID',
      `The compressed content is larger than ${MAX_DECOMPRESSED_BYTES / 1000} KB once decompressed; JWT Workbench refuses it to protect the editor.`,
      { alg, max: MAX_DECOMPRESSED_BYTES }, { cause: e });
  }
  const mapped = joseFailure(e, { alg, operation: 'decrypt' });
  if (mapped.code === 'DECRYPTION_FAILED' && keys.length > 1) {
    return new WorkbenchError('DECRYPTION_FAILED',
      `Decryption failed with each of the ${keys.length} keys that fit ${alg} (${listKeys(keys)}): either none is the key the token was encrypted for, or the token was changed (the two cannot be told apart).`,
      { alg }, { cause: e });
  }
  return mapped;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  const read = readJson(text);
  if (!read.ok && read.tooDeep) {
    // As decode refuses such a payload: whoever shows the result would overflow the stack stringifying it.
    throw new WorkbenchError('PAYLOAD_INVALID', `The decrypted payload is JSON nested deeper than ${MAX_JSON_DEPTH} levels; JWT Workbench does not read JSON that deep.`);
  }
  const value = read.ok ? read.value : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
