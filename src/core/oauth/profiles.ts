/**
 * Token-request profiles: what a person fills in once per connected app, kept as plain JSON (no key
 * material: the key is referred to by the adapter and passed in at request time).
 */

/** Where a Salesforce org logs in. It decides the assertion's `aud` and, by default, where the request goes. */
export type SalesforceOrg = 'production' | 'sandbox' | 'my-domain' | 'experience-cloud';

/** Salesforce OAuth 2.0 JWT bearer flow (the connected app's consumer key, a username, an org). */
export interface SalesforceProfile {
  kind: 'salesforce';
  /** The connected app's consumer key: the assertion's `iss`. */
  consumerKey: string;
  /** The Salesforce username: the assertion's `sub`. */
  username: string;
  org: SalesforceOrg;
  /**
   * Where the request goes: the My Domain URL (`https://acme.my.salesforce.com`), the Experience Cloud site
   * URL (`https://acme.my.site.com/partners`), or a login host for production and sandbox (default
   * `https://login.salesforce.com` / `https://test.salesforce.com`). `/services/oauth2/token` is added.
   */
  loginUrl?: string;
  /** Overrides the `aud` the org kind implies (rarely right: the preflight says when it cannot fit). */
  audience?: string;
}

/** What the generic RFC 7523 kinds (jwt-bearer, client-credentials) let a person tune in the assertion. */
export interface AssertionOptions {
  /** Default: the token endpoint (some servers want their issuer instead). */
  audience?: string;
  /** Sent as the `scope` form parameter. */
  scope?: string;
  /** Added to the claims; `iss`, `sub`, `aud`, `iat` and `exp` come from their own fields and win. */
  claims?: Record<string, unknown>;
  /** Default 300 s. */
  lifetimeSeconds?: number;
  /** Default: the key's `kid`. */
  kid?: string;
  /** Default: the key's `alg`. */
  alg?: string;
}

/** RFC 7523 §2.1: a JWT as an authorization grant, to any OAuth token endpoint. */
export interface JwtBearerProfile extends AssertionOptions {
  kind: 'jwt-bearer';
  tokenUrl: string;
  issuer: string;
  subject?: string;
}

/** RFC 7523 §2.2 client authentication (OpenID Connect `private_key_jwt`) with the client credentials grant. */
export interface ClientCredentialsProfile extends AssertionOptions {
  kind: 'client-credentials';
  tokenUrl: string;
  /** `iss` and `sub` of the client assertion, and the `client_id` form parameter. */
  clientId: string;
}

/** A Google service account (the JSON key file's `client_email` and `token_uri`). */
export interface GoogleProfile {
  kind: 'google';
  clientEmail: string;
  /** Default `https://oauth2.googleapis.com/token`. */
  tokenUri?: string;
  /** Space-separated scopes; Google requires at least one. */
  scope: string;
  /** A user to act as (domain-wide delegation). */
  subject?: string;
  /** Default and maximum 3600 s. */
  lifetimeSeconds?: number;
}

export type TokenProfile = SalesforceProfile | JwtBearerProfile | ClientCredentialsProfile | GoogleProfile;
export type TokenProfileKind = TokenProfile['kind'];

export const SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
export const SALESFORCE_TEST_URL = 'https://test.salesforce.com';
export const SALESFORCE_TOKEN_PATH = '/services/oauth2/token';
/** Salesforce: "exp … within 3 minutes". */
export const SALESFORCE_LIFETIME_SECONDS = 180;
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Google refuses assertions that live longer than an hour. */
export const GOOGLE_MAX_LIFETIME_SECONDS = 3600;
/** Assertions for other servers: short, as RFC 7523 §3 advises; many servers refuse more than 5 minutes. */
export const DEFAULT_LIFETIME_SECONDS = 300;

/** The words people see for each kind. */
export const PROFILE_KIND_LABELS: Readonly<Record<TokenProfileKind, string>> = {
  salesforce: 'Salesforce (JWT bearer)',
  'jwt-bearer': 'JWT bearer grant',
  'client-credentials': 'Client credentials (private_key_jwt)',
  google: 'Google service account',
};
