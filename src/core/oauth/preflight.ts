/**
 * Checks made before a token request, each a finding with a sentence: errors stop the request (it would
 * fail, or send the assertion somewhere it should not go); warnings are shown and the request goes on.
 */
import { isWorkbenchError } from '../errors';
import { urlProblem } from '../http';
import type { KeyMaterial } from '../types';
import { isSandboxHost, lifetimeOf, salesforceTarget, tokenUrlOf } from './assertion';
import {
  DEFAULT_LIFETIME_SECONDS,
  GOOGLE_MAX_LIFETIME_SECONDS,
  SALESFORCE_LOGIN_URL,
  SALESFORCE_TEST_URL,
} from './profiles';
import type { SalesforceProfile, TokenProfile } from './profiles';

export type PreflightCode =
  | 'FIELD_MISSING'
  | 'NO_PRIVATE_KEY'
  /** The profile names a stored key that is no longer there (deleted from the Keys view). */
  | 'KEY_DELETED'
  | 'ALG_NOT_RS256'
  | 'AUDIENCE_ORG_MISMATCH'
  | 'TOKEN_URL_INSECURE'
  | 'TOKEN_URL_INVALID'
  | 'CERT_INVALID'
  | 'CERT_KEY_MISMATCH'
  | 'CERT_EXPIRED'
  | 'CERT_EXPIRING'
  | 'LIFETIME_INVALID'
  | 'LIFETIME_TOO_LONG'
  | 'LIFETIME_LONG'
  /** Added by the request itself: the server's `Date` is more than 30 s away from the local clock. */
  | 'CLOCK_SKEW';

export interface PreflightFinding {
  severity: 'error' | 'warning';
  code: PreflightCode;
  message: string;
}

export interface PreflightOptions {
  /** The local clock in ms since the epoch (default `Date.now()`). */
  now?: number;
  /** The certificate registered with the server, when kept apart from the key (default: the key's own). */
  certificatePem?: string;
  /** Keeps what was read of each certificate between requests (default: read each time). */
  certificates?: CertificateFactsCache;
  /**
   * With no key: the profile chose a stored key that no longer exists, named by what the profile
   * remembers of it (either may be unknown).
   */
  missingKey?: MissingKey;
}

/** What a profile remembers of the stored key it signs with. */
export interface MissingKey {
  label?: string;
  kid?: string;
}

/** A certificate this close to its end gets a warning. */
export const CERT_WARNING_DAYS = 30;

/**
 * Everything that can be known to be wrong before sending: missing fields, no private key, not RS256 for
 * Salesforce and Google, an `aud` that cannot fit the org kind, a token URL that is not https (loopback
 * excepted), a certificate that is not the key's or is expired or expiring (a warning), a lifetime over
 * Google's hour or over 5 minutes elsewhere (a warning). Errors come first.
 * @example (await preflight(profile, undefined))[0] // { severity: 'error', code: 'NO_PRIVATE_KEY', … }
 */
export async function preflight(profile: TokenProfile, key: KeyMaterial | undefined, options: PreflightOptions = {}): Promise<PreflightFinding[]> {
  const findings: PreflightFinding[] = [];
  const error = (code: PreflightCode, message: string): void => void findings.push({ severity: 'error', code, message });
  const warning = (code: PreflightCode, message: string): void => void findings.push({ severity: 'warning', code, message });

  for (const [field, label] of requiredFields(profile)) {
    if (!field?.trim()) error('FIELD_MISSING', `${label} is empty.`);
  }

  if (!key && options.missingKey) {
    error('KEY_DELETED', `${keyName(options.missingKey)} that this profile signs with no longer exists in the Keys view. Choose another key with Edit Profile…, or restore the key from a backup (Restore Keys…).`);
  } else if (!key) {
    error('NO_PRIVATE_KEY', 'No key is chosen for this profile: choose one from the Keys view, or generate one and its certificate.');
  } else if (!key.privateJwk) {
    error('NO_PRIVATE_KEY', `The key ${key.label ?? key.kid} is public only: the assertion must be signed with the private key whose certificate the server holds.`);
  }

  if (key && (profile.kind === 'salesforce' || profile.kind === 'google')) {
    const server = profile.kind === 'salesforce' ? 'Salesforce' : 'Google';
    if (key.kty !== 'RSA') {
      error('ALG_NOT_RS256', `${server} accepts only RS256 assertions, which need an RSA key; this key is ${key.kty === 'oct' ? 'an HMAC secret' : `an ${key.kty} key`}.`);
    } else if (key.alg && key.alg !== 'RS256') {
      error('ALG_NOT_RS256', `${server} accepts only RS256 assertions; this key is marked for ${key.alg}. Use an RSA key marked RS256 (or with no algorithm).`);
    }
  }

  let tokenUrl: string | undefined;
  try {
    tokenUrl = tokenUrlOf(profile);
  } catch (e) {
    if (!isWorkbenchError(e)) throw e;
    error('FIELD_MISSING', e.message);
  }
  if (tokenUrl) {
    const problem = urlProblem(tokenUrl);
    if (problem) error(URL.canParse(tokenUrl) ? 'TOKEN_URL_INSECURE' : 'TOKEN_URL_INVALID', `The token URL cannot be used: ${problem}`);
  }

  if (profile.kind === 'salesforce' && tokenUrl && URL.canParse(tokenUrl)) salesforceAudience(profile, error);

  const lifetime = lifetimeOf(profile);
  if (!Number.isInteger(lifetime) || lifetime <= 0) {
    error('LIFETIME_INVALID', `The lifetime must be a whole number of seconds above 0, not ${lifetime}.`);
  } else if (profile.kind === 'google' && lifetime > GOOGLE_MAX_LIFETIME_SECONDS) {
    error('LIFETIME_TOO_LONG', `Google refuses assertions that live longer than 1 hour (3600 s); this one would live ${lifetime} s.`);
  } else if ((profile.kind === 'jwt-bearer' || profile.kind === 'client-credentials') && lifetime > DEFAULT_LIFETIME_SECONDS) {
    warning('LIFETIME_LONG', `The assertion would live ${lifetime} s; many servers refuse assertions that live longer than 5 minutes (300 s).`);
  }

  const certificatePem = options.certificatePem ?? key?.certificatePem;
  if (certificatePem && key) await certificateFindings(certificatePem, key, new Date(options.now ?? Date.now()), error, warning, options.certificates);

  return [...findings.filter(f => f.severity === 'error'), ...findings.filter(f => f.severity === 'warning')];
}

/** "The key "Acme prod" (kid 1a2b)", "The key with kid 1a2b", or "The key" when nothing is known. */
function keyName({ label, kid }: MissingKey): string {
  if (label && kid && label !== kid) return `The key "${label}" (kid ${kid})`;
  if (label) return `The key "${label}"`;
  return kid ? `The key with kid ${kid}` : 'The key';
}

function requiredFields(profile: TokenProfile): Array<[string | undefined, string]> {
  switch (profile.kind) {
    case 'salesforce': return [[profile.consumerKey, 'The consumer key (iss)'], [profile.username, 'The username (sub)']];
    case 'jwt-bearer': return [[profile.tokenUrl, 'The token URL'], [profile.issuer, 'The issuer (iss)'], [profile.subject, 'The subject (sub; RFC 7523 requires it)']];
    case 'client-credentials': return [[profile.tokenUrl, 'The token URL'], [profile.clientId, 'The client id']];
    case 'google': return [[profile.clientEmail, 'The service account\'s client_email'], [profile.scope, 'The scope (Google requires at least one)']];
  }
}

/** A sandbox username is the production one plus `.` and the sandbox's name: `admin@acme.com.uat`. */
export function sandboxSuffixOf(username: string): string | undefined {
  const at = username.lastIndexOf('@');
  if (at < 0) return undefined;
  const labels = username.slice(at + 1).toLowerCase().split('.');
  const last = labels.at(-1);
  const before = labels.at(-2);
  // "acme.com.uat": a common top-level domain followed by one more label, which is not a country code (acme.com.au).
  if (labels.length >= 3 && last && before && COMMON_TLDS.has(before) && !/^[a-z]{2}$/.test(last)) return last;
  return undefined;
}
const COMMON_TLDS = new Set(['com', 'org', 'net', 'edu', 'gov', 'io', 'co', 'biz', 'info', 'us', 'de', 'fr', 'uk', 'jp', 'in', 'ca', 'au']);

function salesforceAudience(profile: SalesforceProfile, error: (code: PreflightCode, message: string) => void): void {
  const target = salesforceTarget(profile);
  const implied = salesforceTarget({ ...profile, audience: undefined }).audience;
  const suffix = sandboxSuffixOf(profile.username);
  const host = new URL(target.tokenUrl).hostname;
  if (profile.audience && profile.audience.replace(/\/$/, '') !== implied) {
    error('AUDIENCE_ORG_MISMATCH', `The audience ${profile.audience} cannot fit this ${orgWords(profile, target.sandbox)}: Salesforce expects ${implied}.`);
  }
  if (profile.org === 'production' && isSandboxHost(host)) {
    error('AUDIENCE_ORG_MISMATCH', `The request goes to ${host}, a sandbox login, but the org is set to Production (aud ${SALESFORCE_LOGIN_URL}): choose Sandbox.`);
  }
  if (profile.org === 'sandbox' && host === 'login.salesforce.com') {
    error('AUDIENCE_ORG_MISMATCH', `The org is set to Sandbox (aud ${SALESFORCE_TEST_URL}) but the request goes to login.salesforce.com: sandboxes log in at test.salesforce.com or their My Domain.`);
  }
  if (suffix && !target.sandbox && target.audience === SALESFORCE_LOGIN_URL) {
    error('AUDIENCE_ORG_MISMATCH', `The username ${profile.username} looks like a sandbox username (".${suffix}" after the domain), but the assertion's aud is ${SALESFORCE_LOGIN_URL}: sandbox users log in with aud ${SALESFORCE_TEST_URL}. Choose Sandbox (or the sandbox's My Domain).`);
  }
}

function orgWords(profile: SalesforceProfile, sandbox: boolean): string {
  switch (profile.org) {
    case 'production': return 'production org';
    case 'sandbox': return 'sandbox';
    case 'my-domain': return sandbox ? 'sandbox My Domain' : 'My Domain (production)';
    case 'experience-cloud': return 'Experience Cloud site';
  }
}

async function certificateFindings(
  pem: string,
  key: KeyMaterial,
  now: Date,
  error: (code: PreflightCode, message: string) => void,
  warning: (code: PreflightCode, message: string) => void,
  cache: CertificateFactsCache | undefined,
): Promise<void> {
  let info: CertificateFacts;
  try {
    info = await (cache ? cache.get(pem, key) : readCertificateFacts(pem, key));
  } catch (e) {
    if (!isWorkbenchError(e)) throw e;
    error('CERT_INVALID', `The certificate kept with this key cannot be read: ${e.message}`);
    return;
  }
  if (!info.matchesKey) {
    error('CERT_KEY_MISMATCH', `The certificate (${info.subject}, SHA-256 ${info.sha256Fingerprint.slice(0, 23)}…) does not belong to this key: the server would check the signature against another public key. Upload this key's certificate, or choose the key the certificate was made from.`);
  }
  const day = info.notAfter.toISOString().slice(0, 10);
  const daysLeft = Math.floor((info.notAfter.getTime() - now.getTime()) / 86_400_000);
  if (now.getTime() > info.notAfter.getTime()) {
    warning('CERT_EXPIRED', `The certificate expired on ${day}. Salesforce still accepts it for the JWT bearer flow, but make a new one and upload it to the app before something else relies on it.`);
  } else if (daysLeft < CERT_WARNING_DAYS) {
    warning('CERT_EXPIRING', `The certificate expires on ${day} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}): make a new one and upload it to the app in time.`);
  }
}

/** What the preflight needs of a certificate: fixed for a given certificate and key, so worth keeping. */
interface CertificateFacts {
  subject: string;
  sha256Fingerprint: string;
  notAfter: Date;
  matchesKey: boolean;
}

/**
 * What preflight reads of certificates, kept for the last few certificate/key pairs. Reading one (ASN.1 in
 * JavaScript, its self-signature, the thumbprints) costs ~3 ms, more than signing and a loopback request
 * together, and a profile checks the same certificate on every request. Public data only (the certificate
 * and the public JWK); the caller owns it, like the engine's KeyResolver.
 */
export class CertificateFactsCache {
  private readonly facts = new Map<string, Promise<CertificateFacts>>();
  constructor(private readonly size = 16) {}

  get(pem: string, key: KeyMaterial): Promise<CertificateFacts> {
    const id = `${JSON.stringify(key.publicJwk)}\n${pem}`;
    let facts = this.facts.get(id);
    if (!facts) {
      facts = readCertificateFacts(pem, key);
      facts.catch(() => this.facts.delete(id));
      this.facts.set(id, facts);
      if (this.facts.size > this.size) {
        const oldest = this.facts.keys().next().value;
        if (oldest !== undefined) this.facts.delete(oldest);
      }
    }
    return facts;
  }
}

async function readCertificateFacts(pem: string, key: KeyMaterial): Promise<CertificateFacts> {
  // Certificates load on first use only, so nothing pulls @peculiar/x509 in at activation.
  const { inspectCertificate } = await import('../certificates');
  // inspectCertificate compares the RFC 7638 thumbprints of the certificate's public key and of this key.
  const info = await inspectCertificate(pem, key);
  return { subject: info.subject, sha256Fingerprint: info.sha256Fingerprint, notAfter: info.notAfter, matchesKey: info.matchesKey === true };
}
