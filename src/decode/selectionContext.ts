/**
 * The `jwtWorkbench.tokenSelected` context key, which shows the decode/copy entries in the editor's
 * context menu. Set on selection change, debounced, with a cheap test: a regex over a short selection,
 * or the token finder over a small window of the cursor's line.
 */
import * as vscode from 'vscode';
import { tokenAtCharacter } from './lineWindow';

/** The context key's name (used in package.json `when` clauses). */
export const TOKEN_SELECTED_KEY = 'jwtWorkbench.tokenSelected';

const DELAY_MS = 150;
const MAX_SELECTION = 64 * 1024;
const CURSOR_WINDOW = 2048;
const LOOKS_LIKE_TOKEN = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

/** Keeps the context key in step with the active editor's selection. */
export function trackTokenSelection(): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: boolean | undefined;
  const set = (value: boolean): void => {
    if (value === last) return;
    last = value;
    void vscode.commands.executeCommand('setContext', TOKEN_SELECTED_KEY, value);
  };
  const check = (editor: vscode.TextEditor | undefined): void => {
    clearTimeout(timer);
    timer = setTimeout(() => set(editor ? hasToken(editor) : false), DELAY_MS);
  };
  check(vscode.window.activeTextEditor);
  const subscriptions = [
    vscode.window.onDidChangeTextEditorSelection(e => check(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(check),
  ];
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    subscriptions.forEach(s => s.dispose());
  });
}

function hasToken(editor: vscode.TextEditor): boolean {
  const { document, selection } = editor;
  if (!selection.isEmpty) {
    if (document.offsetAt(selection.end) - document.offsetAt(selection.start) > MAX_SELECTION) return false;
    return LOOKS_LIKE_TOKEN.test(document.getText(selection));
  }
  const { line, character } = selection.active;
  const read = (start: number, end: number): string => document.getText(new vscode.Range(line, start, line, end));
  return tokenAtCharacter(read, character, CURSOR_WINDOW)?.kind !== undefined;
}
