/**
 * Which token a command acts on: the one a hover or CodeLens link names, else the selection when it
 * holds a token, else the token under the cursor. Reads only the selection or a window of one line.
 */
import * as vscode from 'vscode';
import { MAX_TOKEN_LENGTH } from '../../core/decode';
import type { TokenRef } from '../tokenRef';
import { tokenAtCharacter, type LineToken } from './lineWindow';
import { firstTokenLike } from './tokenLike';

/** A token to act on, with where it came from. */
export interface TokenTarget {
  token: string;
  /** Words for "decoded from …": "tokens.json, line 3", "the clipboard". */
  origin: string;
  /** Where it lives in a document, when it does (the decoded view follows edits there). */
  ref?: TokenRef;
}

/** "tokens.json" for a file URI, "Untitled-1" for an untitled one. */
export function documentName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

/** "tokens.json, line 3" */
export function originOf(document: vscode.TextDocument, offset: number): string {
  return `${documentName(document.uri)}, line ${document.positionAt(offset).line + 1}`;
}

/** The token at `position` in `document`, reading only a window of that line. */
export function tokenAtPosition(
  document: vscode.TextDocument,
  position: vscode.Position,
): (LineToken & { ref: TokenRef }) | undefined {
  const line = position.line;
  const read = (start: number, end: number): string => document.getText(new vscode.Range(line, start, line, end));
  const found = tokenAtCharacter(read, position.character);
  if (!found) return undefined;
  return { ...found, ref: { uri: document.uri.toString(), offset: document.offsetAt(new vscode.Position(line, found.start)) } };
}

/** The open document with this URI, else opens it; undefined when it cannot be opened. */
export async function documentFor(uri: string): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  } catch {
    return undefined;
  }
}

/** The token a hover or CodeLens link points at, re-read from its document. */
export async function targetAtRef(ref: TokenRef): Promise<TokenTarget | undefined> {
  const document = await documentFor(ref.uri);
  if (!document) return undefined;
  const found = tokenAtPosition(document, document.positionAt(ref.offset));
  return found ? { token: found.token, origin: originOf(document, found.ref.offset), ref: found.ref } : undefined;
}

/**
 * The token in the editor's selection (when it holds one) or under its cursor. A selection holding only
 * a broken token returns that text (without a place to follow), so decoding it can say what is wrong.
 */
export function targetInEditor(editor: vscode.TextEditor): TokenTarget | undefined {
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    const start = document.offsetAt(selection.start);
    const length = document.offsetAt(selection.end) - start;
    if (length <= MAX_TOKEN_LENGTH) {
      const match = firstTokenLike(document.getText(selection));
      if (match?.kind) {
        const offset = start + match.start;
        return { token: match.token, origin: originOf(document, offset), ref: { uri: document.uri.toString(), offset } };
      }
      if (match) return { token: match.token, origin: originOf(document, start + match.start) };
    }
  }
  const found = tokenAtPosition(document, selection.active);
  return found ? { token: found.token, origin: originOf(document, found.ref.offset), ref: found.ref } : undefined;
}
