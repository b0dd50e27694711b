/**
 * One token request for a stored profile: the key from the Keys store, the engine's `requestToken` with
 * the extension host's `fetch`, the shared resolver and certificate cache, and the timeout setting; then
 * the redacted outcome into the profile's history and one log line, the token into SecretStorage.
 */
import * as vscode from 'vscode';
import { requestToken, type IssuedToken, type KeyMaterial, type TokenRequestOutcome } from '../core';
import type { MissingKey } from '../core/oauth/preflight';
import type { EngineServices } from '../engineServices';
import type { KeyStore } from '../keys/keyStore';
import type { Logger } from '../log';
import { missingKeyOf, stillFresh, summaryLine, type StoredProfile } from './profileModel';
import type { ProfileStore } from './profileStore';

export const TIMEOUT_SETTING = 'tokenRequest.timeoutSeconds';
const DEFAULT_TIMEOUT_SECONDS = 15;
/** What automation gets back from a request: never the token or the assertion. */
export interface RequestResult {
  ok: boolean;
  status?: number;
  tokenType?: string;
  scope?: string;
  instanceUrl?: string;
  expiresAt?: string;
  skewSeconds?: number;
  error?: string;
  errorDescription?: string;
  explanation?: string;
  findings?: Array<{ severity: 'error' | 'warning'; code: string; message: string }>;
}

export function resultOf(outcome: TokenRequestOutcome): RequestResult {
  const s = outcome.summary;
  return {
    ok: outcome.ok,
    ...(s.status !== undefined ? { status: s.status } : {}),
    ...(s.tokenType ? { tokenType: s.tokenType } : {}),
    ...(s.scope ? { scope: s.scope } : {}),
    ...(s.instanceUrl ? { instanceUrl: s.instanceUrl } : {}),
    ...(s.expiresAt ? { expiresAt: s.expiresAt } : {}),
    ...(s.skewSeconds !== undefined ? { skewSeconds: s.skewSeconds } : {}),
    ...(s.error ? { error: s.error } : {}),
    ...(s.errorDescription ? { errorDescription: s.errorDescription } : {}),
    ...(outcome.explanation ? { explanation: outcome.explanation.text } : {}),
    ...(outcome.findings.length > 0 ? { findings: outcome.findings.map(f => ({ severity: f.severity, code: f.code, message: f.message })) } : {}),
  };
}

/** A token (reused, or `requested` now), or the failed request's outcome. */
export type AccessTokenAnswer = { token: IssuedToken; requested?: TokenRequestOutcome } | { token?: undefined; requested: TokenRequestOutcome };

export class TokenService {
  constructor(
    private readonly profiles: ProfileStore,
    private readonly keys: KeyStore,
    private readonly engine: EngineServices,
    private readonly log: Logger,
  ) {}

  /** The profile's key; or, when the key it chose is gone from the Keys store, what the profile remembers of it. */
  private async keyOf(stored: StoredProfile): Promise<{ key?: KeyMaterial; missingKey?: MissingKey }> {
    if (!stored.keyId) return {};
    const found = await this.keys.findKey(stored.keyId);
    return found ? { key: found.key } : { missingKey: missingKeyOf(stored) };
  }

  /** Requests a token now. Never throws for a failed request; the outcome says what happened. */
  async request(id: string, signal?: AbortSignal): Promise<TokenRequestOutcome> {
    const stored = this.profiles.require(id);
    const seconds = vscode.workspace.getConfiguration('jwtWorkbench').get<number>(TIMEOUT_SETTING, DEFAULT_TIMEOUT_SECONDS);
    const timeoutMs = Math.max(1, Number.isFinite(seconds) ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
    const { key, missingKey } = await this.keyOf(stored);
    const outcome = await requestToken(stored.profile, key, {
      fetch: (input, init) => fetch(input, init),
      ...(missingKey ? { missingKey } : {}),
      timeoutMs,
      resolver: this.engine.resolver,
      certificates: this.engine.certificates,
      ...(signal ? { signal } : {}),
    });
    // The token is stored before the result is recorded: the row that says "token just now" can hand it out.
    if (outcome.ok && outcome.token) await this.profiles.saveToken(id, outcome.token);
    await this.profiles.recordResult(id, {
      summary: outcome.summary,
      findings: outcome.findings,
      ...(outcome.explanation ? { explanation: outcome.explanation.text } : {}),
    });
    const line = `token request for "${stored.name}" (${stored.id}): ${summaryLine(outcome.summary)}`;
    if (outcome.ok) this.log.info(line);
    else this.log.warn(line);
    return outcome;
  }

  /**
   * The access token to hand out: the stored one until a minute before it expires, else a new one.
   * `requested` holds the outcome when a request was made.
   */
  async accessToken(id: string, signal?: AbortSignal): Promise<AccessTokenAnswer> {
    this.profiles.require(id);
    const kept = await this.profiles.token(id);
    if (kept && stillFresh(kept, Date.now())) return { token: kept };
    const requested = await this.request(id, signal);
    return requested.token ? { token: requested.token, requested } : { requested };
  }
}
