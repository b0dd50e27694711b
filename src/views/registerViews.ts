import * as vscode from 'vscode';
import type { KeyNode } from '../keys/keyTreeModel';
import type { ProfileNode } from '../profiles/profileTree';

/**
 * The sidebar's two views: Keys drawn by the key store's tree provider, Connected Apps by the profile
 * store's. Either, when empty, shows its `viewsWelcome` content (package.json).
 */
export function registerViews(keys: vscode.TreeDataProvider<KeyNode>, connectedApps: vscode.TreeDataProvider<ProfileNode>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.createTreeView('jwtWorkbench.keys', { treeDataProvider: keys, showCollapseAll: false }),
    vscode.window.createTreeView('jwtWorkbench.connectedApps', { treeDataProvider: connectedApps }),
  );
}
