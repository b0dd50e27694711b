/**
 * The engine's public surface. Everything here is pure TypeScript on `jose` (plus `node:crypto`
 * for the key formats only Node reads); nothing imports `vscode`. Adapters import from here.
 * Certificates (`./certificates`, on `@peculiar/x509`) are deliberately not in this barrel: import them
 * with `await import('…/core/certificates')` where a person asks for one, so activation never loads them.
 */
export { WorkbenchError, isWorkbenchError, describeError, type WorkbenchErrorCode } from './errors';
export {
  JWS_ALGORITHMS,
  JWE_KEY_ALGORITHMS,
  JWE_CONTENT_ALGORITHMS,
  type KeyMaterial,
  type KeyInput,
  type StoredKeyRef,
  type JWKSet,
  type JWK,
  type SecretEncoding,
  type JwsAlgorithm,
  type JweKeyAlgorithm,
  type JweContentAlgorithm,
} from './types';

// Reading tokens
export { findTokens, findTokenAt, DEFAULT_HOVER_WINDOW, MAX_EXTENSION, type TokenMatch } from './find';
export { decodeToken, MAX_TOKEN_LENGTH, type DecodedToken, type DecodedJws, type DecodedJwe, type JoseHeader } from './decode';
export { explainToken, type TokenExplanation, type ExplainedField, type TokenWarning, type ExplainOptions } from './explain';
export { relativeTime, describeSpan, describeInstant, calendarTime, isoInstant, type TimeZoneChoice } from './time';

// Signing, verifying, encrypting
export { describeAlgorithm, jwsAlgorithmsForKey, isNoneAlgorithm } from './algorithms';
export { signToken, type SignRequest } from './sign';
export { verifyToken, type VerifyOptions, type VerifyResult, type VerifySuccess, type VerifyFailure } from './verify';
export {
  encryptToken,
  decryptToken,
  DEFAULT_MAX_PBES2_COUNT,
  type EncryptOptions,
  type DecryptOptions,
  type DecryptResult,
} from './jwe';
export { KeyResolver, type KeyResolverOptions, type KeyLookup, type KeyPurpose } from './keys';

// Keys
export {
  generateKey,
  importKey,
  exportKey,
  thumbprint,
  publicKeyOf,
  describeKey,
  keyTypeLabel,
  decodeSecret,
  secretEncodingsOf,
  type KeySpec,
  type ImportKeyOptions,
  type KeyExportFormat,
} from './keys';

// Network: the guarded HTTP helper, JWKS by URL or issuer, OAuth token requests (fetch is always passed in)
export {
  requestJson,
  urlProblem,
  isLoopback,
  shownUrl,
  JWKS_TIMEOUT_MS,
  TOKEN_TIMEOUT_MS,
  DEFAULT_MAX_BYTES,
  type FetchLike,
  type HttpRequest,
  type HttpResponse,
} from './http';
export { fetchJwks, discoverJwks, type RemoteKeyOptions, type RemoteJwks, type DiscoveredJwks } from './jwksRemote';
export {
  SALESFORCE_LOGIN_URL,
  SALESFORCE_TEST_URL,
  SALESFORCE_LIFETIME_SECONDS,
  GOOGLE_TOKEN_URI,
  GOOGLE_MAX_LIFETIME_SECONDS,
  DEFAULT_LIFETIME_SECONDS,
  PROFILE_KIND_LABELS,
  type TokenProfile,
  type TokenProfileKind,
  type SalesforceProfile,
  type SalesforceOrg,
  type JwtBearerProfile,
  type ClientCredentialsProfile,
  type GoogleProfile,
} from './oauth/profiles';
export {
  planAssertion,
  signAssertion,
  salesforceTarget,
  tokenUrlOf,
  certificateThumbprint,
  parseGoogleServiceAccount,
  importGoogleServiceAccount,
  type AssertionPlan,
  type SignedAssertion,
  type GoogleServiceAccount,
} from './oauth/assertion';
export { preflight, sandboxSuffixOf, CertificateFactsCache, type PreflightFinding, type PreflightCode } from './oauth/preflight';
export { requestToken, formFor, type TokenRequestOptions, type TokenRequestOutcome, type TokenRequestSummary, type IssuedToken } from './oauth/request';
export { explainTokenError, describeSkew, SKEW_WARNING_SECONDS, type ErrorExplanation, type OAuthErrorResponse } from './oauth/explain';
