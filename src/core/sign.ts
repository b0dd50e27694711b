/**
 * Signing a JWS in compact form with jose's CompactSign, so the header is exactly what the user wrote and a
 * string payload is signed byte for byte as it is.
 */
import { CompactSign } from 'jose';
import type { CompactJWSHeaderParameters } from 'jose';
import { WorkbenchError, isWorkbenchError } from './errors';
import type { KeyInput, SecretEncoding } from './types';
import { isJwsAlgorithm, isNoneAlgorithm, isPrivateJwk, joseFailure, quoteAlg, unsupportedAlgorithm } from './algorithms';
import { KeyResolver, chooseOneKey } from './keys';
import { defaultAlg } from './keys/jwk';
import type { KeyCandidates } from './keys';
import { checkSignRequest } from './writeInput';

/** What {@link signToken} signs. */
export interface SignRequest {
  /** The protected header. `alg` is required, unless the key names its own `alg`. */
  header: Record<string, unknown>;
  /** An object is signed as its JSON; a string is signed as it is (its UTF-8 bytes). */
  payload: Record<string, unknown> | string;
  key: KeyInput;
  secretEncoding?: SecretEncoding;
  /** Passphrase of an encrypted PEM private key. */
  passphrase?: string;
  /** Reads, chooses and imports the key, and keeps it for the next call (default: a fresh one, nothing kept). */
  resolver?: KeyResolver;
}

const encoder = new TextEncoder();

/**
 * Signs and returns the compact JWS (`header.payload.signature`).
 *
 * Refuses `none` (`ALG_NONE`), an unknown alg (`ALG_UNSUPPORTED`), a key that does not fit the alg
 * (`KEY_ALG_MISMATCH`), a public key (`KEY_NOT_PRIVATE`), an HMAC secret shorter than the hash or an RSA key
 * under 2048 bits (`KEY_TOO_WEAK`). With a JWK Set, `header.kid` chooses the key (`KEY_AMBIGUOUS` when several fit).
 * Before any key is read: a header that is not a writable JSON object or asks for an unencoded payload (`b64`:
 * RFC 7797) is `HEADER_INVALID`; a payload that is neither text nor a JSON object, or holds a cycle, a BigInt,
 * NaN or ±Infinity, is `PAYLOAD_INVALID`; a request that is not an object is `OPTION_INVALID`.
 *
 * @throws WorkbenchError
 * @example
 * const jwt = await signToken({ header: { alg: 'ES256', typ: 'JWT' }, payload: { sub: 'alice' }, key: ecPrivateJwk });
 */
export async function signToken(request: SignRequest): Promise<string> {
  const { header, key, payloadText } = checkSignRequest(request);
  const resolver = request.resolver instanceof KeyResolver ? request.resolver : new KeyResolver();
  const options = { secretEncoding: request.secretEncoding, passphrase: request.passphrase };
  const candidates = await resolver.read(key, options);
  const alg = header.alg ?? candidates.material?.alg ?? onlyAlgOf(candidates);
  if (alg === undefined) {
    throw new WorkbenchError('HEADER_INVALID', 'The header has no "alg": say which algorithm to sign with (for example HS256 or RS256).');
  }
  if (isNoneAlgorithm(alg)) {
    throw new WorkbenchError('ALG_NONE', `"alg": "${quoteAlg(alg)}" means no signature at all; the workbench does not make unsecured tokens.`);
  }
  if (!isJwsAlgorithm(alg)) throw unsupportedAlgorithm(String(alg));
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const purpose = { alg, use: 'sign' as const };
  const joseKey = await resolver.importFor(chooseOneKey(candidates, purpose, kid), purpose);
  const bytes = encoder.encode(payloadText);
  try {
    return await new CompactSign(bytes).setProtectedHeader({ ...header, alg } as CompactJWSHeaderParameters).sign(joseKey);
  } catch (e) {
    if (isWorkbenchError(e)) throw e;
    throw joseFailure(e, { alg, operation: 'sign' });
  }
}

/**
 * The key's own `alg` when the input is a single key (or a PEM bundle with one private key): a JWK's `alg`,
 * or for PEM and DER (which name none) the usual one for its type, as importing it would give.
 */
function onlyAlgOf({ keys, source }: KeyCandidates): string | undefined {
  const signers = source === 'pem' ? keys.filter(isPrivateJwk) : keys;
  const [only] = signers;
  if (signers.length !== 1 || !only) return undefined;
  return typeof only.alg === 'string' ? only.alg : source === 'pem' || source === 'der' ? defaultAlg(only) : undefined;
}
