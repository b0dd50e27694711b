/**
 * The palette and context-menu commands of the editor surface: Decode Token, Decode Token from
 * Clipboard, Copy Token Header/Payload as JSON, and Open in Panel (the hover's and CodeLens's way into the panel).
 */
import * as vscode from 'vscode';
import { Command } from '../../commands';
import { decodeToken, type DecodedToken } from '../../core/decode';
import { describeError } from '../../core/errors';
import type { Logger } from '../../log';
import type { DecodedDocuments } from '../decodedView/decodedDocuments';
import { firstTokenLike } from '../cursor/tokenLike';
import { targetAtRef, targetInEditor, type TokenTarget } from '../cursor/tokenTarget';
import { guarded } from './guarded';
import { isTokenRef } from '../tokenRef';

const NO_TOKEN = 'No JWT at the cursor or in the selection. Put the cursor on a token (or select one), or paste one.';
const PASTE = 'Paste a Token…';
/** How much of the clipboard is searched for a token. */
const MAX_CLIPBOARD_SCAN = 4 * 1024 * 1024;
const NO_TOKEN_IN_CLIPBOARD = 'The clipboard holds no JWT. A JWT looks like eyJhbGciOi….eyJzdWIiOi….signature: copy one and try again.';

/** Registers the commands; each returns what it did (the decoded view's URI, the copied JSON) for tests. */
export function registerDecodeCommands(views: DecodedDocuments, log: Logger): vscode.Disposable[] {
  const decode = async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    const target = await findTarget(arg, log);
    if (!target) return undefined;
    if (!decodeOrExplain(target)) return undefined;
    return views.open(target);
  };

  const copy = async (part: 'header' | 'payload', arg?: unknown): Promise<string | undefined> => {
    const target = await findTarget(arg, log);
    const decoded = target && decodeOrExplain(target);
    if (!decoded) return undefined;
    if (part === 'payload' && decoded.kind === 'jwe') {
      void vscode.window.showWarningMessage('This token is encrypted (JWE): its payload can only be read after decrypting it with its key. Copy the header instead.');
      return undefined;
    }
    const value = part === 'header' ? decoded.header : decoded.kind === 'jws' ? decoded.payload : undefined;
    const json = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    await vscode.env.clipboard.writeText(json);
    vscode.window.setStatusBarMessage(`$(check) Copied the token ${part} as JSON`, 3000);
    log.info(`copied a token ${part} (${json.length} characters)`);
    return json;
  };

  const fromClipboard = async (): Promise<vscode.Uri | undefined> => {
    const text = (await vscode.env.clipboard.readText()).trim();
    if (text === '') {
      void vscode.window.showWarningMessage('The clipboard is empty: copy a JWT first.');
      return undefined;
    }
    const found = firstTokenLike(text.length <= MAX_CLIPBOARD_SCAN ? text : text.slice(0, MAX_CLIPBOARD_SCAN));
    if (!found) {
      // Nothing token-like: say so, without echoing what may be someone's password back on screen.
      void vscode.window.showWarningMessage(NO_TOKEN_IN_CLIPBOARD);
      return undefined;
    }
    // A broken token is decoded as the whole clipboard, so the engine names what is wrong (line breaks, size…).
    const target: TokenTarget = { token: found.kind ? found.token : text, origin: 'the clipboard' };
    if (!decodeOrExplain(target)) return undefined;
    return views.open(target);
  };

  // The hover link and the Sign/Verify CodeLens: the panel's own command reads the token the link names
  // (and remembers where it is, for Insert into Editor). Its answer is passed on (a test handle in test mode).
  const openInPanel = async (arg?: unknown): Promise<unknown> => vscode.commands.executeCommand<unknown>(Command.openPanel, arg);

  const guard = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => guarded(log, name, fn);

  return [
    vscode.commands.registerCommand(Command.decodeToken, guard('decode', decode)),
    vscode.commands.registerCommand(Command.decodeClipboard, guard('decode from clipboard', fromClipboard)),
    vscode.commands.registerCommand(Command.copyHeader, guard('copy header', (arg?: unknown) => copy('header', arg))),
    vscode.commands.registerCommand(Command.copyPayload, guard('copy payload', (arg?: unknown) => copy('payload', arg))),
    vscode.commands.registerCommand(Command.openInPanel, guard('open in panel', openInPanel)),
  ];
}

/**
 * The token named by `arg` (a hover/CodeLens link, or `{ token }`), else the active editor's selection or cursor.
 * With nothing to act on: with an editor, a warning offering to paste a token (not awaited, so the
 * command returns at once); without one, straight to the input box.
 */
async function findTarget(arg: unknown, log: Logger): Promise<TokenTarget | undefined> {
  if (isTokenRef(arg)) {
    const target = await targetAtRef(arg);
    if (!target) void vscode.window.showWarningMessage('That token is no longer there (the document changed). Hover it again.');
    return target;
  }
  if (isPastedToken(arg)) return { token: arg.token, origin: 'pasted text' };
  const editor = vscode.window.activeTextEditor;
  const target = editor ? targetInEditor(editor) : undefined;
  if (target) return target;
  if (!editor) return askForToken();
  void guarded(log, 'paste a token', async () => {
    const choice = await vscode.window.showWarningMessage(NO_TOKEN, PASTE);
    if (choice !== PASTE) return;
    const pasted = await askForToken();
    if (pasted) await vscode.commands.executeCommand(Command.decodeToken, { token: pasted.token });
  })();
  return undefined;
}

/** True for a `{ token }` argument: a token given as text (from the input box, or by another command). */
function isPastedToken(value: unknown): value is { token: string } {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).token === 'string';
}

/** An input box that checks the token as it is typed, showing the engine's message. */
async function askForToken(): Promise<TokenTarget | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Decode JWT',
    prompt: 'Paste a JWT (compact JWS or JWE). It is decoded locally; nothing is sent anywhere.',
    placeHolder: 'eyJhbGciOi…',
    ignoreFocusOut: true,
    validateInput: text => {
      if (text.trim() === '') return undefined;
      try {
        decodeToken(text);
        return undefined;
      } catch (e) {
        return describeError(e);
      }
    },
  });
  return value?.trim() ? { token: value.trim(), origin: 'pasted text' } : undefined;
}

/** Decodes the target, or shows the engine's message and returns undefined. */
function decodeOrExplain(target: TokenTarget): DecodedToken | undefined {
  try {
    return decodeToken(target.token);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot decode the token from ${target.origin}: ${describeError(e)}`);
    return undefined;
  }
}
