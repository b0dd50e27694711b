/**
 * The hover on any JWS or JWE in any document (files, untitled editors, any scheme). It reads only a
 * window of the hovered line, so hovering a 10 MB minified file costs what a small file does.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../log';
import { buildHoverMarkdown } from './hoverMarkdown';
import type { DecodeSettingsWatcher } from '../settings';
import { tokenAtPosition } from '../cursor/tokenTarget';

/** Hovers decoded tokens while `jwtWorkbench.hover.enabled` is on. */
export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly settings: DecodeSettingsWatcher,
    private readonly log: Logger,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, cancel: vscode.CancellationToken): vscode.Hover | undefined {
    const settings = this.settings.current;
    if (!settings.hoverEnabled || cancel.isCancellationRequested) return undefined;
    const found = tokenAtPosition(document, position);
    if (!found || cancel.isCancellationRequested) return undefined;
    const { markdown, commands } = buildHoverMarkdown(found.token, { timeZone: settings.timeZone, ref: found.ref });
    const content = new vscode.MarkdownString(markdown);
    // Only our own links may run, and only these commands; never `isTrusted = true`.
    content.isTrusted = { enabledCommands: commands };
    content.supportHtml = false;
    this.log.trace(`hover on a ${found.kind ?? 'malformed'} token (${found.token.length} characters)`);
    const range = new vscode.Range(position.line, found.start, position.line, found.end);
    return new vscode.Hover(content, range);
  }
}
