/**
 * The Connected Apps view: one row per profile — the kind's icon, the name, the kind and the last result
 * (*token 4 min ago*, *failed: audience is invalid*). Drawn from globalState only (no secret read); the
 * "ago" words are refreshed each minute while rows are shown.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { Disposable } from '../lifecycle';
import { KIND_ICONS, KIND_SHORT, PROFILE_KIND_LABELS, lastResultWords, summaryLine, type StoredProfile } from './profileModel';
import type { ProfileStore } from './profileStore';

/** A row of the view; menus and CodeLens pass it back to the commands (which then prompt as needed). */
export class ProfileNode {
  constructor(readonly id: string) {}
}

/** `profile.<kind>`, matched by `viewItem =~ /^profile\./` in package.json. */
export function contextValueOf(stored: StoredProfile): string {
  return `profile.${stored.profile.kind}${stored.last?.summary.ok ? '.token' : ''}`;
}

export class ProfileTreeProvider extends Disposable implements vscode.TreeDataProvider<ProfileNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ProfileNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly store: ProfileStore, private readonly now: () => Date = () => new Date()) {
    super();
    this._register(store.onDidChange(() => this.refresh()));
    const timer = setInterval(() => {
      if (this.store.list().some(p => p.last)) this.refresh();
    }, 60_000);
    this._register({ dispose: () => clearInterval(timer) });
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ProfileNode): vscode.TreeItem {
    const stored = this.store.get(node.id);
    if (!stored) return new vscode.TreeItem('(deleted)');
    const item = new vscode.TreeItem(stored.name, vscode.TreeItemCollapsibleState.None);
    item.id = stored.id;
    const failed = stored.last && !stored.last.summary.ok;
    item.description = `${KIND_SHORT[stored.profile.kind]} · ${lastResultWords(stored, this.now())}`;
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[stored.profile.kind], failed ? new vscode.ThemeColor('problemsErrorIcon.foreground') : undefined);
    item.contextValue = contextValueOf(stored);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`${stored.name} — ${PROFILE_KIND_LABELS[stored.profile.kind]}\n`);
    if (stored.last) tooltip.appendCodeblock(summaryLine(stored.last.summary), 'text');
    item.tooltip = tooltip;
    item.command = { command: Command.profilesShowResult, title: 'Show Result', arguments: [node] };
    return item;
  }

  getChildren(node?: ProfileNode): ProfileNode[] {
    return node ? [] : this.store.list().map(p => new ProfileNode(p.id));
  }
}
