/**
 * Read-only `jwt-decoded:` documents showing a decoded token beside the editor. A view decoded from a
 * document follows that document while it is open: edits move its offset, and the view is re-rendered
 * (debounced). When the source closes the view keeps what it shows (a later document may reuse the
 * URI, e.g. `untitled:Untitled-1`); when the view closes its entry is dropped.
 */
import * as vscode from 'vscode';
import { Disposable } from '../../lifecycle';
import type { Logger } from '../../log';
import { renderDecodedDocument } from './decodedText';
import type { TokenRef } from '../tokenRef';
import type { DecodeSettingsWatcher } from '../settings';
import { documentName, originOf, tokenAtPosition, type TokenTarget } from '../cursor/tokenTarget';

/** The URI scheme of decoded views. */
export const DECODED_SCHEME = 'jwt-decoded';

interface Entry {
  token: string;
  origin: string;
  source?: TokenRef;
  /** Set when the source no longer has a token at the tracked place. */
  gone?: boolean;
}

const REFRESH_DELAY_MS = 150;
// Changing a document's language closes and reopens it: an entry is dropped only if its view stays closed.
const RELEASE_DELAY_MS = 1000;

/** The content provider and registry of decoded views. */
export class DecodedDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  /** Debounced re-renders, by view URI. */
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** Entries whose view closed, dropped when the timer fires (unless reopened), by view URI. */
  private readonly releasing = new Map<string, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly log: Logger,
  ) {
    super();
    this._register({
      dispose: () => {
        this.pending.forEach(t => clearTimeout(t));
        this.releasing.forEach(t => clearTimeout(t));
        this.entries.clear();
      },
    });
    this._register(vscode.workspace.registerTextDocumentContentProvider(DECODED_SCHEME, this));
    this._register(vscode.workspace.onDidChangeTextDocument(e => this.sourceChanged(e)));
    this._register(vscode.workspace.onDidCloseTextDocument(d => this.closed(d)));
    this._register(settings.onDidChange(() => {
      for (const key of this.entries.keys()) this.emitter.fire(vscode.Uri.parse(key));
    }));
  }

  /** Opens (or refreshes) the decoded view of `target` beside the active editor; returns its URI. */
  async open(target: TokenTarget): Promise<vscode.Uri> {
    const uri = this.uriFor(target);
    const key = uri.toString();
    this.cancelRelease(key);
    this.entries.set(key, { token: target.token, origin: target.origin, ...(target.ref ? { source: { ...target.ref } } : {}) });
    this.emitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'jsonc') await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    this.log.info(`decoded view opened (${target.token.length} characters, ${target.ref ? 'from a document' : 'pasted'})`);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.entries.get(uri.toString());
    if (!entry) return '// This decoded view is no longer available: decode the token again.\n{}\n';
    this.follow(entry);
    if (entry.gone) {
      return `// The token that was at ${entry.origin} is no longer there (it was edited or removed).\n// Decode it again where it is now.\n{}\n`;
    }
    return renderDecodedDocument(entry.token, { timeZone: this.settings.current.timeZone, origin: entry.origin });
  }

  /** Re-reads the token at the entry's place in its (open) source document. */
  private follow(entry: Entry): void {
    if (!entry.source) return;
    const uri = entry.source.uri;
    const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    if (!document) return;
    const found = tokenAtPosition(document, document.positionAt(entry.source.offset));
    if (!found) {
      entry.gone = true;
      return;
    }
    entry.gone = false;
    entry.token = found.token;
    entry.source.offset = found.ref.offset;
    entry.origin = originOf(document, found.ref.offset);
  }

  /** One URI per source place (decoding the same token twice reuses its view), else a new one. */
  private uriFor(target: TokenTarget): vscode.Uri {
    if (target.ref) {
      for (const [key, entry] of this.entries) {
        if (entry.source && entry.source.uri === target.ref.uri && entry.source.offset === target.ref.offset) return vscode.Uri.parse(key);
      }
    }
    const id = this.nextId++;
    const label = target.ref ? `${documentName(vscode.Uri.parse(target.ref.uri))}, ${id}` : `${target.origin}, ${id}`;
    return vscode.Uri.from({ scheme: DECODED_SCHEME, path: `/Decoded JWT (${label.replace(/[/\\]/g, '-')}).jsonc` });
  }

  /** Moves tracked offsets past edits and schedules a refresh of the views of the changed document. */
  private sourceChanged(e: vscode.TextDocumentChangeEvent): void {
    if (e.document.uri.scheme === DECODED_SCHEME || e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    for (const [key, entry] of this.entries) {
      if (entry.source?.uri !== uri) continue;
      const source = entry.source;
      // Exact for one edit (the common case); simultaneous multi-cursor edits are approximated,
      // and the view re-finds the token around the tracked offset anyway.
      for (const change of e.contentChanges) {
        if (change.rangeOffset + change.rangeLength <= source.offset) {
          source.offset += change.text.length - change.rangeLength;
        } else if (change.rangeOffset < source.offset) {
          source.offset = change.rangeOffset;
        }
      }
      this.schedule(key);
    }
  }

  /**
   * A source closed: its views stop following it and keep what they last showed. (Closing an untitled
   * document without saving first empties it: that last change is not followed.) A view closed: its
   * entry (up to a 1 MiB token) and pending re-render go.
   */
  private closed(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    if (document.uri.scheme === DECODED_SCHEME) {
      clearTimeout(this.pending.get(uri));
      this.pending.delete(uri);
      if (!this.entries.has(uri)) return;
      this.cancelRelease(uri);
      this.releasing.set(uri, setTimeout(() => {
        this.releasing.delete(uri);
        if (!vscode.workspace.textDocuments.some(d => d.uri.toString() === uri)) this.entries.delete(uri);
      }, RELEASE_DELAY_MS));
      return;
    }
    for (const entry of this.entries.values()) {
      if (entry.source?.uri === uri) delete entry.source;
    }
  }

  private cancelRelease(key: string): void {
    clearTimeout(this.releasing.get(key));
    this.releasing.delete(key);
  }

  private schedule(key: string): void {
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      this.emitter.fire(vscode.Uri.parse(key));
    }, REFRESH_DELAY_MS));
  }
}
