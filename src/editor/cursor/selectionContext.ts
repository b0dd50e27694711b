/**
 * The `jwtWorkbench.tokenSelected` context key, which shows the decode/copy entries in the editor's
 * context menu. It is about the selection only (the menu also requires `editorHasSelection`): a
 * right-click moves the cursor and builds the menu at once, before a debounced key could follow the
 * cursor, so a cursor-based key would describe where the cursor was before the click.
 */
import * as vscode from 'vscode';
import { disposeAll } from '../../lifecycle';
import { selectionHoldsToken } from './tokenSelection';

/** The context key's name (used in package.json `when` clauses). */
const TOKEN_SELECTED_KEY = 'jwtWorkbench.tokenSelected';

const DELAY_MS = 150;

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
    timer = setTimeout(() => set(editor ? hasTokenSelected(editor) : false), DELAY_MS);
  };
  check(vscode.window.activeTextEditor);
  const subscriptions: vscode.Disposable[] = [
    { dispose: () => clearTimeout(timer) },
    // Selections in other visible editors (a diff's other side, a decoded view beside) are not where the menu opens.
    vscode.window.onDidChangeTextEditorSelection(e => {
      if (e.textEditor === vscode.window.activeTextEditor) check(e.textEditor);
    }),
    vscode.window.onDidChangeActiveTextEditor(check),
  ];
  return new vscode.Disposable(() => disposeAll(subscriptions));
}

function hasTokenSelected(editor: vscode.TextEditor): boolean {
  const { document, selection } = editor;
  const length = document.offsetAt(selection.end) - document.offsetAt(selection.start);
  return selectionHoldsToken(length, () => document.getText(selection));
}
