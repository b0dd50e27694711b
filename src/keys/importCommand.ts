/**
 * *Import Key*: from a file, the clipboard or the editor selection (or `{ text | path, passphrase?,
 * label? }`), in every format the engine reads. A key already stored (same RFC 7638 thumbprint) is
 * not stored twice; a certificate for a stored key is attached to it. Nothing is stored when the
 * input is bad: the engine's message says why.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, importKey, isWorkbenchError, thumbprint, type KeyMaterial } from '../core';
import type { Logger } from '../log';
import type { KeyStore } from './keyStore';
import { optionalText } from '../common/invocation';
import { registerKeyCommand } from './invocation';
import { askPassphrase, readFileByPath } from './keyUi';

/** What happened to each key found in the input. */
export interface ImportedKey {
  id: string;
  kid: string;
  status: 'added' | 'certificate-attached' | 'already-stored';
}

const FILE_FILTERS = { 'Keys and certificates': ['pem', 'key', 'crt', 'cer', 'der', 'jwk', 'json'], 'All files': ['*'] };

/** Stores what `importKey` found, recognising keys already stored by their thumbprint. */
export async function storeImported(store: KeyStore, keys: readonly KeyMaterial[]): Promise<ImportedKey[]> {
  const stored = (await store.list()).flatMap(e => (e.kind === 'key' ? [e.facts] : []));
  const out: ImportedKey[] = [];
  const fresh: KeyMaterial[] = [];
  for (const key of keys) {
    const print = await thumbprint(key);
    const same = stored.find(f => f.thumbprint === print);
    if (!same) {
      fresh.push(key);
    } else if (key.certificatePem && key.kty !== 'oct') {
      const facts = await store.attachCertificate(same.id, key.certificatePem);
      out.push({ id: facts.id, kid: facts.kid, status: 'certificate-attached' });
    } else {
      out.push({ id: same.id, kid: same.kid, status: 'already-stored' });
    }
  }
  for (const facts of await store.add(fresh)) out.push({ id: facts.id, kid: facts.kid, status: 'added' });
  return out;
}

function summary(results: readonly ImportedKey[], store: KeyStore): string {
  const name = (r: ImportedKey): string => `"${store.facts(r.id)?.label ?? r.kid}"`;
  const parts: string[] = [];
  const added = results.filter(r => r.status === 'added');
  const attached = results.filter(r => r.status === 'certificate-attached');
  const existing = results.filter(r => r.status === 'already-stored');
  if (added.length) parts.push(`Imported ${added.length === 1 ? `the key ${name(added[0] as ImportedKey)}` : `${added.length} keys`}.`);
  if (attached.length) parts.push(`Attached the certificate to ${attached.map(name).join(', ')}.`);
  if (existing.length) parts.push(`${existing.length === 1 ? `${name(existing[0] as ImportedKey)} is` : `${existing.length} keys are`} already stored.`);
  return parts.join(' ');
}

/** Text or bytes to import, from where the person chooses; undefined when cancelled. */
async function chooseInput(): Promise<{ input: string | Uint8Array; label?: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  const sources = [
    { label: '$(file) From a File…', source: 'file' as const },
    { label: '$(clippy) From the Clipboard', source: 'clipboard' as const },
    ...(selection ? [{ label: '$(selection) From the Editor Selection', source: 'selection' as const }] : []),
  ];
  const picked = await vscode.window.showQuickPick(sources, { placeHolder: 'Import a PEM key or certificate, a JWK or a JWK Set from…' });
  if (!picked) return undefined;
  if (picked.source === 'clipboard') return { input: await vscode.env.clipboard.readText() };
  if (picked.source === 'selection' && selection !== undefined) return { input: selection };
  const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: FILE_FILTERS, title: 'Import a key or certificate' })) ?? [];
  if (!uri) return undefined;
  const name = uri.path.split('/').pop() ?? '';
  return { input: await vscode.workspace.fs.readFile(uri), label: name.replace(/\.[^.]+$/, '') || undefined };
}

/** importKey, asking for the passphrase while it is missing or wrong (never showing what was typed). */
async function importAsking(input: string | Uint8Array, label: string | undefined): Promise<KeyMaterial[] | undefined> {
  let passphrase: string | undefined;
  for (;;) {
    try {
      return await importKey(input, { ...(passphrase !== undefined ? { passphrase } : {}), ...(label ? { label } : {}) });
    } catch (e) {
      if (!isWorkbenchError(e, 'KEY_PASSPHRASE_REQUIRED') && !isWorkbenchError(e, 'KEY_PASSPHRASE_WRONG')) throw e;
      passphrase = await askPassphrase('Passphrase of the encrypted key', e.code === 'KEY_PASSPHRASE_WRONG' ? { problem: e.message } : {});
      if (passphrase === undefined) return undefined;
    }
  }
}

export function registerImportCommand(store: KeyStore, log: Logger): vscode.Disposable {
  return registerKeyCommand(Command.keysImport, log, async call => {
    let keys: KeyMaterial[] | undefined;
    if (call.auto) {
      const text = optionalText(call.args, 'text');
      const path = optionalText(call.args, 'path');
      const passphrase = optionalText(call.args, 'passphrase');
      const label = optionalText(call.args, 'label');
      if ((text === undefined) === (path === undefined)) {
        throw new WorkbenchError('OPTION_INVALID', 'Give either "text" (the key itself) or "path" (a key file), not both and not neither.');
      }
      const input = text ?? await readFileByPath(path ?? '');
      keys = await importKey(input, { ...(passphrase !== undefined ? { passphrase } : {}), ...(label ? { label } : {}) });
    } else {
      const chosen = await chooseInput();
      if (!chosen) return undefined;
      keys = await importAsking(chosen.input, chosen.label);
      if (!keys) return undefined;
    }
    const results = await storeImported(store, keys);
    if (!call.auto) void vscode.window.showInformationMessage(summary(results, store));
    return results;
  });
}
