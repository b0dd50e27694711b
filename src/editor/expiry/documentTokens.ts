/**
 * The tokens of each open document, found once per document version and shared by CodeLens and
 * diagnostics. Documents larger than `jwtWorkbench.maxDocumentSize` are not scanned.
 */
import * as vscode from 'vscode';
import { indexTokens, type IndexedToken } from './tokenIndex';

/** The length of a document in characters, without copying its text. */
function documentLength(document: vscode.TextDocument): number {
  if (document.lineCount === 0) return 0;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Schemes whose documents never hold a token worth a lens or a diagnostic (our own views, output). */
const SKIPPED_SCHEMES = new Set(['jwt-decoded', 'output', 'vscode-scm', 'debug']);

/** Caches {@link indexTokens} per document URI and version. */
export class DocumentTokens implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; tokens: IndexedToken[] }>();
  private readonly closing = vscode.workspace.onDidCloseTextDocument(d => this.cache.delete(d.uri.toString()));

  /**
   * The tokens of `document`, or undefined when it is too large (more than `maxSize` characters)
   * or of a scheme that is never scanned.
   */
  get(document: vscode.TextDocument, maxSize: number): IndexedToken[] | undefined {
    if (SKIPPED_SCHEMES.has(document.uri.scheme)) return undefined;
    const key = document.uri.toString();
    // Size first (cheap): a lowered maxDocumentSize must apply to documents scanned before it.
    if (documentLength(document) > maxSize) {
      this.cache.delete(key);
      return undefined;
    }
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.tokens;
    const tokens = indexTokens(document.getText());
    this.cache.set(key, { version: document.version, tokens });
    return tokens;
  }

  /** The tokens last found in the document with this URI, without rescanning (for timers). */
  cached(uri: vscode.Uri): IndexedToken[] | undefined {
    return this.cache.get(uri.toString())?.tokens;
  }

  dispose(): void {
    this.closing.dispose();
    this.cache.clear();
  }
}
