/**
 * The panel page's built script and stylesheet, read once per session from `dist/media/panel` and put into
 * the page itself. A webview loads its URIs through a service worker and the extension host, one round trip
 * each: on a first open in code-server those took about 400 ms before the script could run. When they cannot
 * be read (the page then loads them by URI), the reason is logged once.
 */
import * as vscode from 'vscode';
import { describeError } from '../core';
import type { Logger } from '../log';

export interface PageTexts {
  script: string;
  style: string;
}

export class PanelPageAssets {
  private texts: Promise<PageTexts | undefined> | undefined;

  /** @param root the panel's built assets (`dist/media/panel`). */
  constructor(private readonly root: vscode.Uri, private readonly log: Logger) {}

  /** The script and stylesheet texts, or undefined when they cannot be read. */
  read(): Promise<PageTexts | undefined> {
    this.texts ??= this.load();
    return this.texts;
  }

  private async load(): Promise<PageTexts | undefined> {
    try {
      const text = async (name: string): Promise<string> =>
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.root, name)));
      const [script, style] = await Promise.all([text('main.js'), text('main.css')]);
      return { script, style };
    } catch (e) {
      this.log.warn(`the panel's script is loaded by URI: it cannot be read (${describeError(e)})`);
      return undefined;
    }
  }
}

/** A source map comment points at its file by URI: in the page, a relative name would resolve against it. */
export function withSourceMapAt(text: string, mapUri: string): string {
  return text.replace(/(\/[/*]# sourceMappingURL=)[^\s*]+/, `$1${mapUri}`);
}
