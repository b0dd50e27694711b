/**
 * Two CodeLenses above each token: "JWT · RS256 · expires in 12 min", which decodes it beside the editor,
 * and "Sign/Verify", which opens it in the sign/verify panel (whose Insert into Editor then replaces it
 * here). VS Code has no CodeLens menu, so each action is its own lens on the same range.
 * Providing only places the lenses (tokens come from the shared per-document cache, found but not
 * decoded); VS Code resolves the lenses on screen, and only those are decoded and titled — so a log
 * with ten thousand tokens costs one regex pass, not ten thousand decodes. Titles are recomputed when
 * asked again (time passes).
 */
import * as vscode from 'vscode';
import { Command } from '../../commands';
import type { TokenMatch } from '../../core/find';
import { Disposable } from '../../lifecycle';
import type { DecodeSettingsWatcher } from '../settings';
import type { TokenRef } from '../tokenRef';
import type { DocumentTokens } from './documentTokens';
import { indexToken, lensTitle } from './tokenIndex';

/** What a lens does: decode the token beside the editor, or open it in the sign/verify panel. */
type LensAction = 'decode' | 'panel';

/** A lens placed above a token, titled when resolved. */
class TokenLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly action: LensAction,
    readonly match: TokenMatch,
    readonly ref: TokenRef,
  ) {
    super(range);
  }
}

/** The panel lens's title: short, as it sits beside the status lens on every token line. */
const PANEL_LENS_TITLE = '$(edit) Sign/Verify';

/** Lenses while `jwtWorkbench.codeLens.enabled` is on and the document is within `maxDocumentSize`. */
export class TokenCodeLensProvider extends Disposable implements vscode.CodeLensProvider<TokenLens> {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());

  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly tokens: DocumentTokens,
  ) {
    super();
    this._register(settings.onDidChange(() => this.emitter.fire()));
  }

  /** Asks VS Code to ask again (e.g. when a token's status changes as time passes). */
  refresh(): void {
    this.emitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument, cancel: vscode.CancellationToken): TokenLens[] {
    const settings = this.settings.current;
    if (!settings.codeLensEnabled || cancel.isCancellationRequested) return [];
    const found = this.tokens.find(document, settings.maxDocumentSize);
    if (!found) return [];
    const uri = document.uri.toString();
    const lenses: TokenLens[] = [];
    for (const match of found) {
      if (cancel.isCancellationRequested) return [];
      const start = document.positionAt(match.start);
      const range = new vscode.Range(start, start);
      const ref: TokenRef = { uri, offset: match.start };
      lenses.push(new TokenLens(range, 'decode', match, ref), new TokenLens(range, 'panel', match, ref));
    }
    return lenses;
  }

  resolveCodeLens(lens: TokenLens): TokenLens {
    // The hover's "Open in sign/verify panel" link runs the same command with the same reference.
    lens.command = lens.action === 'panel'
      ? { title: PANEL_LENS_TITLE, tooltip: 'Open this token in the sign/verify panel (Insert into Editor replaces it here)', command: Command.openInPanel, arguments: [lens.ref] }
      : { title: lensTitle(indexToken(lens.match), new Date()), tooltip: 'Decode this token beside the editor', command: Command.decodeToken, arguments: [lens.ref] };
    return lens;
  }
}
