/**
 * The text of a profile's result view (a read-only virtual document): what came back with the token —
 * token_type, scope, instance_url, id, expiry or why there is none — the token masked unless revealed,
 * the server's error explained when it failed, the warnings, and the redacted history. Pure.
 */
import { PROFILE_KIND_LABELS, decodeToken, type IssuedToken } from '../core';
import { ago, maskToken, summaryLine, type StoredProfile } from './profileModel';

/** True when the access token is itself a JWT (then *Decode* is offered). */
export function isJwt(token: string): boolean {
  try {
    decodeToken(token);
    return true;
  } catch {
    return false;
  }
}

/** `curl` for a request with the token: Salesforce's REST API root, or a URL the person gives. */
export function curlFor(token: IssuedToken, url: string): string {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return `curl -sS -H ${quote(`Authorization: ${token.tokenType ?? 'Bearer'} ${token.accessToken}`)} ${quote(url)}`;
}

/** Where *Copy as curl* goes without asking: `{instance_url}/services/data/` for Salesforce. */
export function defaultCurlUrl(stored: StoredProfile, token: IssuedToken): string | undefined {
  return stored.profile.kind === 'salesforce' && token.instanceUrl ? `${token.instanceUrl.replace(/\/+$/, '')}/services/data/` : undefined;
}

/** The `Authorization` header line for `.http` files and the like. */
export function authorizationHeader(token: IssuedToken): string {
  return `Authorization: ${token.tokenType ?? 'Bearer'} ${token.accessToken}`;
}

function row(name: string, value: string): string {
  return `${name.padEnd(14)}${value}`;
}

export function renderResult(stored: StoredProfile, token: IssuedToken | undefined, revealed: boolean, now: Date): string {
  const lines: string[] = [`${stored.name} — ${PROFILE_KIND_LABELS[stored.profile.kind]}`, ''];
  const last = stored.last;
  if (!last) {
    lines.push('No token requested yet: use Request Token on the profile\'s row.');
    return `${lines.join('\n')}\n`;
  }
  const s = last.summary;
  lines.push(row('endpoint', s.endpoint || '(none)'));
  lines.push(row('requested', `${s.time} (${ago(s.time, now)})${s.durationMs !== undefined ? ` in ${s.durationMs} ms` : ''}`));
  if (s.status !== undefined) lines.push(row('status', `HTTP ${s.status}`));
  if (s.skewSeconds !== undefined) lines.push(row('server clock', `${s.skewSeconds > 0 ? '+' : ''}${s.skewSeconds} s from this computer's`));
  lines.push('');
  if (s.ok && token) {
    lines.push(row('access_token', revealed ? token.accessToken : `${maskToken(token.accessToken)}   (masked: Reveal above shows it)`));
    if (token.tokenType) lines.push(row('token_type', token.tokenType));
    if (token.scope) lines.push(row('scope', token.scope));
    if (token.instanceUrl) lines.push(row('instance_url', token.instanceUrl));
    if (token.id) lines.push(row('id', token.id));
    if (token.expiresAt !== undefined) {
      const left = Math.round((token.expiresAt - now.getTime()) / 60_000);
      lines.push(row('expires', `${new Date(token.expiresAt).toISOString()} (${left > 0 ? `in ${left} min` : 'expired'})`));
    } else {
      lines.push(row('expires', token.expiryNote ?? 'unknown (no expires_in)'));
    }
  } else if (s.ok) {
    lines.push('The token is no longer stored: request a new one.');
  } else {
    lines.push('The request failed.');
    lines.push('');
    lines.push(...(last.explanation ?? `${s.error ?? 'error'}: ${s.errorDescription ?? ''}`).split('\n'));
  }
  const errors = last.findings.filter(f => f.severity === 'error');
  const warnings = last.findings.filter(f => f.severity === 'warning');
  if (errors.length > 0 && !last.explanation) {
    lines.push('', 'Preflight:', ...errors.map(f => `  ✗ ${f.message}`));
  }
  if (warnings.length > 0) lines.push('', 'Warnings:', ...warnings.map(f => `  ⚠ ${f.message}`));
  if (stored.history.length > 0) {
    lines.push('', 'History (newest first; no token, no assertion):', ...stored.history.map(h => `  ${summaryLine(h)}`));
  }
  return `${lines.join('\n')}\n`;
}
