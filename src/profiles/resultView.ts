/**
 * The result of a profile's last request as a read-only virtual document, with its actions as CodeLens
 * on the first line: Reveal/Hide, Copy, Copy as curl, Insert Authorization Header, Decode, Request Again.
 *
 * A virtual document rather than a webview: it is read-only by construction, needs no CSP or message
 * protocol to secure, gets the editor's fonts, theme, search and screen-reader support for free, and its
 * actions are the same commands the palette and automation use. The revealed token exists only in memory
 * (a custom-scheme document is never saved or backed up).
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { Disposable } from '../lifecycle';
import type { ProfileStore } from './profileStore';
import { isJwt, renderResult } from './resultText';

export const RESULT_SCHEME = 'jwt-workbench-result';

export class ResultView extends Disposable implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly revealed = new Set<string>();

  constructor(private readonly store: ProfileStore) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: RESULT_SCHEME }, this));
    this._register(store.onDidChange(({ ids }) => this.refresh(ids)));
  }

  uriOf(id: string): vscode.Uri {
    const name = (this.store.get(id)?.name ?? 'profile').replace(/[^\w .-]+/g, '_');
    return vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${name} — token`, query: id });
  }

  async show(id: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument(this.uriOf(id));
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  isRevealed(id: string): boolean {
    return this.revealed.has(id);
  }

  setRevealed(id: string, on: boolean): void {
    if (on) this.revealed.add(id);
    else this.revealed.delete(id);
    this.refresh([id]);
  }

  private refresh(ids: string[]): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === RESULT_SCHEME && ids.includes(doc.uri.query)) this.changed.fire(doc.uri);
    }
    this.lensesChanged.fire();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const stored = this.store.get(uri.query);
    if (!stored) return 'This connected-app profile was deleted.\n';
    return renderResult(stored, await this.store.token(stored.id), this.revealed.has(stored.id), new Date());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const id = doc.uri.query;
    const stored = this.store.get(id);
    if (!stored) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, command: string): vscode.CodeLens => new vscode.CodeLens(top, { title, command, arguments: [{ id }] });
    const lenses = [lens('$(refresh) Request New Token', Command.profilesRequestToken)];
    const token = stored.last?.summary.ok ? await this.store.token(id) : undefined;
    if (token) {
      lenses.push(
        lens(this.revealed.has(id) ? '$(eye-closed) Hide' : '$(eye) Reveal', Command.profilesRevealToken),
        lens('$(copy) Copy', Command.profilesCopyAccessToken),
        lens('$(terminal) Copy as curl', Command.profilesCopyAsCurl),
        lens('$(insert) Insert Authorization Header', Command.profilesInsertAuthorizationHeader),
      );
      if (isJwt(token.accessToken)) lenses.push(lens('$(json) Decode', Command.profilesDecodeAccessToken));
    }
    return lenses;
  }
}
