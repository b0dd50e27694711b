/**
 * Diagnostics for expired and not-yet-valid tokens. Documents are scanned on open and on change
 * (debounced); as time passes, statuses are recomputed from the cached tokens when the next exp/nbf
 * is reached — one timer for all documents, no periodic rescan.
 */
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { DocumentTokens } from './documentTokens';
import type { DecodeSettingsWatcher } from './settings';
import { expiryProblem, nextStateChange, tokenState, type IndexedToken } from './tokenIndex';

/** The diagnostic collection's name and every diagnostic's source. */
export const DIAGNOSTIC_COLLECTION = 'jwtWorkbench';
export const DIAGNOSTIC_SOURCE = 'JWT Workbench';

const CHANGE_DELAY_MS = 300;
// setTimeout overflows above 2^31 − 1 ms; and relative wording ("expired 3 h ago") should not get
// too stale, so statuses are recomputed (from cache) at least hourly.
const MAX_TIMER_MS = 60 * 60 * 1000;

/** Keeps the `jwtWorkbench` diagnostics of open documents up to date. */
export class ExpiryDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION);
  /** Documents with diagnostics-relevant tokens, by URI string. */
  private readonly tracked = new Map<string, { document: vscode.TextDocument; tokens: IndexedToken[] }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly tokens: DocumentTokens,
    private readonly log: Logger,
    /** Called after statuses were recomputed because time passed (CodeLens titles refresh too). */
    private readonly onTick: () => void = () => undefined,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument(d => this.update(d)),
      vscode.workspace.onDidChangeTextDocument(e => this.debounce(e.document)),
      vscode.workspace.onDidCloseTextDocument(d => this.forget(d.uri)),
      settings.onDidChange(() => this.updateAll()),
    ];
    // Documents already open are scanned after activation returns: activation only registers.
    const initial = setTimeout(() => this.updateAll(), 0);
    this.subscriptions.push({ dispose: () => clearTimeout(initial) });
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
    this.schedule();
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

  /** One timer, for the nearest exp/nbf still ahead in any tracked document (at most an hour away). */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const nowMs = Date.now();
    let next: number | undefined;
    for (const { tokens } of this.tracked.values()) {
      const at = nextStateChange(tokens, nowMs);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    if (this.tracked.size === 0) return;
    const delay = Math.min(MAX_TIMER_MS, next === undefined ? MAX_TIMER_MS : next - nowMs + 50);
    this.timer = setTimeout(() => this.tick(), Math.max(0, delay));
  }

  /** Time passed: recompute every tracked document's diagnostics from its cached tokens. */
  private tick(): void {
    this.timer = undefined;
    const now = new Date();
    for (const { document, tokens } of this.tracked.values()) this.publish(document, tokens, now);
    this.log.trace(`token statuses recomputed for ${this.tracked.size} document(s)`);
    this.onTick();
    this.schedule();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const t of this.pending.values()) clearTimeout(t);
    this.subscriptions.forEach(s => s.dispose());
    this.collection.dispose();
    this.tracked.clear();
  }
}
