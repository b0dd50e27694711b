/**
 * A connected-app profile as the extension keeps it, and the pure rules around it: building the engine's
 * `TokenProfile` from loose fields (argument objects, form answers), the row's last-result words, and a
 * request's one-line summary for the log. No `vscode` here: tested in plain Node.
 */
import {
  PROFILE_KIND_LABELS,
  SALESFORCE_LOGIN_URL,
  SALESFORCE_TEST_URL,
  WorkbenchError,
  type PreflightFinding,
  type SalesforceOrg,
  type TokenProfile,
  type TokenProfileKind,
  type IssuedToken,
  type TokenRequestSummary,
} from '../core';
import type { MissingKey } from '../core/oauth/preflight';
import type { AssertionOptions } from '../core/oauth/profiles';

export const PROFILE_KINDS: readonly TokenProfileKind[] = ['salesforce', 'jwt-bearer', 'client-credentials', 'google'];
export const SALESFORCE_ORGS: readonly SalesforceOrg[] = ['production', 'sandbox', 'my-domain', 'experience-cloud'];
/** History lines kept per profile. */
export const HISTORY_LENGTH = 20;

/** The last request's outcome, without the token (kept in globalState). */
export interface LastResult {
  summary: TokenRequestSummary;
  /** The explainer's lines, when the server answered with an OAuth error. */
  explanation?: string;
  findings: PreflightFinding[];
}

/** One profile: the engine's fields, a name, the stored key it signs with, and what happened lately. */
export interface StoredProfile {
  id: string;
  name: string;
  /** Id of a key in the Keys store. */
  keyId?: string;
  /** That key's label and kid when it was chosen: they name it once it has been deleted. */
  keyLabel?: string;
  keyKid?: string;
  profile: TokenProfile;
  /** ISO 8601. */
  created: string;
  last?: LastResult;
  /** Newest first, at most {@link HISTORY_LENGTH}. */
  history: TokenRequestSummary[];
}

/** The key a profile is given: a Keys store id, with the label and kid to remember (a key's facts fit). */
export interface ProfileKeyRef {
  id: string;
  label?: string;
  kid?: string;
}

/** The profile's key as a {@link ProfileKeyRef} (to copy it to another profile). */
export function keyRefOf(stored: StoredProfile): ProfileKeyRef | undefined {
  return stored.keyId ? { id: stored.keyId, label: stored.keyLabel, kid: stored.keyKid } : undefined;
}

/** What the profile remembers of its key, once the Keys store no longer has it. */
export function missingKeyOf(stored: StoredProfile): MissingKey {
  const p = stored.profile;
  // Profiles saved before the label and kid were remembered: the kid the profile sends, if it sets one.
  const kid = stored.keyKid ?? (p.kind === 'jwt-bearer' || p.kind === 'client-credentials' ? p.kid : undefined);
  // globalState is read as it is: only text names the key.
  const label = stored.keyLabel;
  return { ...(typeof label === 'string' && label ? { label } : {}), ...(typeof kid === 'string' && kid ? { kid } : {}) };
}

/** Fields as argument objects and forms give them (the issue's names). */
export type ProfileFields = Readonly<Record<string, unknown>>;

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', message);
}

function str(fields: ProfileFields, name: string, required: boolean): string | undefined {
  const v = fields[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw invalid(`The field "${name}" is required for this kind of profile.`);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`The field "${name}" must be text.`);
  const t = v.trim();
  if (required && t === '') throw invalid(`The field "${name}" cannot be blank.`);
  return t === '' ? undefined : t;
}

function lifetime(fields: ProfileFields): number | undefined {
  const v = fields.lifetimeSeconds;
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw invalid('The field "lifetimeSeconds" must be a whole number of seconds above 0.');
  return n;
}

/** Extra claims: an object, or JSON text of one. */
export function claimsOf(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      throw invalid('The extra claims must be a JSON object, e.g. {"scp": "read"}.');
    }
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid('The extra claims must be a JSON object, e.g. {"scp": "read"}.');
  return v as Record<string, unknown>;
}

/** A URL field: it must parse (the preflight says whether it may be used). */
function url(fields: ProfileFields, name: string, required: boolean): string | undefined {
  const v = str(fields, name, required);
  if (v !== undefined && !URL.canParse(v)) throw invalid(`The field "${name}" must be a full URL starting with https:// ("${v.slice(0, 80)}" is not).`);
  return v;
}

/**
 * The org kind a login URL implies when none is given: test.salesforce.com and sandbox hosts → sandbox,
 * `*.my.salesforce.com` → My Domain, `*.my.site.com` / `*.force.com` → Experience Cloud, else production.
 */
export function inferOrg(loginUrl: string | undefined): SalesforceOrg {
  if (!loginUrl || !URL.canParse(loginUrl)) return 'production';
  const host = new URL(loginUrl).hostname.toLowerCase();
  if (host === 'test.salesforce.com') return 'sandbox';
  if (host.endsWith('.my.salesforce.com')) return 'my-domain';
  if (host.endsWith('.my.site.com') || host.endsWith('.force.com')) return 'experience-cloud';
  return 'production';
}

/** `{ k: v }`, or nothing when `v` is undefined (optional members stay absent, not undefined). */
function opt<K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } {
  return v === undefined ? {} : { [k]: v } as { [P in K]?: V };
}

/** The optional assertion fields of the generic RFC 7523 kinds (jwt-bearer, client-credentials). */
function assertionOptions(fields: ProfileFields): AssertionOptions {
  return {
    ...opt('audience', str(fields, 'audience', false)),
    ...opt('scope', str(fields, 'scope', false)),
    ...opt('claims', claimsOf(fields.claims)),
    ...opt('lifetimeSeconds', lifetime(fields)),
    ...opt('kid', str(fields, 'kid', false)),
    ...opt('alg', str(fields, 'alg', false)),
  };
}

/**
 * The engine's profile of `kind` from loose fields (argument objects use the issue's names: consumerKey,
 * username, org, loginUrl, audience, tokenUrl, issuer, subject, clientId, scope, claims, lifetimeSeconds,
 * kid, alg, clientEmail, tokenUri).
 * @throws WorkbenchError `OPTION_INVALID` naming the field.
 */
export function profileFromFields(kind: TokenProfileKind, fields: ProfileFields): TokenProfile {
  switch (kind) {
    case 'salesforce': {
      const loginUrl = url(fields, 'loginUrl', false);
      const orgField = str(fields, 'org', false);
      if (orgField !== undefined && !(SALESFORCE_ORGS as readonly string[]).includes(orgField)) {
        throw invalid(`The field "org" must be one of ${SALESFORCE_ORGS.map(o => `"${o}"`).join(', ')}.`);
      }
      const org = (orgField as SalesforceOrg | undefined) ?? inferOrg(loginUrl);
      if ((org === 'my-domain' || org === 'experience-cloud') && !loginUrl) {
        throw invalid(org === 'my-domain' ? 'A My Domain profile needs "loginUrl": the My Domain URL, e.g. https://acme.my.salesforce.com.' : 'An Experience Cloud profile needs "loginUrl": the site URL, e.g. https://acme.my.site.com/partners.');
      }
      return {
        kind,
        consumerKey: str(fields, 'consumerKey', true) ?? '',
        username: str(fields, 'username', true) ?? '',
        org,
        ...opt('loginUrl', loginUrl),
        ...opt('audience', str(fields, 'audience', false)),
      };
    }
    case 'jwt-bearer':
      return {
        kind,
        tokenUrl: url(fields, 'tokenUrl', true) ?? '',
        issuer: str(fields, 'issuer', true) ?? '',
        ...opt('subject', str(fields, 'subject', false)),
        ...assertionOptions(fields),
      };
    case 'client-credentials':
      return {
        kind,
        tokenUrl: url(fields, 'tokenUrl', true) ?? '',
        clientId: str(fields, 'clientId', true) ?? '',
        ...assertionOptions(fields),
      };
    case 'google':
      return {
        kind,
        clientEmail: str(fields, 'clientEmail', true) ?? '',
        scope: str(fields, 'scope', true) ?? '',
        ...opt('tokenUri', url(fields, 'tokenUri', false)),
        ...opt('subject', str(fields, 'subject', false)),
        ...opt('lifetimeSeconds', lifetime(fields)),
      };
  }
}

/** The profile's fields as loose fields again (to merge an update into). */
export function fieldsOf(profile: TokenProfile): Record<string, unknown> {
  const { kind: _kind, ...rest } = profile;
  return { ...rest };
}

/** "4 min ago", "just now", "3 h ago", "2 days ago". */
export function ago(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}

/** The row's last-result words: "token 4 min ago", "failed: audience is invalid", "no request yet". */
export function lastResultWords(stored: StoredProfile, now: Date): string {
  const s = stored.last?.summary;
  if (!s) return 'no request yet';
  if (s.ok) return `token ${ago(s.time, now)}`;
  return `failed: ${(s.errorDescription ?? s.error ?? 'unknown error').split('\n')[0]?.slice(0, 80) ?? ''}`;
}

/** Short kind words for a row. */
export const KIND_SHORT: Readonly<Record<TokenProfileKind, string>> = {
  salesforce: 'Salesforce',
  'jwt-bearer': 'JWT bearer',
  'client-credentials': 'Client credentials',
  google: 'Google',
};

/** Codicons per kind. */
export const KIND_ICONS: Readonly<Record<TokenProfileKind, string>> = {
  salesforce: 'cloud',
  'jwt-bearer': 'key',
  'client-credentials': 'server-process',
  google: 'globe',
};

/** A request as one log or history line: time, endpoint, status, error, duration, skew. Never a secret. */
export function summaryLine(s: TokenRequestSummary): string {
  const parts = [
    s.time,
    s.endpoint || '(no endpoint)',
    s.ok ? 'ok' : 'failed',
    ...(s.status !== undefined ? [`HTTP ${s.status}`] : []),
    ...(s.error ? [`${s.error}${s.errorDescription ? `: ${s.errorDescription}` : ''}`] : []),
    ...(s.durationMs !== undefined ? [`${s.durationMs} ms`] : []),
    ...(s.skewSeconds !== undefined ? [`skew ${s.skewSeconds > 0 ? '+' : ''}${s.skewSeconds} s`] : []),
  ];
  return parts.join(' · ');
}

/** The first 6 and last 4 characters of a token, the middle hidden. */
export function maskToken(token: string): string {
  if (token.length <= 14) return '•'.repeat(token.length);
  return `${token.slice(0, 6)}…${token.slice(-4)}`;
}

/** A stored token is reused until this close to its expiry. */
const REUSE_MARGIN_MS = 60_000;
/**
 * Without `expires_in` (Salesforce) nobody knows when the token ends: the org's session timeout decides,
 * and Salesforce's shortest is 15 minutes. Reused no longer than that.
 */
const REUSE_WITHOUT_EXPIRY_MS = 15 * 60_000;

/** True while a stored token may still be handed out (*Copy Access Token* asks for a new one after). */
export function stillFresh(token: IssuedToken, now: number): boolean {
  if (token.expiresAt !== undefined) return token.expiresAt - REUSE_MARGIN_MS > now;
  return now - token.receivedAt < REUSE_WITHOUT_EXPIRY_MS;
}

/** Where Salesforce's org kinds log in, in words for the form. */
export const ORG_CHOICES: ReadonlyArray<{ org: SalesforceOrg; label: string; detail: string }> = [
  { org: 'production', label: 'Production', detail: `aud ${SALESFORCE_LOGIN_URL}; the request goes to login.salesforce.com (or a login URL you give)` },
  { org: 'sandbox', label: 'Sandbox', detail: `aud ${SALESFORCE_TEST_URL}; the request goes to test.salesforce.com (or a login URL you give)` },
  { org: 'my-domain', label: 'My Domain', detail: 'the request goes to your My Domain; aud stays login or test by the org kind' },
  { org: 'experience-cloud', label: 'Experience Cloud site', detail: 'the request goes to the site, and aud is the site URL' },
];

export { PROFILE_KIND_LABELS };
