/**
 * The tokens of each open document, found once per document version and shared by CodeLens and
 * diagnostics. Finding is one regex pass; decoding every token (what diagnostics need) is done on
 * first request and kept with it. Documents larger than `jwtWorkbench.maxDocumentSize` are not scanned.
 */
import * as vscode from 'vscode';
import { findTokens, type TokenMatch } from '../../core/find';
import { Disposable } from '../../lifecycle';
import { DECODED_SCHEME } from '../decodedView/decodedDocuments';
import { indexToken, type IndexedToken } from './tokenIndex';

/** The length of a document in characters, without copying its text. */
function documentLength(document: vscode.TextDocument): number {
  if (document.lineCount === 0) return 0;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Schemes whose documents never hold a token worth a lens or a diagnostic (our own views, output). */
const SKIPPED_SCHEMES = new Set([DECODED_SCHEME, 'output', 'vscode-scm', 'debug']);

interface Entry {
  version: number;
  found: readonly TokenMatch[];
  /** `found` decoded, once something asked for it. */
  indexed?: IndexedToken[];
}

/** Caches the tokens found in each document, by URI and version. */
export class DocumentTokens extends Disposable {
  private readonly cache = new Map<string, Entry>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument(d => this.cache.delete(d.uri.toString())));
    this._register({ dispose: () => this.cache.clear() });
  }

  /**
   * The tokens of `document`, found but not decoded (what a CodeLens provider needs), or undefined
   * when it is too large (more than `maxSize` characters) or of a scheme that is never scanned.
   */
  find(document: vscode.TextDocument, maxSize: number): readonly TokenMatch[] | undefined {
    return this.entry(document, maxSize)?.found;
  }

  /** The tokens of `document`, decoded (what diagnostics need); undefined as for {@link find}. */
  get(document: vscode.TextDocument, maxSize: number): IndexedToken[] | undefined {
    const entry = this.entry(document, maxSize);
    if (!entry) return undefined;
    entry.indexed ??= entry.found.map(indexToken);
    return entry.indexed;
  }

  private entry(document: vscode.TextDocument, maxSize: number): Entry | undefined {
    if (SKIPPED_SCHEMES.has(document.uri.scheme)) return undefined;
    const key = document.uri.toString();
    // Size first (cheap): a lowered maxDocumentSize must apply to documents scanned before it.
    if (documentLength(document) > maxSize) {
      this.cache.delete(key);
      return undefined;
    }
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit;
    const entry: Entry = { version: document.version, found: findTokens(document.getText()) };
    this.cache.set(key, entry);
    return entry;
  }
}
