import * as vscode from 'vscode';
import { Command } from './commands';
import { createLogger } from './log';
import { registerEditor } from './editor/registerEditor';
import { createEngineServices } from './engineServices';
import { registerKeys } from './keys/registerKeys';
import { registerPanel } from './panel/registerPanel';
import { catalogFromStore } from './panel/keyCatalog';
import { profileBackup } from './profiles/profileBackup';
import { createProfileStore, registerProfiles } from './profiles/registerProfiles';
import { registerViews } from './views/registerViews';

/**
 * The composition root: it registers each surface and hands every disposable to
 * `context.subscriptions`. No work happens here beyond registering — decoding, keys and
 * network calls start only when a person asks for them.
 */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('JWT Workbench', { log: true });
  const log = createLogger(channel);
  const profileStore = createProfileStore(context);
  const keys = registerKeys(context, log, profileBackup(profileStore));
  // One resolver and certificate cache for every surface (the sign/verify panel takes the same object).
  const engine = createEngineServices(keys.store);
  const profiles = registerProfiles(profileStore, keys.store, engine, log);
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand(Command.showLog, () => log.show()),
    keys,
    engine,
    profileStore,
    profiles,
    registerViews(keys.tree, profiles.tree),
    registerEditor(log),
    registerPanel(context, log, { catalog: catalogFromStore(keys.store), resolver: engine.resolver }),
  );
  const mode = context.extensionMode === vscode.ExtensionMode.Test ? 'test' : 'normal';
  log.info(`activated (${mode} mode) in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
