/**
 * The sign/verify panel surface: one panel, reused (and revived after a reload by its serializer), the
 * commands that open it or work without it (`openPanel`, `verifyToken`, `signToken`, `signWithKey`), one
 * {@link KeyResolver} over the key catalog (forgetting a key when the store changes), and the JWKS fetcher
 * (the extension host's `fetch`).
 *
 * Test hook: in `ExtensionMode.Test` only, `jwtWorkbench.openPanel` returns a {@link PanelTestHandle}, so the
 * integration tests drive the real panel through its message protocol; otherwise it returns nothing.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { KeyResolver, WorkbenchError } from '../core';
import { Disposable, disposeAll } from '../lifecycle';
import type { Logger } from '../log';
import { guarded } from '../editor/commands/guarded';
import { targetAtRef, targetInEditor, type TokenTarget } from '../editor/cursor/tokenTarget';
import { isTokenRef } from '../editor/tokenRef';
import { EMPTY_CATALOG, type KeyCatalog } from './keyCatalog';
import { PanelActions, type RemoteKeys } from './panelActions';
import { PANEL_TITLE, PANEL_VIEW_TYPE, SignVerifyPanel, mediaRoot, webviewOptions, type ShowTarget, type TokenOrigin } from './panelHost';
import { PanelPageAssets } from './pageAssets';
import { registerQuickCommands } from './quickCommands';
import { remoteKeysWith } from './remoteKeys';

/** What the test hook returns: the live panel and its protocol. */
export interface PanelTestHandle {
  panel: SignVerifyPanel;
}

export interface PanelServices {
  catalog?: KeyCatalog;
  remoteKeys?: RemoteKeys;
  /** The extension's one KeyResolver (shared with token requests); the panel makes its own without it. */
  resolver?: KeyResolver;
}

class PanelManager extends Disposable {
  private current: SignVerifyPanel | undefined;
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  readonly resolver: KeyResolver;
  private readonly page: PanelPageAssets;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly catalog: KeyCatalog,
    private readonly remoteKeys: RemoteKeys | undefined,
    private readonly log: Logger,
    resolver: KeyResolver | undefined,
  ) {
    super();
    this.resolver = resolver ?? new KeyResolver({ lookup: ref => catalog.find(ref) });
    this.page = new PanelPageAssets(vscode.Uri.joinPath(mediaRoot(context.extensionUri), 'panel'), log);
    this._register(catalog.onDidChange(kids => {
      if (kids.length === 0) this.resolver.forget();
      for (const kid of kids) this.resolver.forget(kid);
      void this.current?.refreshKeys().catch((e: unknown) => log.error('key list refresh failed', e));
    }));
    this._register(vscode.window.onDidChangeActiveTextEditor(e => {
      if (e) this.lastEditor = e;
    }));
  }

  /** Opens the panel (or brings it forward) showing `target`. */
  open(target: ShowTarget): SignVerifyPanel {
    const started = performance.now();
    let current = this.current;
    if (current) {
      current.panel.reveal(undefined, false);
    } else {
      current = this.adopt(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, PANEL_TITLE, vscode.ViewColumn.Beside, webviewOptions(this.context.extensionUri)));
    }
    current.show(target, started);
    return current;
  }

  /** Takes over a panel made here or revived by the serializer (its page restores its own state). */
  adopt(panel: vscode.WebviewPanel): SignVerifyPanel {
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'activity-bar.svg');
    const host = new SignVerifyPanel(panel, {
      extensionUri: this.context.extensionUri,
      actions: new PanelActions(this.resolver, this.remoteKeys),
      log: this.log,
      listKeys: () => this.catalog.list(),
      timeZone: () => (vscode.workspace.getConfiguration('jwtWorkbench').get('timeZone') === 'utc' ? 'utc' : 'local'),
      insert: (token, origin) => this.insert(token, origin),
      page: this.page,
    });
    this.current?.dispose();
    this.current = host;
    host.onDidDispose(() => {
      if (this.current === host) this.current = undefined;
    });
    return host;
  }

  private async insert(token: string, origin: TokenOrigin | undefined): Promise<TokenOrigin | undefined> {
    if (origin) {
      const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === origin.uri);
      if (document && !document.isClosed) {
        const range = new vscode.Range(document.positionAt(origin.offset), document.positionAt(origin.offset + origin.length));
        if (/^[\w.-]+$/.test(document.getText(range))) {
          const edit = new vscode.WorkspaceEdit();
          edit.replace(document.uri, range, token);
          if (await vscode.workspace.applyEdit(edit)) return { ...origin, length: token.length };
        }
      }
    }
    const editor = this.lastEditor && !this.lastEditor.document.isClosed ? this.lastEditor : vscode.window.visibleTextEditors[0];
    if (!editor) {
      throw new WorkbenchError('OPTION_INVALID', 'There is no editor to insert the token into: open a file, put the cursor where the token goes, and press Insert into Editor again.');
    }
    const at = editor.selection;
    await editor.edit(b => b.replace(at, token));
    const offset = editor.document.offsetAt(at.start);
    return { uri: editor.document.uri.toString(), offset, length: token.length, label: `${editor.document.uri.path.split('/').pop() ?? ''}, line ${at.start.line + 1}` };
  }

  override dispose(): void {
    this.current?.dispose();
    super.dispose();
  }
}

/** What `jwtWorkbench.openPanel` accepts: `{ token?, keyId? }`, or a hover / CodeLens token reference. */
async function targetOf(arg: unknown): Promise<ShowTarget> {
  if (isTokenRef(arg)) return fromTokenTarget(await targetAtRef(arg));
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) {
    const a = arg as Record<string, unknown>;
    const target: ShowTarget = {};
    if (typeof a.token === 'string') target.token = a.token;
    if (typeof a.keyId === 'string') target.keyRef = a.keyId;
    if (target.token !== undefined) return target;
    return { ...fromTokenTarget(editorTarget()), ...target };
  }
  return fromTokenTarget(editorTarget());
}

function editorTarget(): TokenTarget | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor ? targetInEditor(editor) : undefined;
}

function fromTokenTarget(target: TokenTarget | undefined): ShowTarget {
  if (!target) return {};
  const ref = target.ref;
  return ref ? { token: target.token, origin: { uri: ref.uri, offset: ref.offset, length: target.token.length, label: target.origin } } : { token: target.token };
}

/** The key id a Keys tree row (`{ kind: 'key', id }`) or an argument object (`{ keyId }`) names. */
function keyIdOf(arg: unknown): string | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as { keyId?: unknown; kind?: unknown; id?: unknown };
  if (typeof a.keyId === 'string') return a.keyId;
  return a.kind === 'key' && typeof a.id === 'string' ? a.id : undefined;
}

/**
 * Registers the panel surface; push the result into `context.subscriptions`.
 * @example context.subscriptions.push(registerPanel(context, log, { catalog, remoteKeys }));
 */
export function registerPanel(context: vscode.ExtensionContext, logger: Logger, services: PanelServices = {}): vscode.Disposable {
  const log = logger.scoped('panel');
  const catalog = services.catalog ?? EMPTY_CATALOG;
  const remoteKeys = services.remoteKeys ?? remoteKeysWith();
  const manager = new PanelManager(context, catalog, remoteKeys, log, services.resolver);
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const handle = (panel: SignVerifyPanel): PanelTestHandle | undefined => (testMode ? { panel } : undefined);
  const commandActions = new PanelActions(manager.resolver, remoteKeys);

  const open = async (arg?: unknown): Promise<PanelTestHandle | undefined> => handle(manager.open(await targetOf(arg)));
  const disposables: vscode.Disposable[] = [
    manager,
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      // The page restores its own token and claims from its state (which holds no secret).
      deserializeWebviewPanel: async panel => {
        manager.adopt(panel).show({});
      },
    }),
    vscode.commands.registerCommand(Command.openPanel, guarded(log, 'open panel', open)),
    vscode.commands.registerCommand(Command.signWithKey, guarded(log, 'sign with key', async (arg?: unknown) => {
      const keyRef = keyIdOf(arg);
      return handle(manager.open({ ...(await targetOf(undefined)), ...(keyRef ? { keyRef } : {}) }));
    })),
    ...registerQuickCommands(commandActions, catalog, log),
  ];
  return new vscode.Disposable(() => disposeAll(disposables));
}
