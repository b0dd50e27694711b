/**
 * Shared secrets written as text, in the encodings people paste them in. Messages name the position of a bad
 * character, never the secret.
 */
import { base64url } from 'jose';
import { WorkbenchError } from '../errors';
import type { SecretEncoding } from '../types';
import { decodeBase64 } from './pem';
import { quoteAlg } from '../algorithms';

/**
 * A shared secret written as text, as bytes.
 * @throws WorkbenchError `KEY_FORMAT` for an empty secret or one that is not valid in `encoding`.
 * @example decodeSecret('c2VjcmV0', 'base64') // bytes of "secret"
 */
export function decodeSecret(secret: string, encoding: SecretEncoding = 'utf8'): Uint8Array {
  if (typeof secret !== 'string') throw new WorkbenchError('KEY_FORMAT', 'The secret must be text.');
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
      const clean = withoutTrailing(secret.trim(), '=');
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

/** `text` without a run of `char` at its end; a loop, because /=+$/ is quadratic on a long run not at the end. */
function withoutTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}

/** Names the first offending character's position, never the secret itself. */
function badSecret(clean: string, encoding: string, invalid: RegExp): WorkbenchError {
  const bad = invalid.exec(clean);
  const where = bad
    ? `it has a character that is not ${encoding} at position ${bad.index + 1}`
    : encoding === 'hex' ? 'it has an odd number of hex digits' : 'its length is not possible for this encoding';
  return new WorkbenchError('KEY_FORMAT', `The secret is not valid ${encoding}: ${where}.`, { encoding });
}
