import * as vscode from 'vscode';

/**
 * The sidebar's two views, Keys and Connected Apps. Until their stores land they hold no items,
 * so VS Code shows each view's `viewsWelcome` content (declared in package.json) in their place.
 */
export function registerViews(): vscode.Disposable {
  const empty: vscode.TreeDataProvider<never> = {
    getTreeItem: (item: never) => item,
    getChildren: () => [],
  };
  return vscode.Disposable.from(
    vscode.window.createTreeView('jwtWorkbench.keys', { treeDataProvider: empty }),
    vscode.window.createTreeView('jwtWorkbench.connectedApps', { treeDataProvider: empty }),
  );
}
