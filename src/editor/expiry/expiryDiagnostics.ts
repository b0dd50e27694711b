/**
 * Diagnostics for expired and not-yet-valid tokens. Documents are scanned on open and on change
 * (debounced); as time passes, statuses are recomputed from the cached tokens when the next exp/nbf
 * is reached — one timer for all documents, no periodic rescan.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../lifecycle';
import type { Logger } from '../../log';
import type { DocumentTokens } from './documentTokens';
import type { DecodeSettingsWatcher } from '../settings';
import { ExpiryTimer } from './expiryTimer';
import { expiryProblem, tokenState, type IndexedToken } from './tokenIndex';

/** The diagnostic collection's name and every diagnostic's source. */
export const DIAGNOSTIC_COLLECTION = 'jwtWorkbench';
export const DIAGNOSTIC_SOURCE = 'JWT Workbench';

const CHANGE_DELAY_MS = 300;

/** Keeps the `jwtWorkbench` diagnostics of open documents up to date. */
export class ExpiryDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION));
  /** Documents with diagnostics-relevant tokens, by URI string, and the timer for their next exp/nbf. */
  private readonly tracked = this._register(new ExpiryTimer<{ document: vscode.TextDocument; tokens: IndexedToken[] }>(() => this.tick()));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly tokens: DocumentTokens,
    private readonly log: Logger,
    /** Called after statuses were recomputed because time passed (CodeLens titles refresh too). */
    private readonly onTick: () => void = () => undefined,
  ) {
    super();
    this._register({ dispose: () => this.pending.forEach(t => clearTimeout(t)) });
    this._register(vscode.workspace.onDidOpenTextDocument(d => this.update(d)));
    this._register(vscode.workspace.onDidChangeTextDocument(e => this.debounce(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument(d => this.forget(d.uri)));
    this._register(settings.onDidChange(() => this.updateAll()));
    // Documents already open are scanned after activation returns: activation only registers.
    const initial = setTimeout(() => this.updateAll(), 0);
    this._register({ dispose: () => clearTimeout(initial) });
  }

  /** Rescans every open document (settings changed, or at start). */
  updateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  /** Scans `document` (through the cache) and sets its diagnostics. */
  update(document: vscode.TextDocument): void {
    const settings = this.settings.current;
    const found = settings.diagnosticsEnabled ? this.tokens.get(document, settings.maxDocumentSize) : undefined;
    const key = document.uri.toString();
    if (!found || found.length === 0) {
      this.forget(document.uri);
      return;
    }
    this.tracked.set(key, { document, tokens: found });
    this.publish(document, found, new Date());
  }

  private publish(document: vscode.TextDocument, found: readonly IndexedToken[], now: Date): void {
    const { diagnosticsSeverity, timeZone } = this.settings.current;
    const diagnostics: vscode.Diagnostic[] = [];
    for (const t of found) {
      const message = expiryProblem(t, now, timeZone);
      if (!message) continue;
      const range = new vscode.Range(document.positionAt(t.start), document.positionAt(t.end));
      const d = new vscode.Diagnostic(range, message, diagnosticsSeverity);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = tokenState(t, now.getTime());
      diagnostics.push(d);
    }
    this.collection.set(document.uri, diagnostics);
  }

  private debounce(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) this.update(document);
    }, CHANGE_DELAY_MS));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.tracked.delete(key);
    this.collection.delete(uri);
  }

  /** Time passed (the timer reschedules itself): recompute every tracked document's diagnostics from its cached tokens. */
  private tick(): void {
    const now = new Date();
    for (const { document, tokens } of this.tracked.values()) this.publish(document, tokens, now);
    this.log.trace(`token statuses recomputed for ${this.tracked.size} document(s)`);
    this.onTick();
  }
}
