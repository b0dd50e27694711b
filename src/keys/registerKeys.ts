/**
 * The Keys surface: the store (the one shared service the panel and connected-app profiles use), the
 * tree provider and every Keys command. Nothing is read at activation: the store loads when the view
 * is first drawn or a command runs.
 */
import type * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerBackupCommands, type BackupParticipant } from './backupCommands';
import { registerCertificateCommands } from './certificateCommands';
import { registerExportCommands } from './exportCommands';
import { registerImportCommand } from './importCommand';
import { registerKeyCommands } from './keyCommands';
import { KeyStore } from './keyStore';
import { KeyTreeProvider } from './keyTree';

export class KeysSurface extends Disposable {
  readonly store: KeyStore;
  readonly tree: KeyTreeProvider;

  constructor(context: Pick<vscode.ExtensionContext, 'secrets' | 'globalState'>, logger: Logger, backup?: BackupParticipant) {
    super();
    const log = logger.scoped('keys');
    this.store = this._register(new KeyStore(context.secrets, context.globalState, log));
    this.tree = this._register(new KeyTreeProvider(this.store));
    for (const d of [
      ...registerKeyCommands(this.store, log),
      registerImportCommand(this.store, log),
      ...registerExportCommands(this.store, log),
      ...registerCertificateCommands(this.store, log),
      ...registerBackupCommands(this.store, log, backup),
    ]) this._register(d);
  }
}

/**
 * Registers the Keys surface; push it into `context.subscriptions` and give `keys.tree` to the view.
 * `backup` adds another store's data (connected-app profiles) to the backup file and its restore.
 * @example const keys = registerKeys(context, log, profileBackup(profiles)); registerViews(keys.tree, …);
 */
export function registerKeys(context: Pick<vscode.ExtensionContext, 'secrets' | 'globalState'>, log: Logger, backup?: BackupParticipant): KeysSurface {
  return new KeysSurface(context, log, backup);
}
