/**
 * What opening the panel costs beyond any webview. A bare webview (one line of script that says it is up)
 * and the sign/verify panel are opened in turn, twice each, in the same workbench: the time from the
 * extension host's call to the page's message is mostly VS Code making the webview's frames, which no
 * extension controls. The figures go to `panel-open-ms.json` beside the suite's results file, for the
 * bench note; the test asserts that each page answered, and that the panel answered with the token drawn.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelTestHandle } from '../../src/panel/registerPanel';

const extensionId = 'jwt-workbench.jwt-workbench';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

function within<T>(ms: number, what: string, wait: (done: (value: T) => void) => vscode.Disposable): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what} did not answer within ${ms / 1000} s`));
    }, ms);
    const sub = wait(value => {
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** A webview with nothing in it but a script that posts once it runs: VS Code's own cost. */
async function openBareWebview(): Promise<number> {
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('jwtWorkbench.test.bare', 'Bare', vscode.ViewColumn.Beside, { enableScripts: true });
  const nonce = 'bare0123456789abcdefAA==';
  panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'"></head>
<body><script nonce="${nonce}">acquireVsCodeApi().postMessage('up');</script></body></html>`;
  try {
    await within(30_000, 'the bare webview', done => panel.webview.onDidReceiveMessage(m => m === 'up' && done(undefined)));
    return performance.now() - started;
  } finally {
    panel.dispose();
  }
}

async function openSignVerifyPanel(): Promise<number> {
  const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.openPanel', { token: TOKEN });
  assert.ok(handle, 'openPanel returns a test handle in test mode');
  const { panel } = handle;
  try {
    // `rendered` comes once the page drew the token it was opened with.
    const { ms } = await within<{ ms: number }>(30_000, 'the panel', done => panel.onDidRender(done));
    assert.match(panel.panel.webview.html, /"token":"eyJhbGciOiJIUzI1NiJ9\./, 'the first show travels in the page');
    // The page still loads its icon font: a webview closed with a load in flight holds up the next webview's
    // own loads in code-server until its service worker gives up (30 s). A person does not close it this fast.
    await new Promise(resolve => setTimeout(resolve, 1500));
    return ms;
  } finally {
    panel.dispose();
  }
}

describe('sign/verify panel: open cost against a bare webview (integration)', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens a bare webview and the panel, twice each, and both draw', async function () {
    this.timeout(180_000);
    const bare: number[] = [];
    const panel: number[] = [];
    for (let round = 0; round < 2; round++) {
      bare.push(await openBareWebview());
      panel.push(await openSignVerifyPanel());
    }

    const ms = (list: number[]): string => list.map(v => v.toFixed(0)).join(', ');
    const results = process.env.JWT_WORKBENCH_TEST_RESULTS;
    const summary = `bare webview open → its message: ${ms(bare)} ms; panel open → token drawn: ${ms(panel)} ms`;
    if (results) fs.writeFileSync(path.join(path.dirname(results), 'panel-open-ms.json'), JSON.stringify({ summary, bare, panel }));
  });
});
