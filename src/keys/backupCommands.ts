/**
 * *Back Up Keys…* and *Restore Keys…*: SecretStorage is not carried by Settings Sync and, on Linux
 * without a keyring, lasts only as long as VS Code runs — a passphrase-encrypted file is how keys move
 * and survive. Restore skips keys already stored (same RFC 7638 thumbprint) and says how many it added.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { isWorkbenchError, thumbprint } from '../core';
import type { Logger } from '../log';
import { MIN_PASSPHRASE_LENGTH, checkPassphrase, readBackup, writeBackup, type BackupContents, type BackupKey } from './backupFormat';
import type { KeyFacts } from './keyEntry';
import type { KeyStore } from './keyStore';
import { text } from '../common/invocation';
import { registerKeyCommand } from './invocation';
import { askPassphrase, readFileByPath, writeFileByPath } from './keyUi';

/**
 * Another store whose data rides in the backup (connected-app profiles): it names keys by RFC 7638
 * thumbprint, because a restored key gets a new id.
 */
export interface BackupParticipant {
  collect(thumbprintOf: (keyId: string) => string | undefined): Promise<unknown[]>;
  restore(items: readonly unknown[], keyOf: (thumbprint: string) => KeyFacts | undefined): Promise<{ added: number; skipped: number }>;
}

const thumbprintOf = (store: KeyStore) => (keyId: string): string | undefined => store.facts(keyId)?.thumbprint;
function keyOf(store: KeyStore): (print: string) => KeyFacts | undefined {
  const byPrint = new Map(store.snapshot().flatMap(e => (e.kind === 'key' ? [[e.facts.thumbprint, e.facts] as const] : [])));
  return print => byPrint.get(print);
}

/** Every readable key, with how many entries could not be read (they cannot be backed up). */
async function collect(store: KeyStore): Promise<{ keys: BackupKey[]; unreadable: number }> {
  const entries = await store.list();
  const keys: BackupKey[] = [];
  let unreadable = entries.filter(e => e.kind === 'unreadable').length;
  for (const e of entries) {
    if (e.kind !== 'key') continue;
    const stored = await store.get(e.facts.id).catch(() => undefined);
    if (stored) keys.push({ created: stored.facts.created, key: stored.key });
    else unreadable++;
  }
  return { keys, unreadable };
}

/** Adds the keys of a backup that are not stored yet. */
async function restoreInto(store: KeyStore, contents: BackupContents): Promise<{ added: number; skipped: number; invalid?: number }> {
  const present = new Set((await store.list()).flatMap(e => (e.kind === 'key' ? [e.facts.thumbprint] : [])));
  let added = 0;
  let skipped = 0;
  for (const { key, created } of contents.keys) {
    const print = await thumbprint(key);
    if (present.has(print)) {
      skipped++;
      continue;
    }
    const date = new Date(created);
    await store.add([key], Number.isNaN(date.getTime()) ? new Date() : date);
    present.add(print);
    added++;
  }
  return { added, skipped, ...(contents.invalid > 0 ? { invalid: contents.invalid } : {}) };
}

/** Asks for a new passphrase twice; undefined when cancelled. */
async function newPassphrase(): Promise<string | undefined> {
  let problem: string | undefined;
  for (;;) {
    const first = await askPassphrase(`Passphrase for the backup (at least ${MIN_PASSPHRASE_LENGTH} characters; without it the file cannot be read)`, { minLength: MIN_PASSPHRASE_LENGTH, ...(problem ? { problem } : {}) });
    if (first === undefined) return undefined;
    const second = await askPassphrase('Type the passphrase again', { minLength: 1 });
    if (second === undefined) return undefined;
    if (first === second) return first;
    problem = 'The two passphrases differ.';
  }
}

export function registerBackupCommands(store: KeyStore, log: Logger, profiles?: BackupParticipant): vscode.Disposable[] {
  const profilesOf = async (): Promise<unknown[]> => (profiles ? profiles.collect(thumbprintOf(store)) : []);
  const backup = registerKeyCommand(Command.keysBackup, log, async call => {
    if (call.auto) {
      const path = text(call.args, 'path');
      const passphrase = text(call.args, 'passphrase');
      checkPassphrase(passphrase);
      const { keys, unreadable } = await collect(store);
      const saved = await profilesOf();
      const uri = await writeFileByPath(path, await writeBackup(keys, saved, passphrase));
      log.info(`backed up ${keys.length} key(s) and ${saved.length} profile(s)`);
      return { path: uri.toString(), keys: keys.length, profiles: saved.length, ...(unreadable > 0 ? { unreadable } : {}) };
    }
    if ((await store.list()).length === 0 && (await profilesOf()).length === 0) {
      void vscode.window.showInformationMessage('There are no keys to back up yet.');
      return undefined;
    }
    const passphrase = await newPassphrase();
    if (passphrase === undefined) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Back up the keys to',
      filters: { 'JWT Workbench backup': ['jwe'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `jwt-workbench-keys-${new Date().toISOString().slice(0, 10)}.jwe`) } : {}),
    });
    if (!target) return undefined;
    const { keys, unreadable } = await collect(store);
    const saved = await profilesOf();
    const content = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Encrypting ${keys.length} key(s)` },
      () => writeBackup(keys, saved, passphrase),
    );
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    log.info(`backed up ${keys.length} key(s) and ${saved.length} profile(s)`);
    void vscode.window.showInformationMessage(
      `Backed up ${keys.length} key(s) and ${saved.length} connected-app profile(s) to ${vscode.workspace.asRelativePath(target)}.${unreadable > 0 ? ` ${unreadable} unreadable entr${unreadable === 1 ? 'y was' : 'ies were'} left out.` : ''} Keep the passphrase: without it the file cannot be read.`,
    );
    return { path: target.toString(), keys: keys.length };
  });

  const restore = registerKeyCommand(Command.keysRestore, log, async call => {
    let contents: BackupContents | undefined;
    if (call.auto) {
      const path = text(call.args, 'path');
      const passphrase = text(call.args, 'passphrase');
      contents = await readBackup(new TextDecoder().decode(await readFileByPath(path)), passphrase);
    } else {
      const [uri] = (await vscode.window.showOpenDialog({ title: 'Restore keys from', canSelectMany: false, filters: { 'JWT Workbench backup': ['jwe'], 'All files': ['*'] } })) ?? [];
      if (!uri) return undefined;
      const fileText = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      let problem: string | undefined;
      while (!contents) {
        const passphrase = await askPassphrase('Passphrase of the backup', problem ? { problem } : {});
        if (passphrase === undefined) return undefined;
        try {
          contents = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Decrypting the backup' }, () => readBackup(fileText, passphrase));
        } catch (e) {
          if (!isWorkbenchError(e, 'DECRYPTION_FAILED')) throw e;
          problem = e.message.replace(' Nothing was restored.', '');
        }
      }
    }
    const keysResult = await restoreInto(store, contents);
    await store.settled();
    // After the keys: restored profiles find their restored key by thumbprint.
    const profilesResult = profiles && contents.profiles.length > 0 ? await profiles.restore(contents.profiles, keyOf(store)) : undefined;
    const result = { ...keysResult, ...(profilesResult ? { profiles: profilesResult } : {}) };
    log.info(`restored keys: ${result.added} added, ${result.skipped} already stored${profilesResult ? `; profiles: ${profilesResult.added} added, ${profilesResult.skipped} already present` : ''}`);
    if (!call.auto) {
      const invalid = result.invalid ? ` ${result.invalid} entr${result.invalid === 1 ? 'y' : 'ies'} could not be read.` : '';
      const profileWords = profilesResult ? ` Profiles: ${profilesResult.added} added, ${profilesResult.skipped} already present.` : '';
      void vscode.window.showInformationMessage(`Restored ${result.added} key(s); skipped ${result.skipped} already stored.${invalid}${profileWords}`);
    }
    return result;
  });

  return [backup, restore];
}
