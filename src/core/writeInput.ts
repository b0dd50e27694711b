/**
 * What signToken and encryptToken are given to write, checked before any key is read: the request and options
 * are objects, the header is a JSON object that can be written as it is, the payload is text or a JSON object
 * that can be written without change. A wrong type or an unwritable value is a WorkbenchError with a code
 * (`OPTION_INVALID`, `HEADER_INVALID`, `PAYLOAD_INVALID`), never a TypeError from JSON.stringify or jose.
 */
import { WorkbenchError } from './errors';
import { requireOptions } from './arguments';
import { describeType, toJsonText } from './json';
import { refuseUnencodedPayload } from './unencoded';
import type { SignRequest } from './sign';
import type { EncryptOptions } from './jwe';

/**
 * The request, checked: header and payload writable, `alg` (when given) a string, no unencoded payload (`b64`).
 * @throws WorkbenchError `OPTION_INVALID`, `HEADER_INVALID`, `PAYLOAD_INVALID`.
 */
export function checkSignRequest(request: unknown): SignRequest & { payloadText: string } {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    throw new WorkbenchError('OPTION_INVALID', `signToken needs a request object ({ header, payload, key }); it was given ${describeType(request)}.`);
  }
  const { header, payload } = request as Record<string, unknown>;
  checkHeader(header);
  if (header.alg !== undefined && typeof header.alg !== 'string') {
    // Else String(alg) would name ["HS256"] "HS256", and a null-prototype object would throw a TypeError.
    throw new WorkbenchError('HEADER_INVALID', `The header's "alg" must be a string such as "HS256"; it is ${describeType(header.alg)}.`);
  }
  refuseUnencodedPayload(header);
  return { ...(request as SignRequest), payloadText: payloadText(payload) };
}

/**
 * The options, checked: an object with `alg` and `enc` strings and, when given, a writable header object;
 * the plaintext writable.
 * @throws WorkbenchError `OPTION_INVALID`, `HEADER_INVALID`, `PAYLOAD_INVALID`.
 */
export function checkEncryptArgs(plaintext: unknown, options: unknown): EncryptOptions & { plaintextText: string } {
  const given = requireOptions(options, 'The encryption options ({ alg, enc })');
  for (const [name, what] of [['alg', 'key management algorithm'], ['enc', 'content encryption algorithm']] as const) {
    if (typeof given[name] !== 'string') {
      throw new WorkbenchError('OPTION_INVALID', `The ${what} ("${name}") must be a string such as ${name === 'alg' ? '"RSA-OAEP-256"' : '"A256GCM"'}; it is ${describeType(given[name])}.`);
    }
  }
  if (given.header !== undefined) checkHeader(given.header);
  return { ...(given as unknown as EncryptOptions), plaintextText: payloadText(plaintext) };
}

function checkHeader(header: unknown): asserts header is Record<string, unknown> {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new WorkbenchError('HEADER_INVALID', `The header must be a JSON object; it is ${describeType(header)}.`);
  }
  toJsonText(header, 'The header', 'HEADER_INVALID');
}

/**
 * A payload is text (signed byte for byte) or a JSON object (the claims); anything else is refused, not coerced.
 * Returns the text to write, so the payload is serialised once.
 */
export function payloadText(payload: unknown): string {
  if (typeof payload === 'string') return payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new WorkbenchError('PAYLOAD_INVALID', `The payload must be a JSON object (the claims) or text; it is ${describeType(payload)}.`);
  }
  return toJsonText(payload, 'The payload', 'PAYLOAD_INVALID');
}
