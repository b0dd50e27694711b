import * as vscode from 'vscode';
import type { KeyNode } from '../keys/keyTreeModel';

/**
 * The sidebar's two views. Keys is drawn by the key store's tree provider; Connected Apps holds no
 * items until its store lands, so VS Code shows its `viewsWelcome` content (package.json) instead.
 * An empty Keys view shows its welcome content too.
 */
export function registerViews(keys: vscode.TreeDataProvider<KeyNode>): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = {
    getTreeItem: (item: never) => item,
    getChildren: () => [],
  };
  return vscode.Disposable.from(
    vscode.window.createTreeView('jwtWorkbench.keys', { treeDataProvider: keys, showCollapseAll: false }),
    vscode.window.createTreeView('jwtWorkbench.connectedApps', { treeDataProvider: empty }),
  );
}
