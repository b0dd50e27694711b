/**
 * The signed JWT each profile kind sends: its header and claims (pure, so tests and the preflight can
 * read them), the token endpoint it goes to, and reading a Google service-account key file.
 */
import { base64url } from 'jose';
import { WorkbenchError } from '../errors';
import { importKey } from '../keys';
import type { KeyResolver } from '../keys';
import { defaultAlg as defaultAlgOfJwk } from '../keys/jwk';
import { signToken } from '../sign';
import type { KeyMaterial } from '../types';
import {
  DEFAULT_LIFETIME_SECONDS,
  GOOGLE_MAX_LIFETIME_SECONDS,
  GOOGLE_TOKEN_URI,
  SALESFORCE_LIFETIME_SECONDS,
  SALESFORCE_LOGIN_URL,
  SALESFORCE_TEST_URL,
  SALESFORCE_TOKEN_PATH,
} from './profiles';
import type { GoogleProfile, SalesforceProfile, TokenProfile } from './profiles';

/** The assertion of one request, before signing. */
export interface AssertionPlan {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Where the request goes. */
  tokenUrl: string;
}

/** Options of {@link planAssertion} and {@link signAssertion}. */
export interface AssertionOptions {
  /** The local clock in ms since the epoch (default `Date.now()`). */
  now?: number;
  /** A fresh `jti` (default `crypto.randomUUID`). */
  jti?: () => string;
  /** Keeps the imported signing key between requests (default: imported each time). */
  resolver?: KeyResolver;
}

/** Where a Salesforce profile's request goes and the `aud` its org kind implies. */
export interface SalesforceTarget {
  tokenUrl: string;
  audience: string;
  /** The org is a sandbox (its `aud` is test.salesforce.com). */
  sandbox: boolean;
}

/**
 * The token endpoint and `aud` of a Salesforce profile: production → login.salesforce.com, sandbox →
 * test.salesforce.com; a My Domain receives the request while `aud` stays login or test (test when the
 * My Domain is a sandbox's: `…--name.sandbox.my.salesforce.com`); an Experience Cloud site is both.
 * @throws WorkbenchError `OPTION_INVALID` when a My Domain or site profile has no URL, or the URL does not parse.
 */
export function salesforceTarget(profile: SalesforceProfile): SalesforceTarget {
  const base = profile.loginUrl?.trim() ? baseUrl(profile.loginUrl) : undefined;
  switch (profile.org) {
    case 'production':
      return { tokenUrl: `${base ?? SALESFORCE_LOGIN_URL}${SALESFORCE_TOKEN_PATH}`, audience: profile.audience ?? SALESFORCE_LOGIN_URL, sandbox: false };
    case 'sandbox':
      return { tokenUrl: `${base ?? SALESFORCE_TEST_URL}${SALESFORCE_TOKEN_PATH}`, audience: profile.audience ?? SALESFORCE_TEST_URL, sandbox: true };
    case 'my-domain': {
      if (!base) throw new WorkbenchError('OPTION_INVALID', 'A My Domain profile needs its My Domain URL (for example https://acme.my.salesforce.com).');
      const sandbox = isSandboxHost(new URL(base).hostname);
      return { tokenUrl: `${base}${SALESFORCE_TOKEN_PATH}`, audience: profile.audience ?? (sandbox ? SALESFORCE_TEST_URL : SALESFORCE_LOGIN_URL), sandbox };
    }
    case 'experience-cloud': {
      if (!base) throw new WorkbenchError('OPTION_INVALID', 'An Experience Cloud profile needs the site URL (for example https://acme.my.site.com/partners).');
      return { tokenUrl: `${base}${SALESFORCE_TOKEN_PATH}`, audience: profile.audience ?? base, sandbox: isSandboxHost(new URL(base).hostname) };
    }
  }
}

/** Sandbox hosts: `test.salesforce.com`, `acme--uat.sandbox.my.salesforce.com` (and the older `acme--uat.my.salesforce.com`). */
export function isSandboxHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com') || host.endsWith('.sandbox.my.site.com')
    || (/^[^.]+--[^.]+\./.test(host) && /\.(my\.salesforce|my\.site|force)\.com$/.test(host));
}

/** `https://acme.my.salesforce.com/` or `…/services/oauth2/token` → `https://acme.my.salesforce.com`. */
function baseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new WorkbenchError('OPTION_INVALID', `"${url.trim().slice(0, 80)}" is not a URL: write it in full, starting with https://.`);
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  const withoutToken = path.endsWith(SALESFORCE_TOKEN_PATH) ? path.slice(0, -SALESFORCE_TOKEN_PATH.length) : path;
  return `${parsed.origin}${withoutToken}`;
}

/** The token endpoint a profile's request goes to. */
export function tokenUrlOf(profile: TokenProfile): string {
  switch (profile.kind) {
    case 'salesforce': return salesforceTarget(profile).tokenUrl;
    case 'google': return profile.tokenUri?.trim() || GOOGLE_TOKEN_URI;
    default: return profile.tokenUrl.trim();
  }
}

/** How long the assertion lives, in seconds, as the profile asks (the preflight checks the limits). */
export function lifetimeOf(profile: TokenProfile): number {
  switch (profile.kind) {
    case 'salesforce': return SALESFORCE_LIFETIME_SECONDS;
    case 'google': return profile.lifetimeSeconds ?? GOOGLE_MAX_LIFETIME_SECONDS;
    default: return profile.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  }
}

/**
 * The header and claims of the assertion for `profile`, signed with `key`:
 * - salesforce: `{"alg":"RS256"}` and exactly `iss` (consumer key), `sub` (username), `aud`, `exp` = now + 3 min;
 * - jwt-bearer (RFC 7523 §2.1): `iss`, `sub`, `aud` (default the token endpoint), `iat`, `exp`, extra claims; `kid`;
 * - client-credentials (RFC 7523 §2.2): `iss` = `sub` = client id, `aud`, a fresh `jti`, `iat`, `exp`; `kid`, and
 *   `x5t#S256` when the key has a certificate (Microsoft Entra ID asks for it);
 * - google: `iss` (client_email), `scope`, `aud` (token_uri), optional `sub`, `iat`, `exp`; `kid` = private_key_id.
 * @example (await planAssertion(sfProfile, key, { now: Date.now() })).claims // { iss, sub, aud, exp }
 */
export async function planAssertion(profile: TokenProfile, key: KeyMaterial, options: AssertionOptions = {}): Promise<AssertionPlan> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const exp = iat + lifetimeOf(profile);
  switch (profile.kind) {
    case 'salesforce': {
      const { tokenUrl, audience } = salesforceTarget(profile);
      return {
        header: { alg: 'RS256' },
        claims: { iss: profile.consumerKey.trim(), sub: profile.username.trim(), aud: audience, exp },
        tokenUrl,
      };
    }
    case 'jwt-bearer': {
      const tokenUrl = tokenUrlOf(profile);
      const claims: Record<string, unknown> = {
        ...profile.claims,
        iss: profile.issuer,
        ...(profile.subject ? { sub: profile.subject } : {}),
        aud: profile.audience?.trim() || tokenUrl,
        iat,
        exp,
      };
      return { header: headerFor(key, profile.alg, profile.kid), claims, tokenUrl };
    }
    case 'client-credentials': {
      const tokenUrl = tokenUrlOf(profile);
      const jti = (options.jti ?? (() => crypto.randomUUID()))();
      const claims: Record<string, unknown> = {
        ...profile.claims,
        iss: profile.clientId,
        sub: profile.clientId,
        aud: profile.audience?.trim() || tokenUrl,
        jti,
        iat,
        exp,
      };
      const header = headerFor(key, profile.alg, profile.kid);
      if (key.certificatePem) header['x5t#S256'] = await certificateThumbprint(key.certificatePem);
      return { header, claims, tokenUrl };
    }
    case 'google': {
      const tokenUrl = tokenUrlOf(profile);
      const claims: Record<string, unknown> = {
        iss: profile.clientEmail,
        scope: profile.scope.trim().split(/\s+/).join(' '),
        aud: tokenUrl,
        ...(profile.subject ? { sub: profile.subject } : {}),
        iat,
        exp,
      };
      return { header: { alg: 'RS256', typ: 'JWT', kid: key.kid }, claims, tokenUrl };
    }
  }
}

/** A signed assertion and what it says (the assertion itself is a credential: never log or keep it). */
export interface SignedAssertion extends AssertionPlan {
  assertion: string;
}

/**
 * Plans and signs the assertion with the engine's {@link signToken}.
 * @throws WorkbenchError the signing codes (`KEY_NOT_PRIVATE`, `KEY_ALG_MISMATCH`, …) and `OPTION_INVALID`.
 */
export async function signAssertion(profile: TokenProfile, key: KeyMaterial, options: AssertionOptions = {}): Promise<SignedAssertion> {
  const plan = await planAssertion(profile, key, options);
  const assertion = await signToken({ header: plan.header, payload: plan.claims, key, ...(options.resolver ? { resolver: options.resolver } : {}) });
  return { ...plan, assertion };
}

/** `alg` from the profile, else the key's, else the usual one for its type; `kid` from the profile, else the key's. */
function headerFor(key: KeyMaterial, alg: string | undefined, kid: string | undefined): Record<string, unknown> {
  return { alg: alg ?? defaultAlg(key), typ: 'JWT', kid: kid ?? key.kid };
}

/** The algorithm a key signs with when nobody said: its own `alg`, else the usual one for its type. */
export function defaultAlg(key: KeyMaterial): string {
  return key.alg ?? defaultAlgOfJwk(key.privateJwk ?? key.publicJwk);
}

/** `x5t#S256`: base64url of the SHA-256 of the certificate's DER (RFC 7515 §4.1.8). */
export async function certificateThumbprint(certificatePem: string): Promise<string> {
  // Certificates load on first use only, so nothing pulls @peculiar/x509 in at activation.
  const { inspectCertificate } = await import('../certificates');
  const { sha256Fingerprint } = await inspectCertificate(certificatePem);
  const bytes = Uint8Array.from(sha256Fingerprint.split(':'), h => parseInt(h, 16));
  return base64url.encode(bytes);
}

/** The parts of a Google service-account key file a token request needs. */
export interface GoogleServiceAccount {
  clientEmail: string;
  tokenUri: string;
  /** PKCS#8 PEM: secret. */
  privateKeyPem: string;
  privateKeyId: string;
  projectId?: string;
}

/**
 * Reads a Google service-account JSON key file. Messages never quote the file (it holds the private key).
 * @throws WorkbenchError `KEY_FORMAT` naming what is wrong: not JSON, another kind of Google credentials file,
 *   a missing field, a `private_key` that is not PEM.
 */
export function parseGoogleServiceAccount(text: string): GoogleServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WorkbenchError('KEY_FORMAT', 'This is not a Google service-account key file: it is not JSON. Download the key as JSON (IAM & Admin → Service Accounts → Keys → Add key → JSON).');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WorkbenchError('KEY_FORMAT', 'This is not a Google service-account key file: the JSON is not an object.');
  }
  const file = json as Record<string, unknown>;
  const type = file.type;
  if (type === 'authorized_user') {
    throw new WorkbenchError('KEY_FORMAT', 'This is a Google user credentials file (from gcloud auth application-default login), not a service-account key: it has no private key. Create a JSON key for the service account instead.');
  }
  if (type === 'external_account' || type === 'impersonated_service_account') {
    throw new WorkbenchError('KEY_FORMAT', `This Google credentials file is of type "${type}": it holds no private key. Create a JSON key for the service account instead.`);
  }
  if (type !== 'service_account') {
    throw new WorkbenchError('KEY_FORMAT', typeof type === 'string'
      ? `This Google credentials file is of type "${type.slice(0, 40)}", not "service_account".`
      : 'This is not a Google service-account key file: it has no "type": "service_account".');
  }
  const field = (name: string): string => {
    const value = file[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new WorkbenchError('KEY_FORMAT', `This service-account key file has no "${name}": download a new JSON key for the service account.`);
    }
    return value.trim();
  };
  const privateKeyPem = field('private_key');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKeyPem)) {
    throw new WorkbenchError('KEY_FORMAT', 'This service-account key file\'s "private_key" is not a PEM private key: download a new JSON key for the service account.');
  }
  const tokenUri = typeof file.token_uri === 'string' && file.token_uri.trim() ? file.token_uri.trim() : GOOGLE_TOKEN_URI;
  return {
    clientEmail: field('client_email'),
    tokenUri,
    privateKeyPem,
    privateKeyId: field('private_key_id'),
    ...(typeof file.project_id === 'string' ? { projectId: file.project_id } : {}),
  };
}

/**
 * A service-account key file as a profile and a key: the key's `kid` is the file's `private_key_id`
 * (Google finds the public key by it).
 * @throws WorkbenchError as {@link parseGoogleServiceAccount} and the engine's key import.
 */
export async function importGoogleServiceAccount(text: string, options: { scope?: string; subject?: string } = {}): Promise<{ profile: GoogleProfile; key: KeyMaterial }> {
  const account = parseGoogleServiceAccount(text);
  const [imported] = await importKey(account.privateKeyPem, { label: account.clientEmail });
  if (!imported?.privateJwk) {
    throw new WorkbenchError('KEY_FORMAT', 'This service-account key file\'s "private_key" holds no private key.');
  }
  const key: KeyMaterial = { ...imported, kid: account.privateKeyId, alg: 'RS256' };
  return {
    profile: {
      kind: 'google',
      clientEmail: account.clientEmail,
      tokenUri: account.tokenUri,
      scope: options.scope ?? '',
      ...(options.subject ? { subject: options.subject } : {}),
    },
    key,
  };
}
