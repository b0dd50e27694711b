/**
 * Verifying and signing without the panel. *JWT: Verify Token…* takes the token under the cursor (or the
 * selection), asks for a key — stored keys first, then paste (and a pasted secret's encoding, when it could be
 * more than UTF-8), JWKS URL, issuer — and answers in a notification with the engine's reason. With an
 * argument object both commands are automation: they return results that carry no key material.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, decodeSecret, secretEncodingsOf, type VerifyResult } from '../core';
import type { Logger } from '../log';
import { showFailure } from '../editor/commands/guarded';
import { targetAtRef, targetInEditor } from '../editor/cursor/tokenTarget';
import { isTokenRef } from '../editor/tokenRef';
import type { KeyCatalog } from './keyCatalog';
import type { PanelActions } from './panelActions';
import { SECRET_ENCODINGS, type ClaimCheck, type KeySource, type SecretEncodingName, type VerifyParams, type VerifyReply } from './protocol';

/** What `jwtWorkbench.verifyToken` returns: the engine's result (no key material), and the claim rows. */
export type VerifyCommandResult = (VerifyResult | { valid: false; code: string; message: string }) & { checks: ClaimCheck[]; algorithms: string[] };

type Args = Record<string, unknown>;
const isArgs = (v: unknown): v is Args => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every(x => typeof x === 'string') ? (v as string[]) : undefined;

function bad(message: string): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', message);
}

/** The key an argument object names: `keyId` (stored), `key` (text), `jwksUrl` or `issuerUrl`. */
function keyFromArgs(a: Args): KeySource | undefined {
  const encoding = str(a.secretEncoding) ?? 'utf8';
  if (!SECRET_ENCODINGS.includes(encoding as SecretEncodingName)) throw bad(`"secretEncoding" must be one of ${SECRET_ENCODINGS.join(', ')}.`);
  if (str(a.keyId)) return { kind: 'stored', ref: a.keyId as string };
  if (str(a.key) !== undefined) return { kind: 'pasted', text: a.key as string, encoding: encoding as SecretEncodingName };
  if (str(a.jwksUrl)) return { kind: 'jwksUrl', url: a.jwksUrl as string };
  if (str(a.issuerUrl)) return { kind: 'issuer', url: a.issuerUrl as string };
  return undefined;
}

function editorToken(): string {
  const editor = vscode.window.activeTextEditor;
  const target = editor ? targetInEditor(editor) : undefined;
  if (!target) throw new WorkbenchError('TOKEN_EMPTY', 'There is no token under the cursor or in the selection: put the cursor on a token, or pass { token }.');
  return target.token;
}

function verifyParams(token: string, key: KeySource, a: Args): VerifyParams {
  const params: VerifyParams = { token, key, algorithms: strList(a.algorithms) ?? [] };
  if (a.issuer !== undefined) params.issuer = str(a.issuer) ?? (() => { throw bad('"issuer" must be text.'); })();
  if (a.audience !== undefined) params.audience = strList(a.audience) ?? (() => { throw bad('"audience" must be text or a list of text.'); })();
  if (a.clockTolerance !== undefined) {
    if (typeof a.clockTolerance !== 'number') throw bad('"clockTolerance" must be a number of seconds.');
    params.clockTolerance = a.clockTolerance;
  }
  if (a.requiredClaims !== undefined) params.requiredClaims = strList(a.requiredClaims) ?? (() => { throw bad('"requiredClaims" must be a list of claim names.'); })();
  return params;
}

/** Asks for a key: stored keys first, then paste / JWKS URL / issuer. Undefined when the person cancels. */
async function pickKey(catalog: KeyCatalog): Promise<KeySource | undefined> {
  type Item = vscode.QuickPickItem & { source?: KeySource; ask?: 'pasted' | 'jwksUrl' | 'issuer' };
  const stored = await catalog.list();
  const items: Item[] = [
    ...(stored.length ? [{ label: 'Stored keys', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...stored.map((k): Item => ({ label: `$(key) ${k.label}`, description: k.kind, detail: `kid ${k.kid}`, source: { kind: 'stored', ref: k.ref } })),
    { label: 'Other', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(clippy) Paste a secret or key…', description: 'secret, PEM, certificate, JWK or JWKS', ask: 'pasted' },
    { label: '$(globe) JWKS URL…', ask: 'jwksUrl' },
    { label: '$(globe) Issuer URL…', description: 'its OpenID configuration names the JWKS', ask: 'issuer' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Verify with which key?', placeHolder: 'A stored key, or paste one' });
  if (!picked) return undefined;
  if (picked.source) return picked.source;
  switch (picked.ask) {
    case 'pasted': {
      const text = await vscode.window.showInputBox({ title: 'Secret or key', prompt: 'A shared secret, a PEM public key or certificate, a JWK or a JWKS', password: true, ignoreFocusOut: true });
      const encoding = text ? await pickSecretEncoding(text) : undefined;
      return text && encoding ? { kind: 'pasted', text, encoding } : undefined;
    }
    case 'jwksUrl':
    case 'issuer': {
      const url = await vscode.window.showInputBox({
        title: picked.ask === 'issuer' ? 'Issuer URL' : 'JWKS URL',
        prompt: 'https only (http to this machine is allowed); redirects are not followed',
        placeHolder: picked.ask === 'issuer' ? 'https://accounts.example.com' : 'https://example.com/.well-known/jwks.json',
        ignoreFocusOut: true,
      });
      return url ? { kind: picked.ask, url } : undefined;
    }
    default:
      return undefined;
  }
}

const ENCODING_NAMES: Readonly<Record<SecretEncodingName, string>> = { utf8: 'UTF-8', base64: 'base64', base64url: 'base64url', hex: 'hex' };

/**
 * How a pasted shared secret is written, asked only when the engine finds it valid in more than UTF-8 (key
 * text — PEM, JWK, JWKS, certificates — is not a secret and is not asked about). UTF-8 comes first, the
 * default. Undefined when the person cancels.
 */
async function pickSecretEncoding(text: string): Promise<SecretEncodingName | undefined> {
  const encodings = secretEncodingsOf(text);
  if (encodings.length <= 1) return 'utf8';
  type Item = vscode.QuickPickItem & { encoding: SecretEncodingName };
  const items = encodings.map((encoding): Item => {
    const bytes = decodeSecret(text, encoding).length;
    return { label: ENCODING_NAMES[encoding], description: `${bytes} byte${bytes === 1 ? '' : 's'}`, detail: encoding === 'utf8' ? 'the text itself, as typed' : undefined, encoding };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'How is the secret written?',
    placeHolder: 'UTF-8 unless it was given to you encoded (base64, base64url or hex)',
    ignoreFocusOut: true,
  });
  return picked?.encoding;
}

function summary(reply: VerifyReply): string {
  const rows = reply.checks.map(c => `${c.ok ? '✓' : '✗'} ${c.claim} ${c.text}`).join('; ');
  const head = reply.valid ? `Signature valid${reply.keyUsed ? ` (${reply.keyUsed})` : ''}.` : `${reply.message} (${reply.code ?? 'INVALID'})`;
  return rows ? `${head} ${rows}` : head;
}

export function registerQuickCommands(actions: PanelActions, catalog: KeyCatalog, log: Logger): vscode.Disposable[] {
  const verify = async (arg?: unknown): Promise<VerifyCommandResult | undefined> => {
    if (isTokenRef(arg)) {
      // The hover's Verify… link: that token, asked about like the palette command.
      const target = await targetAtRef(arg);
      if (!target) throw new WorkbenchError('TOKEN_EMPTY', 'The token this link named is no longer there: the document changed or was closed.');
      return verifyInteractively(target.token);
    }
    if (isArgs(arg)) {
      const token = str(arg.token) ?? editorToken();
      const key = keyFromArgs(arg);
      if (!key) throw bad('Say which key verifies: give "keyId" (a stored key), "key" (a secret, PEM or JWK as text), "jwksUrl" or "issuerUrl".');
      const { reply, result } = await actions.verifyWithResult(verifyParams(token, key, arg));
      const engine = result ?? { valid: false as const, code: reply.code ?? 'INTERNAL', message: reply.message };
      return { ...engine, checks: reply.checks, algorithms: reply.algorithms };
    }
    return verifyInteractively(editorToken());
  };

  const verifyInteractively = async (token: string): Promise<undefined> => {
    const key = await pickKey(catalog);
    if (!key) return undefined;
    const reply = await actions.verify({ token, key, algorithms: [] });
    log.info(`verify: ${reply.valid ? 'valid' : reply.code ?? 'invalid'}`);
    if (reply.valid) void vscode.window.showInformationMessage(summary(reply));
    else void vscode.window.showWarningMessage(summary(reply));
    return undefined;
  };

  const sign = async (arg?: unknown): Promise<{ token: string } | undefined> => {
    if (!isArgs(arg)) {
      await vscode.commands.executeCommand(Command.openPanel);
      return undefined;
    }
    if (!isArgs(arg.header) || !isArgs(arg.payload)) throw bad('Give "header" and "payload" as JSON objects, e.g. { header: { alg: "HS256" }, payload: { sub: "alice" }, key: "…" }.');
    const key = keyFromArgs(arg);
    if (!key) throw bad('Say which key signs: give "keyId" (a stored key) or "key" (a secret, PEM or JWK as text).');
    return actions.sign({ header: arg.header, payload: arg.payload, key });
  };

  return [
    vscode.commands.registerCommand(Command.verifyToken, rethrowing(log, 'verify', verify)),
    vscode.commands.registerCommand(Command.signToken, rethrowing(log, 'sign', sign)),
  ];
}

/**
 * Failures are shown and logged; with an argument object (automation) they are also thrown to the caller,
 * who asked for a result.
 */
function rethrowing<R>(log: Logger, name: string, fn: (arg?: unknown) => Promise<R>) {
  return async (arg?: unknown): Promise<R | undefined> => {
    try {
      return await fn(arg);
    } catch (e) {
      if (!isArgs(arg) || isTokenRef(arg)) {
        showFailure(log, name, e);
        return undefined;
      }
      log.error(`${name} failed`, e);
      throw e;
    }
  };
}
