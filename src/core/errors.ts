/**
 * One error family for the whole engine. Every failure a person can meet carries a stable `code`
 * (switch on it, test on it) and a message written for that person: what is wrong and where.
 * Adapters show `message` as it is; they never show a stack trace or `[object Object]`.
 */
export type WorkbenchErrorCode =
  // reading tokens
  | 'TOKEN_EMPTY'
  | 'TOKEN_PART_COUNT'
  | 'TOKEN_BASE64URL'
  | 'TOKEN_JSON'
  | 'TOKEN_HEADER_NOT_OBJECT'
  | 'TOKEN_TOO_LARGE'
  // keys
  | 'KEY_FORMAT'
  | 'KEY_UNSUPPORTED'
  | 'KEY_PASSPHRASE_REQUIRED'
  | 'KEY_PASSPHRASE_WRONG'
  | 'KEY_TRUNCATED'
  | 'KEY_NOT_PRIVATE'
  | 'KEY_ALG_MISMATCH'
  | 'KEY_NOT_FOUND'
  // more than one key fits and nothing (a kid) says which: distinct from none fitting
  | 'KEY_AMBIGUOUS'
  | 'KEY_TOO_WEAK'
  | 'KEY_UNAVAILABLE_ON_PLATFORM'
  // signing, verifying, encrypting
  | 'ALG_NONE'
  | 'ALG_UNSUPPORTED'
  | 'ALG_NOT_ALLOWED'
  | 'SIGNATURE_INVALID'
  | 'CLAIM_EXPIRED'
  | 'CLAIM_NOT_YET_VALID'
  | 'CLAIM_ISSUER'
  | 'CLAIM_AUDIENCE'
  | 'CLAIM_MISSING'
  | 'CLAIM_INVALID'
  | 'HEADER_CRIT'
  | 'HEADER_INVALID'
  | 'DECRYPTION_FAILED'
  | 'PBES2_COUNT'
  | 'PAYLOAD_INVALID'
  // certificates
  | 'CERT_INVALID'
  // network (OAuth token requests, JWKS URLs)
  | 'NETWORK_UNREACHABLE'
  | 'NETWORK_TIMEOUT'
  | 'NETWORK_HTTP'
  | 'NETWORK_RESPONSE'
  | 'OAUTH_ERROR'
  // anything else we did not foresee
  | 'INTERNAL'
  // an option the caller gave cannot be used (e.g. an empty audience list, a clock tolerance that is not a number)
  | 'OPTION_INVALID'
  // network, in detail (src/core/http.ts): each asks the person for a different fix
  | 'NETWORK_TLS'
  | 'NETWORK_REDIRECT'
  | 'NETWORK_TOO_LARGE'
  | 'NETWORK_INSECURE'
  | 'NETWORK_CANCELLED'
  // connected-app profiles (src/profiles): a profile id that names none
  | 'PROFILE_NOT_FOUND';

/** The one error class the engine throws. `details` holds structured context (never a secret). */
export class WorkbenchError extends Error {
  override readonly name = 'WorkbenchError';
  constructor(
    readonly code: WorkbenchErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, string | number | boolean | undefined>>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for a {@link WorkbenchError}, optionally of one `code`. */
export function isWorkbenchError(e: unknown, code?: WorkbenchErrorCode): e is WorkbenchError {
  return e instanceof WorkbenchError && (code === undefined || e.code === code);
}

/**
 * A sentence for any thrown value: a WorkbenchError's own message, an Error's message,
 * else a generic line. Use it wherever an unknown error reaches a person.
 */
export function describeError(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  if (typeof e === 'string' && e) return e;
  return 'Unexpected error (no details available).';
}
