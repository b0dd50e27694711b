/**
 * Registers the editor surface — hover, decode/copy commands, decoded views, CodeLens, expiry
 * diagnostics and the selection context key — and returns one disposable for all of it.
 */
import * as vscode from 'vscode';
import { disposeAll } from '../lifecycle';
import type { Logger } from '../log';
import { TokenCodeLensProvider } from './expiry/codeLens';
import { registerDecodeCommands } from './commands/decodeCommands';
import { DecodedDocuments } from './decodedView/decodedDocuments';
import { DocumentTokens } from './expiry/documentTokens';
import { ExpiryDiagnostics } from './expiry/expiryDiagnostics';
import { TokenHoverProvider } from './hover/hoverProvider';
import { trackTokenSelection } from './cursor/selectionContext';
import { DecodeSettingsWatcher } from './settings';

/** Every document of every scheme (files, untitled editors, virtual documents). */
const EVERY_DOCUMENT: vscode.DocumentSelector = { scheme: '*' };

/**
 * Wires the editor surface; push the result into `context.subscriptions`.
 *
 * @example
 * context.subscriptions.push(registerEditor(log));
 */
export function registerEditor(logger: Logger): vscode.Disposable {
  const log = logger.scoped('editor');
  const settings = new DecodeSettingsWatcher();
  const tokens = new DocumentTokens();
  const views = new DecodedDocuments(settings, log);
  const lenses = new TokenCodeLensProvider(settings, tokens);
  const diagnostics = new ExpiryDiagnostics(settings, tokens, log, () => lenses.refresh());
  const disposables: vscode.Disposable[] = [
    settings,
    tokens,
    views,
    lenses,
    diagnostics,
    vscode.languages.registerHoverProvider(EVERY_DOCUMENT, new TokenHoverProvider(settings, log)),
    vscode.languages.registerCodeLensProvider(EVERY_DOCUMENT, lenses),
    ...registerDecodeCommands(views, log),
    trackTokenSelection(),
  ];
  log.info('hover, CodeLens, diagnostics and decode commands registered');
  return new vscode.Disposable(() => disposeAll(disposables));
}
