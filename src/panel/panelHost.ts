/**
 * The extension-host side of the sign/verify panel: one webview panel, reused, whose page is built with a
 * fresh nonce; messages are posted only after the page said `ready` (pull-request-github's handshake), and
 * every message that arrives is checked against the protocol first (unknown or malformed ones are dropped and
 * logged by type only). Requests run on {@link PanelActions} and are answered by id.
 */
import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import { makeNonce, panelHtml, type PageAsset } from './html';
import { withSourceMapAt, type PanelPageAssets } from './pageAssets';
import { failure, type PanelActions } from './panelActions';
import {
  describeDropped, parseFromWebview, type FromHost, type FromWebview, type KeySummary, type RequestMessage, type ShowMessage,
} from './protocol';

export const PANEL_VIEW_TYPE = 'jwtWorkbench.panel';
export const PANEL_TITLE = 'JWT Sign / Verify';

/** Where the token shown came from, so that *Insert into Editor* can replace it. */
export interface TokenOrigin {
  uri: string;
  offset: number;
  length: number;
  /** "tokens.json, line 3" */
  label: string;
}

/** What to show: a token (decoded at once), a stored key to choose, and where the token lives. */
export interface ShowTarget {
  token?: string;
  keyRef?: string;
  origin?: TokenOrigin;
}

/** Writes a token into an editor: over the origin when it still holds the token, else at the cursor. */
export type TokenInserter = (token: string, origin: TokenOrigin | undefined) => Promise<TokenOrigin | undefined>;

export interface PanelDeps {
  extensionUri: vscode.Uri;
  actions: PanelActions;
  log: Logger;
  listKeys(): Promise<KeySummary[]>;
  timeZone(): 'local' | 'utc';
  insert: TokenInserter;
  /** The page's script and stylesheet, read once for every panel. */
  page: PanelPageAssets;
}

/** The webview assets the page may load: the built `dist/media` folder and nothing else. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'media');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)], retainContextWhenHidden: true };
}

export class SignVerifyPanel extends Disposable {
  private ready = false;
  private readonly queue: FromHost[] = [];
  private seq = 0;
  /** When each `show` was asked for (performance.now()), until its `rendered` arrives. */
  private readonly pending = new Map<number, number>();
  private origin: TokenOrigin | undefined;
  private readonly created = performance.now();

  private readonly received = this._register(new vscode.EventEmitter<FromWebview>());
  /** Every valid message from the webview, after it was handled. */
  readonly onDidReceive = this.received.event;
  private readonly postedEmitter = this._register(new vscode.EventEmitter<FromHost>());
  /** Every message posted to the webview (tests read replies with it). */
  readonly onDidPost = this.postedEmitter.event;
  private readonly renderedEmitter = this._register(new vscode.EventEmitter<{ seq: number; ms: number }>());
  /** A `show` was drawn, `ms` after it was asked for. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposedEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps) {
    super();
    const webview = panel.webview;
    webview.options = webviewOptions(deps.extensionUri);
    this._register(webview.onDidReceiveMessage((m: unknown) => void this.receive(m)));
    this._register(panel.onDidDispose(() => this.dispose()));
    // The workbench makes the webview's frame meanwhile; the page's texts are read once per session.
    void this.writePage();
  }

  private async writePage(): Promise<void> {
    const texts = await this.deps.page.read();
    if (this.isDisposed) return;
    const webview = this.panel.webview;
    const root = mediaRoot(this.deps.extensionUri);
    const uri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(root, ...path)).toString();
    const asset = (name: string, text: string | undefined): PageAsset =>
      text !== undefined ? { text: withSourceMapAt(text, uri('panel', `${name}.map`)) } : { uri: uri('panel', name) };
    // The latest `show` asked for so far goes in the page itself: it is drawn without waiting for `ready`.
    const first = this.queue.findIndex(m => m.type === 'show');
    const firstMessage = first >= 0 ? this.queue.splice(first, 1)[0] : undefined;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      script: asset('main.js', texts?.script),
      style: asset('main.css', texts?.style),
      codicons: uri('codicons', 'codicon.css'),
      ...(firstMessage ? { firstMessage } : {}),
    });
  }

  /** Shows `target` (a token is decoded at once); measured from now to the webview's `rendered`. */
  show(target: ShowTarget, startedAt = performance.now()): void {
    if (target.origin !== undefined || target.token !== undefined) this.origin = target.origin;
    const seq = ++this.seq;
    this.pending.set(seq, startedAt);
    const message: ShowMessage = {
      type: 'show',
      seq,
      timeZone: this.deps.timeZone(),
      ...(target.token !== undefined ? { token: target.token } : {}),
      ...(target.keyRef !== undefined ? { keyRef: target.keyRef } : {}),
      ...(this.origin ? { origin: this.origin.label } : {}),
    };
    this.post(message);
  }

  /** Sends the stored keys' facts to the picker. */
  async refreshKeys(): Promise<void> {
    this.post({ type: 'keys', keys: await this.deps.listKeys() });
  }

  /**
   * Handles one message as it came from the webview: checked against the protocol, then acted on. Resolves
   * once it was handled (a request's reply posted). Tests call it to drive the panel through its protocol.
   */
  async receive(raw: unknown): Promise<void> {
    const message = parseFromWebview(raw);
    if (!message) {
      this.deps.log.warn(`ignored ${describeDropped(raw)} from the panel: not in its protocol`);
      return;
    }
    try {
      await this.handle(message);
    } catch (e) {
      this.deps.log.error(`${message.type} failed`, e);
    }
    this.received.fire(message);
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (!this.ready) {
          const script = message.scriptMs !== undefined ? `, its script ${message.scriptMs.toFixed(0)} ms` : '';
          const page = message.pageMs !== undefined ? ` (the page itself took ${message.pageMs.toFixed(0)} ms${script})` : '';
          this.deps.log.info(`page ready ${(performance.now() - this.created).toFixed(0)} ms after the panel was made${page}`);
        }
        this.ready = true;
        for (const m of this.queue.splice(0)) void this.panel.webview.postMessage(m);
        await this.refreshKeys();
        return;
      case 'rendered': {
        const started = this.pending.get(message.seq);
        if (started === undefined) return;
        this.pending.delete(message.seq);
        const ms = performance.now() - started;
        this.deps.log.info(`rendered in ${ms.toFixed(0)} ms`);
        this.renderedEmitter.fire({ seq: message.seq, ms });
        return;
      }
      case 'request':
        return this.answer(message);
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        void vscode.window.setStatusBarMessage('JWT Workbench: token copied', 3000);
        return;
      case 'insert':
        this.origin = await this.deps.insert(message.token, this.origin);
        return;
    }
  }

  private async answer(request: RequestMessage): Promise<void> {
    try {
      const result = await this.deps.actions.run(request.method, request.params);
      this.post({ type: 'reply', id: request.id, ok: true, result });
    } catch (e) {
      const { code, message } = failure(e);
      // The code and the engine's sentence (which never quotes a secret); not the parameters.
      this.deps.log.info(`${request.method} refused: ${code}`);
      this.post({ type: 'reply', id: request.id, ok: false, code, message });
    }
  }

  private post(message: FromHost): void {
    if (this.isDisposed) return; // closed while a reply was on its way: nobody to tell
    if (!this.ready) {
      // Only the latest `show` matters before the page is up.
      if (message.type === 'show') {
        const i = this.queue.findIndex(m => m.type === 'show');
        if (i >= 0) this.queue.splice(i, 1);
      }
      this.queue.push(message);
    } else {
      void this.panel.webview.postMessage(message);
    }
    this.postedEmitter.fire(message);
  }

  /** Closes the panel; listeners hear of it first (the manager forgets its current panel). */
  override dispose(): void {
    if (this.isDisposed) return;
    this.disposedEmitter.fire();
    super.dispose();
    this.panel.dispose();
  }
}
