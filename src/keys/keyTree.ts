/**
 * The Keys view's data provider: rows from the store's public facts (no secret is read to draw the
 * tree), refreshed whenever the store changes — here or in another window.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { Disposable } from '../lifecycle';
import type { KeyStore } from './keyStore';
import { KeyNode, childNodes, describeNode, rootNodes } from './keyTreeModel';

export class KeyTreeProvider extends Disposable implements vscode.TreeDataProvider<KeyNode> {
  private readonly changed = this._register(new vscode.EventEmitter<KeyNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: KeyStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    this._register(store.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: KeyNode): vscode.TreeItem {
    const row = describeNode(node, this.now());
    const item = new vscode.TreeItem(row.label, row.expandable ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = row.itemId;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.iconColor ? new vscode.ThemeColor(row.iconColor) : undefined);
    item.contextValue = row.contextValue;
    if (node.kind === 'certificate') {
      item.command = { command: Command.keysShowCertificate, title: 'Show Certificate', arguments: [node] };
    }
    return item;
  }

  async getChildren(node?: KeyNode): Promise<KeyNode[]> {
    return node ? childNodes(node) : rootNodes(await this.store.list());
  }

  getParent(node: KeyNode): KeyNode | undefined {
    if (node.kind !== 'certificate' || !node.facts) return undefined;
    return KeyNode.key(node.facts);
  }
}
