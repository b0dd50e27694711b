/**
 * The prompts the Keys commands share: choose a stored key, type a passphrase, send text to an
 * editor / a file / the clipboard, and turn an argument's path into a URI (refused in an untrusted
 * workspace, where JWT Workbench reads no key file by path).
 */
import * as vscode from 'vscode';
import { WorkbenchError } from '../core';
import type { KeyFacts, StoredKey } from './keyEntry';
import type { KeyStore } from './keyStore';
import { keyDescription } from './keyTreeModel';
import type { Invocation } from './invocation';
import { text } from '../common/invocation';

/** Which keys a command works on. */
export interface KeyFilter {
  accepts(facts: KeyFacts): boolean;
  /** Said when no stored key fits, e.g. "No stored key can sign a certificate: …". */
  none: string;
  /** Said when the key named in the arguments does not fit. */
  refuse(facts: KeyFacts): string;
}

export const ANY_KEY: KeyFilter = { accepts: () => true, none: 'No keys are stored yet: generate or import one first.', refuse: () => '' };

function notFound(ref: string): WorkbenchError {
  return new WorkbenchError('KEY_NOT_FOUND', `There is no stored key with id or kid "${ref}". Run jwtWorkbench.keys.list to see the ids.`, { ref });
}

/** A quick pick of the stored keys `filter` accepts. */
export async function pickKey(store: KeyStore, filter: KeyFilter, placeHolder: string): Promise<KeyFacts | undefined> {
  const keys = (await store.list()).flatMap(e => (e.kind === 'key' && filter.accepts(e.facts) ? [e.facts] : []));
  if (keys.length === 0) {
    void vscode.window.showInformationMessage(filter.none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    keys.map(facts => ({ label: facts.label, description: keyDescription(facts), facts })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.facts;
}

/**
 * The key a command works on: `args.id` (an id or a kid) when called with arguments, the row it was
 * run from, or one the person picks. Undefined when the person cancelled.
 */
export async function keyFor(store: KeyStore, call: Invocation, filter: KeyFilter, placeHolder: string): Promise<StoredKey | undefined> {
  let ref: string | undefined;
  if (call.auto) ref = text(call.args, 'id');
  else if (call.node && call.node.kind !== 'unreadable') ref = call.node.id;
  else ref = (await pickKey(store, filter, placeHolder))?.id;
  if (ref === undefined) return undefined;
  const stored = await store.findKey(ref);
  if (!stored) throw notFound(ref);
  if (!filter.accepts(stored.facts)) throw new WorkbenchError('KEY_UNSUPPORTED', filter.refuse(stored.facts), { id: stored.facts.id });
  return stored;
}

/** A password input; undefined when cancelled. `problem` is shown above the box (e.g. the engine's "wrong passphrase"). */
export function askPassphrase(prompt: string, options: { problem?: string; minLength?: number } = {}): Thenable<string | undefined> {
  const min = options.minLength ?? 1;
  return vscode.window.showInputBox({
    prompt: options.problem ? `${options.problem} ${prompt}` : prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: v => (v.length < min ? (min > 1 ? `At least ${min} characters.` : 'Type the passphrase.') : undefined),
  });
}

/** Where exported text goes. Secret text never opens in an editor: untitled editors are backed up to disk. */
export async function deliverText(
  content: string,
  options: { what: string; language: string; fileName: string; secret?: boolean },
): Promise<'editor' | 'file' | 'clipboard' | undefined> {
  const choices: { label: string; to: 'editor' | 'file' | 'clipboard' }[] = [
    ...(options.secret ? [] : [{ label: '$(new-file) Open in a New Editor', to: 'editor' as const }]),
    { label: '$(save) Save to a File…', to: 'file' },
    { label: '$(copy) Copy to the Clipboard', to: 'clipboard' },
  ];
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: `Where should the ${options.what} go?` });
  if (!picked) return undefined;
  if (picked.to === 'editor') {
    const doc = await vscode.workspace.openTextDocument({ content, language: options.language });
    await vscode.window.showTextDocument(doc, { preview: false });
  } else if (picked.to === 'clipboard') {
    await vscode.env.clipboard.writeText(content);
    vscode.window.setStatusBarMessage(`$(check) Copied the ${options.what}`, 3000);
  } else {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: `Save the ${options.what}`,
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, options.fileName) } : {}),
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    void vscode.window.showInformationMessage(`Saved the ${options.what} to ${vscode.workspace.asRelativePath(target)}.`);
  }
  return picked.to;
}

/**
 * The URI of a path given in an argument object: a URI (`file:///…`, `vscode-remote://…`), an
 * absolute path (on the workspace's file system, so it works in VS Code for the Web too), or a path
 * relative to the first workspace folder.
 */
export function uriOfPath(path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path, true);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const absolute = path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path);
  if (absolute) return folder && folder.scheme !== 'file' ? folder.with({ path: path.replace(/\\/g, '/') }) : vscode.Uri.file(path);
  if (!folder) throw new WorkbenchError('OPTION_INVALID', `The path "${path}" is relative, and no folder is open to resolve it against.`);
  return vscode.Uri.joinPath(folder, path);
}

/** Reads a file named by an argument; refused in an untrusted workspace (see `capabilities` in package.json). */
export async function readFileByPath(path: string): Promise<Uint8Array> {
  if (!vscode.workspace.isTrusted) {
    throw new WorkbenchError('OPTION_INVALID',
      'This workspace is not trusted, so JWT Workbench reads no key file by path in it. Trust the workspace, or use Import Key… and choose the file yourself.');
  }
  const uri = uriOfPath(path);
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (e) {
    throw new WorkbenchError('OPTION_INVALID', `Cannot read ${path}: ${e instanceof Error ? e.message : 'the file cannot be opened'}.`, { path }, { cause: e });
  }
}

/** Writes a file named by an argument. */
export async function writeFileByPath(path: string, content: string): Promise<vscode.Uri> {
  const uri = uriOfPath(path);
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  } catch (e) {
    throw new WorkbenchError('OPTION_INVALID', `Cannot write ${path}: ${e instanceof Error ? e.message : 'the file cannot be written'}.`, { path }, { cause: e });
  }
  return uri;
}
