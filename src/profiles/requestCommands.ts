/**
 * *Request Token* (a cancellable progress notification; preflight errors stop it, warnings are shown),
 * *Copy Access Token* (the stored token until a minute before it expires), and the result view's actions:
 * Reveal, Copy as curl, Insert Authorization Header, Decode. With an argument object none returns the token.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, type IssuedToken, type TokenRequestOutcome } from '../core';
import { optionalText } from '../common/invocation';
import type { Logger } from '../log';
import { profileFor, registerProfileCommand, type ProfileCall } from './invocation';
import type { StoredProfile } from './profileModel';
import type { ProfileStore } from './profileStore';
import { RESULT_SCHEME, type ResultView } from './resultView';
import { authorizationHeader, curlFor, defaultCurlUrl, isJwt } from './resultText';
import { resultOf, type AccessTokenAnswer, type TokenService } from './tokenService';

function withRequestProgress<T>(stored: StoredProfile, run: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Requesting a token for "${stored.name}"`, cancellable: true },
    (_progress, cancel) => {
      const controller = new AbortController();
      cancel.onCancellationRequested(() => controller.abort());
      return run(controller.signal);
    },
  );
}

export function registerRequestCommands(store: ProfileStore, tokens: TokenService, view: ResultView, log: Logger): vscode.Disposable[] {
  /** Tells a person what happened: warnings, then the result view or the failure with its explanation. */
  const report = async (stored: StoredProfile, outcome: TokenRequestOutcome, openView: boolean): Promise<void> => {
    const warnings = outcome.findings.filter(f => f.severity === 'warning');
    if (warnings.length > 0) void vscode.window.showWarningMessage(warnings.map(w => w.message).join(' '));
    if (outcome.ok) {
      if (openView) await view.show(stored.id);
      vscode.window.setStatusBarMessage(`$(check) Token received for "${stored.name}"`, 5000);
      return;
    }
    const details = 'Show Details';
    const said = outcome.explanation
      ? `${outcome.explanation.serverSaid}${outcome.explanation.cause ? ` — ${outcome.explanation.cause}` : ''}`
      : outcome.failure?.code === 'PREFLIGHT'
        ? outcome.findings.filter(f => f.severity === 'error').map(f => f.message).join(' ')
        : (outcome.failure?.message ?? 'unknown error');
    const answer = await vscode.window.showErrorMessage(`Token request for "${stored.name}" failed: ${said}`, details);
    if (answer === details) await view.show(stored.id);
  };

  /** The token to act on; asks for a new one (with progress) when the stored one is stale. */
  const tokenFor = async (call: ProfileCall, placeHolder: string): Promise<{ stored: StoredProfile; got: AccessTokenAnswer } | undefined> => {
    const stored = await profileFor(store, call, placeHolder);
    if (!stored) return undefined;
    const got = call.auto ? await tokens.accessToken(stored.id) : await withRequestProgress(stored, signal => tokens.accessToken(stored.id, signal));
    if (got.requested && !call.auto) await report(stored, got.requested, false);
    return { stored, got };
  };

  /** The token of a call, or: thrown with arguments (the request's failure), undefined without (it was reported). */
  const tokenOrFail = async (call: ProfileCall, placeHolder: string): Promise<{ stored: StoredProfile; token: IssuedToken } | undefined> => {
    const found = await tokenFor(call, placeHolder);
    if (!found) return undefined;
    const { stored, got } = found;
    if (got.token) return { stored, token: got.token };
    if (!call.auto) return undefined;
    const s = got.requested.summary;
    throw new WorkbenchError('OAUTH_ERROR', `No access token for "${stored.name}": ${s.errorDescription ?? s.error ?? 'the request failed'}.`, { id: stored.id });
  };

  const request = registerProfileCommand(Command.profilesRequestToken, log, async call => {
    const stored = await profileFor(store, call, 'Request a token for which profile?');
    if (!stored) return undefined;
    const outcome = call.auto ? await tokens.request(stored.id) : await withRequestProgress(stored, signal => tokens.request(stored.id, signal));
    if (!call.auto) await report(stored, outcome, true);
    return resultOf(outcome);
  });

  const copy = registerProfileCommand(Command.profilesCopyAccessToken, log, async call => {
    const found = await tokenFor(call, 'Copy the access token of which profile?');
    if (!found) return undefined;
    const { stored, got } = found;
    if (!got.token) return call.auto ? { copied: false, ...resultOf(got.requested) } : undefined; // shown already
    await vscode.env.clipboard.writeText(got.token.accessToken);
    vscode.window.setStatusBarMessage(`$(check) Copied the access token of "${stored.name}"`, 3000);
    return { copied: true, reused: got.requested === undefined, ...(got.token.expiresAt !== undefined ? { expiresAt: new Date(got.token.expiresAt).toISOString() } : {}) };
  });

  const showResult = registerProfileCommand(Command.profilesShowResult, log, async call => {
    const stored = await profileFor(store, call, 'Show the last result of which profile?');
    if (!stored) return undefined;
    const editor = await view.show(stored.id);
    return { uri: editor.document.uri.toString() };
  });

  const reveal = registerProfileCommand(Command.profilesRevealToken, log, async call => {
    const stored = await profileFor(store, call, 'Reveal the access token of which profile?');
    if (!stored) return undefined;
    const on = !view.isRevealed(stored.id);
    view.setRevealed(stored.id, on);
    return { revealed: on };
  });

  const curl = registerProfileCommand(Command.profilesCopyAsCurl, log, async call => {
    const got = await tokenOrFail(call, 'Copy a curl command for which profile?');
    if (!got) return undefined;
    let url = (call.auto ? optionalText(call.args, 'url') : undefined) ?? defaultCurlUrl(got.stored, got.token);
    if (url === undefined) {
      if (call.auto) throw new WorkbenchError('OPTION_INVALID', 'This profile is not a Salesforce one: give "url", the API address the curl command should call.');
      url = await vscode.window.showInputBox({
        prompt: 'Which URL should the curl command call with this token?',
        placeHolder: 'https://api.example.com/v1/me',
        ignoreFocusOut: true,
        validateInput: v => (URL.canParse(v.trim()) ? undefined : 'Write the full URL, starting with https://'),
      });
      if (url === undefined) return undefined;
    }
    await vscode.env.clipboard.writeText(curlFor(got.token, url.trim()));
    vscode.window.setStatusBarMessage(`$(check) Copied a curl command for ${url.trim()}`, 3000);
    return { url: url.trim() };
  });

  const insert = registerProfileCommand(Command.profilesInsertAuthorizationHeader, log, async call => {
    // The result view is read-only: insert into the text editor the person was working in.
    const editor = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors]
      .find(e => e !== undefined && e.document.uri.scheme !== RESULT_SCHEME && e.document.uri.scheme !== 'output');
    if (!editor) throw new WorkbenchError('OPTION_INVALID', 'Open the file to insert the Authorization header into (an .http file, for example), then run this again.');
    const got = await tokenOrFail(call, 'Insert the Authorization header of which profile?');
    if (!got) return undefined;
    const header = authorizationHeader(got.token);
    await editor.edit(b => editor.selections.forEach(s => b.replace(s, header)));
    return { inserted: editor.document.uri.toString() };
  });

  const decode = registerProfileCommand(Command.profilesDecodeAccessToken, log, async call => {
    const got = await tokenOrFail(call, 'Decode the access token of which profile?');
    if (!got) return undefined;
    if (!isJwt(got.token.accessToken)) {
      throw new WorkbenchError('TOKEN_PART_COUNT', `The access token of "${got.stored.name}" is not a JWT (Salesforce's, for one, is an opaque session id): there is nothing to decode.`);
    }
    await vscode.commands.executeCommand(Command.decodeToken, { token: got.token.accessToken });
    return { decoded: true };
  });

  return [request, copy, showResult, reveal, curl, insert, decode];
}
