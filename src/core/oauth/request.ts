/**
 * One token request for a profile: preflight, sign the assertion, POST it form-encoded through the guarded
 * HTTP helper, read the answer, measure the server's clock. The access token comes back apart from a
 * redacted summary (for the log and the profile's history); the assertion is never kept or returned.
 */
import { isWorkbenchError } from '../errors';
import type { WorkbenchErrorCode } from '../errors';
import { TOKEN_TIMEOUT_MS, requestJson, shownUrl } from '../http';
import type { FetchLike, HttpResponse } from '../http';
import type { KeyMaterial } from '../types';
import { signAssertion, tokenUrlOf } from './assertion';
import type { KeyResolver } from '../keys';
import { SKEW_WARNING_SECONDS, describeSkew, explainTokenError } from './explain';
import type { ErrorExplanation } from './explain';
import { preflight } from './preflight';
import type { CertificateFactsCache, MissingKey, PreflightFinding } from './preflight';
import type { TokenProfile, TokenProfileKind } from './profiles';

/** Anything shaped like a JWS or JWE in compact form (the assertion, an access token). */
const JWT_PATTERN = /eyJ[\w-]{2,}\.[\w-]{2,}\.[\w.-]*/g;

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const JWT_CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenRequestOptions {
  fetch: FetchLike;
  /** The local clock in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Default 15 s. */
  timeoutMs?: number;
  /** Default 1 MB. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** The certificate registered with the server, when kept apart from the key. */
  certificatePem?: string;
  /** A fresh `jti` for client assertions (default `crypto.randomUUID`). */
  jti?: () => string;
  /** Keeps the imported signing key between requests (the extension passes its one KeyResolver). */
  resolver?: KeyResolver;
  /** Keeps what preflight read of each certificate between requests. */
  certificates?: CertificateFactsCache;
  /** With no key: the stored key the profile chose and that is gone (the preflight names it). */
  missingKey?: MissingKey;
}

/** The access token and what came with it. The only secret in a {@link TokenRequestOutcome}. */
export interface IssuedToken {
  accessToken: string;
  tokenType?: string;
  scope?: string;
  /** Salesforce: the org's instance, where API calls go. */
  instanceUrl?: string;
  /** Salesforce: the identity URL of the user. */
  id?: string;
  /** Local clock, ms since the epoch. */
  receivedAt: number;
  expiresIn?: number;
  /** Local clock, ms since the epoch, from `expires_in`. */
  expiresAt?: number;
  /** Why there is no `expiresAt`, when the server gave none. */
  expiryNote?: string;
}

/** A request as the log and the profile's history keep it: never the assertion, the token or the key. */
export interface TokenRequestSummary {
  /** ISO 8601, local clock. */
  time: string;
  kind: TokenProfileKind;
  /** Origin and path of the token endpoint. */
  endpoint: string;
  ok: boolean;
  status?: number;
  /** The server's `error`, or the engine's code (`PREFLIGHT`, `NETWORK_TIMEOUT`, …). */
  error?: string;
  /** The server's `error_description`, or the engine's sentence. */
  errorDescription?: string;
  durationMs?: number;
  /** Server clock minus local clock, whole seconds, when the server sent `Date`. */
  skewSeconds?: number;
  tokenType?: string;
  scope?: string;
  instanceUrl?: string;
  /** ISO 8601. */
  expiresAt?: string;
}

export interface TokenRequestOutcome {
  ok: boolean;
  /** Present when `ok`. Keep it in SecretStorage, never in logs. */
  token?: IssuedToken;
  summary: TokenRequestSummary;
  /** The preflight's findings, and a `CLOCK_SKEW` warning when the server's clock is more than 30 s away. */
  findings: PreflightFinding[];
  /** When the server answered with an OAuth error. */
  explanation?: ErrorExplanation;
  /** When the request failed before an OAuth answer: preflight, signing or network. */
  failure?: { code: WorkbenchErrorCode | 'PREFLIGHT'; message: string };
}

/**
 * Requests an access token for `profile`, signing with `key`. Never throws for a failed request: the
 * outcome says what happened (preflight errors stop it before anything is sent).
 * @example
 * const outcome = await requestToken(profile, key, { fetch });
 * if (outcome.ok) use(outcome.token.accessToken); else show(outcome.explanation?.text ?? outcome.failure?.message);
 */
export async function requestToken(profile: TokenProfile, key: KeyMaterial | undefined, options: TokenRequestOptions): Promise<TokenRequestOutcome> {
  const now = options.now ?? Date.now;
  const started = now();
  let endpoint = '';
  try {
    endpoint = shownUrl(tokenUrlOf(profile));
  } catch {
    // The preflight names the missing URL.
  }
  const summary: TokenRequestSummary = { time: new Date(started).toISOString(), kind: profile.kind, endpoint, ok: false };
  const findings = await preflight(profile, key, {
    now: started,
    ...(options.certificatePem ? { certificatePem: options.certificatePem } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
    ...(options.missingKey ? { missingKey: options.missingKey } : {}),
  });
  const firstError = findings.find(f => f.severity === 'error');
  if (firstError || !key) {
    const message = firstError?.message ?? 'No key is chosen for this profile.';
    return { ok: false, summary: { ...summary, error: 'PREFLIGHT', errorDescription: message }, findings, failure: { code: 'PREFLIGHT', message } };
  }

  let response: HttpResponse;
  let signedAssertion = '';
  try {
    const signed = await signAssertion(profile, key, {
      now: started,
      ...(options.jti ? { jti: options.jti } : {}),
      ...(options.resolver ? { resolver: options.resolver } : {}),
    });
    signedAssertion = signed.assertion;
    response = await requestJson({
      url: signed.tokenUrl,
      fetch: options.fetch,
      method: 'POST',
      body: formFor(profile, signed.assertion),
      purpose: 'token endpoint',
      timeoutMs: options.timeoutMs ?? TOKEN_TIMEOUT_MS,
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      acceptErrorJson: true,
      now,
    });
  } catch (e) {
    if (!isWorkbenchError(e)) throw e;
    const status = typeof e.details?.status === 'number' ? e.details.status : undefined;
    return {
      ok: false,
      summary: { ...summary, ...(status !== undefined ? { status } : {}), error: e.code, errorDescription: e.message, durationMs: Math.round(now() - started) },
      findings,
      failure: { code: e.code, message: e.message },
    };
  }

  // `Date` has whole seconds: the server's time lay somewhere in the second after it, so take its middle.
  const skewSeconds = response.serverDate ? Math.round((response.serverDate.getTime() + 500 - response.receivedAt) / 1000) : undefined;
  const allFindings = [...findings];
  if (skewSeconds !== undefined && Math.abs(skewSeconds) > SKEW_WARNING_SECONDS) {
    allFindings.push({
      severity: 'warning',
      code: 'CLOCK_SKEW',
      message: `The server's clock is ${describeSkew(skewSeconds)}. Assertions carry times (exp, iat): set this computer's clock right, or requests may fail as expired or not yet valid.`,
    });
  }
  const answered: TokenRequestSummary = {
    ...summary,
    status: response.status,
    durationMs: response.durationMs,
    ...(skewSeconds !== undefined ? { skewSeconds } : {}),
  };
  const json = response.json as Record<string, unknown>;

  if (typeof json === 'object' && json !== null && typeof json.error === 'string') {
    // Some servers quote the assertion back in their error: it must not reach the log or the history.
    const hide = (text: string): string => text.split(signedAssertion).join('[the assertion]').replace(JWT_PATTERN, '[a JWT]');
    const oauth = {
      error: hide(json.error),
      ...(typeof json.error_description === 'string' ? { error_description: hide(json.error_description) } : {}),
    };
    const explanation = explainTokenError(oauth, { kind: profile.kind, status: response.status, ...(skewSeconds !== undefined ? { skewSeconds } : {}) });
    return {
      ok: false,
      summary: { ...answered, error: oauth.error, ...(oauth.error_description !== undefined ? { errorDescription: oauth.error_description } : {}) },
      findings: allFindings,
      explanation,
    };
  }

  const accessToken = typeof json === 'object' && json !== null ? json.access_token : undefined;
  if (response.status < 200 || response.status >= 300 || typeof accessToken !== 'string' || accessToken === '') {
    const code: WorkbenchErrorCode = response.status >= 200 && response.status < 300 ? 'NETWORK_RESPONSE' : 'NETWORK_HTTP';
    const message = code === 'NETWORK_RESPONSE'
      ? `The token endpoint ${endpoint} answered ${response.status} without an access_token.`
      : `The token endpoint ${endpoint} answered HTTP ${response.status} without an OAuth error.`;
    return { ok: false, summary: { ...answered, error: code, errorDescription: message }, findings: allFindings, failure: { code, message } };
  }

  const token = issuedToken(profile, json, accessToken, response.receivedAt);
  return {
    ok: true,
    token,
    summary: {
      ...answered,
      ok: true,
      ...(token.tokenType ? { tokenType: token.tokenType } : {}),
      ...(token.scope ? { scope: token.scope } : {}),
      ...(token.instanceUrl ? { instanceUrl: token.instanceUrl } : {}),
      ...(token.expiresAt !== undefined ? { expiresAt: new Date(token.expiresAt).toISOString() } : {}),
    },
    findings: allFindings,
  };
}

/** The form body: the JWT bearer grant (RFC 7523 §2.1) or client credentials with a client assertion (§2.2). */
export function formFor(profile: TokenProfile, assertion: string): URLSearchParams {
  const form = new URLSearchParams();
  if (profile.kind === 'client-credentials') {
    form.set('grant_type', 'client_credentials');
    form.set('client_id', profile.clientId);
    form.set('client_assertion_type', JWT_CLIENT_ASSERTION_TYPE);
    form.set('client_assertion', assertion);
  } else {
    form.set('grant_type', JWT_BEARER_GRANT);
    form.set('assertion', assertion);
  }
  const scope = profile.kind === 'jwt-bearer' || profile.kind === 'client-credentials' ? profile.scope?.trim() : undefined;
  if (scope) form.set('scope', scope);
  return form;
}

function issuedToken(profile: TokenProfile, json: Record<string, unknown>, accessToken: string, receivedAt: number): IssuedToken {
  const text = (name: string): string | undefined => (typeof json[name] === 'string' && json[name] !== '' ? json[name] : undefined);
  const rawExpiresIn = json.expires_in;
  const expiresIn = typeof rawExpiresIn === 'number' ? rawExpiresIn
    : typeof rawExpiresIn === 'string' && /^\d+$/.test(rawExpiresIn) ? Number(rawExpiresIn) : undefined;
  const token: IssuedToken = { accessToken, receivedAt };
  const tokenType = text('token_type');
  const scope = text('scope');
  const instanceUrl = text('instance_url');
  const id = text('id');
  if (tokenType) token.tokenType = tokenType;
  if (scope) token.scope = scope;
  if (instanceUrl) token.instanceUrl = instanceUrl;
  if (id) token.id = id;
  if (expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn >= 0) {
    token.expiresIn = expiresIn;
    token.expiresAt = receivedAt + expiresIn * 1000;
  } else {
    token.expiryNote = profile.kind === 'salesforce'
      ? 'Salesforce does not say when this token expires: the org\'s session timeout (Session Settings, or the connected app\'s session policy) decides.'
      : 'The server did not say when this token expires (no expires_in).';
  }
  return token;
}
