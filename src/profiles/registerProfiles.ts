/**
 * The Connected Apps surface: the profile store, the tree, the result view and every profile command.
 * Nothing is requested at activation: the network is used only when a person (or automation) asks.
 */
import type * as vscode from 'vscode';
import type { EngineServices } from '../engineServices';
import type { KeyStore } from '../keys/keyStore';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { registerProfileCommands } from './profileCommands';
import { ProfileStore } from './profileStore';
import { ProfileTreeProvider } from './profileTree';
import { registerRequestCommands } from './requestCommands';
import { ResultView } from './resultView';
import { TokenService } from './tokenService';

export class ProfilesSurface extends Disposable {
  readonly tree: ProfileTreeProvider;

  constructor(readonly store: ProfileStore, keys: KeyStore, engine: EngineServices, logger: Logger) {
    super();
    const log = logger.scoped('profiles');
    this.tree = this._register(new ProfileTreeProvider(store));
    const view = this._register(new ResultView(store));
    const tokens = new TokenService(store, keys, engine, log);
    for (const d of [...registerProfileCommands(store, keys, log), ...registerRequestCommands(store, tokens, view, log)]) this._register(d);
  }
}

/** The store comes first (the Keys backup includes profiles); the surface once the Keys store exists. */
export function createProfileStore(context: Pick<vscode.ExtensionContext, 'secrets' | 'globalState'>): ProfileStore {
  return new ProfileStore(context.secrets, context.globalState);
}

export function registerProfiles(store: ProfileStore, keys: KeyStore, engine: EngineServices, log: Logger): ProfilesSurface {
  return new ProfilesSurface(store, keys, engine, log);
}
