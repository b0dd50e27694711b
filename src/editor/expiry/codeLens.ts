/**
 * A CodeLens above each token ("JWT · RS256 · expires in 12 min") that decodes it in one click.
 * Tokens come from the shared per-document cache; titles are recomputed when asked (time passes).
 */
import * as vscode from 'vscode';
import { Command } from '../../commands';
import type { DocumentTokens } from './documentTokens';
import type { TokenRef } from '../tokenRef';
import type { DecodeSettingsWatcher } from '../settings';
import { lensTitle } from './tokenIndex';

/** Lenses while `jwtWorkbench.codeLens.enabled` is on and the document is within `maxDocumentSize`. */
export class TokenCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly tokens: DocumentTokens,
  ) {
    this.subscription = settings.onDidChange(() => this.emitter.fire());
  }

  /** Asks VS Code to ask again (e.g. when a token's status changes as time passes). */
  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, cancel: vscode.CancellationToken): vscode.CodeLens[] {
    const settings = this.settings.current;
    if (!settings.codeLensEnabled || cancel.isCancellationRequested) return [];
    const found = this.tokens.get(document, settings.maxDocumentSize);
    if (!found) return [];
    const now = new Date();
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (const t of found) {
      if (cancel.isCancellationRequested) return [];
      const start = document.positionAt(t.start);
      const ref: TokenRef = { uri, offset: t.start };
      lenses.push(new vscode.CodeLens(new vscode.Range(start, start), {
        title: lensTitle(t, now),
        tooltip: 'Decode this token beside the editor',
        command: Command.decodeToken,
        arguments: [ref],
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
