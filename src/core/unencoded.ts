/**
 * RFC 7797's `b64` header, read one way everywhere. `"b64": false` means the payload part is the payload
 * itself, not base64url; RFC 7797 §6 requires "b64" to be listed in `crit`, because a verifier that does not
 * know the extension would read the same bytes as base64url and see another payload. Decode refuses
 * `b64: false` without `crit`, verify refuses every unencoded payload, and sign never makes one.
 */
import { WorkbenchError } from './errors';
import { describeType } from './json';

/**
 * True when a JWS header asks for an unencoded payload as RFC 7797 allows (`b64: false` with "b64" in `crit`).
 * @throws WorkbenchError `HEADER_INVALID` when `b64` is not a boolean, or is false without "b64" in `crit`.
 */
export function isUnencodedPayload(header: Record<string, unknown>): boolean {
  const { b64, crit } = header;
  if (b64 === undefined || b64 === true) return false;
  if (b64 !== false) {
    throw new WorkbenchError('HEADER_INVALID', `The header's "b64" must be true or false (RFC 7797); it is ${describeType(b64)}.`);
  }
  if (!Array.isArray(crit) || !crit.includes('b64')) {
    throw new WorkbenchError('HEADER_INVALID',
      'The header says "b64": false (an unencoded payload) without listing "b64" in "crit", as RFC 7797 requires: verifiers would read its payload in two different ways, so the token is refused.');
  }
  return true;
}

/** The refusal of an unencoded payload where the engine does not support one (verifying, signing). */
export function unencodedPayloadRefused(operation: 'verification' | 'signing'): WorkbenchError {
  const hint = operation === 'signing' ? ': remove "b64" from the header (the payload is then base64url, as every JWT is)' : '';
  return new WorkbenchError('HEADER_INVALID', `Unencoded payloads (b64: false, RFC 7797) are not supported for ${operation}${hint}.`);
}

/**
 * For signing: refuses a header whose `b64` is anything but absent or true (jose would make an RFC 7797
 * token with "crit", or, without it, a token whose header and payload disagree).
 */
export function refuseUnencodedPayload(header: Record<string, unknown>): void {
  if (header.b64 !== undefined && header.b64 !== true) throw unencodedPayloadRefused('signing');
}
