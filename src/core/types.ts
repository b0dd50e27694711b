import type { JWK } from 'jose';

export type { JWK };

/**
 * A key as the workbench keeps it: plain JSON, so it can be stored as it is in SecretStorage and
 * passed back anywhere a key is wanted. `kid` is the RFC 7638 thumbprint unless the source named one.
 */
export interface KeyMaterial {
  kid: string;
  kty: 'RSA' | 'EC' | 'OKP' | 'oct';
  alg?: string;
  use?: 'sig' | 'enc';
  /** Public part as a JWK. For `oct` keys this is absent-equivalent: `{ kty: 'oct' }` only, never the secret. */
  publicJwk: JWK;
  /** Private (or symmetric) part as a JWK; absent for public-only keys and certificates. */
  privateJwk?: JWK;
  /** PEM of an X.509 certificate that carries this key's public part, when one was imported or made. */
  certificatePem?: string;
  label?: string;
}

/**
 * A stored key named by its store id or its kid, for surfaces that must not hold private material (a webview
 * sends `{ ref }`; the extension's key store resolves it).
 */
export interface StoredKeyRef {
  ref: string;
}

/** A JWK Set. */
export interface JWKSet {
  keys: JWK[];
}

/**
 * Anything the engine accepts where a key is wanted: a stored key or a reference to one, a JWK, a JWKS, or a string.
 * A string is PEM (private key, public key or certificate) when it looks like PEM, a JWK or JWKS when it
 * is JSON text, else a shared secret read in `secretEncoding` ('utf8' by default). Text that looks like a
 * key but is none of these (damaged PEM armour, an OpenSSH key, bare base64 of a certificate or key) is
 * refused, never used as an HMAC secret: that is how public-key text would forge HS256 tokens.
 */
export type KeyInput = KeyMaterial | StoredKeyRef | JWK | JWKSet | string;

export type SecretEncoding = 'utf8' | 'base64' | 'base64url' | 'hex';

/** JWS algorithms the engine signs and verifies with. `none` is never among them. */
export const JWS_ALGORITHMS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA',
] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** JWE key-management algorithms the engine supports. */
export const JWE_KEY_ALGORITHMS = [
  'dir',
  'A128KW', 'A192KW', 'A256KW',
  'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
  'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
] as const;
export type JweKeyAlgorithm = (typeof JWE_KEY_ALGORITHMS)[number];

/** JWE content-encryption algorithms. */
export const JWE_CONTENT_ALGORITHMS = [
  'A128GCM', 'A192GCM', 'A256GCM',
  'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512',
] as const;
export type JweContentAlgorithm = (typeof JWE_CONTENT_ALGORITHMS)[number];
