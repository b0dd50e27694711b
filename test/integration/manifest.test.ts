/**
 * The manifest and the code agree: every contributed command is registered, every registered
 * `jwtWorkbench.*` command is contributed, and activation registered the views.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'jwt-workbench.jwt-workbench';

interface Manifest {
  contributes: { commands: { command: string; category?: string }[] };
  activationEvents?: string[];
}

describe('extension manifest and activation', () => {
  let manifest: Manifest;

  before(async () => {
    const ext = vscode.extensions.getExtension(extensionId);
    assert.ok(ext, `extension ${extensionId} is installed`);
    await ext.activate();
    manifest = ext.packageJSON as Manifest;
  });

  it('is active after activation, without the `*` activation event', () => {
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.ok(!(manifest.activationEvents ?? []).includes('*'), 'activates lazily');
  });

  it('registers every contributed command, all in the JWT category', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of manifest.contributes.commands) {
      assert.ok(registered.has(c.command), `${c.command} is registered`);
      assert.equal(c.category, 'JWT', `${c.command} is in the JWT category`);
    }
  });

  it('contributes every jwtWorkbench command it registers', async () => {
    const contributed = new Set(manifest.contributes.commands.map(c => c.command));
    const ours = (await vscode.commands.getCommands(true)).filter(c => c.startsWith('jwtWorkbench.'));
    // VS Code adds `<view>.focus`, `.open`, `.resetViewLocation`… for each contributed view.
    const viewCommands = /^jwtWorkbench\.(keys|connectedApps)\.(focus|open|resetViewLocation|toggleVisibility|removeView)$|^workbench\./;
    const missing = ours.filter(c => !contributed.has(c) && !viewCommands.test(c));
    assert.deepEqual(missing, []);
  });

  it('shows the Keys and Connected Apps views in the JWT Workbench sidebar', async () => {
    // Focusing a view fails when no view with that id is contributed and registered.
    await vscode.commands.executeCommand('jwtWorkbench.keys.focus');
    await vscode.commands.executeCommand('jwtWorkbench.connectedApps.focus');
  });

  it('runs "JWT: Show Log" without error', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.showLog');
  });
});
