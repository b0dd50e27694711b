/**
 * What the integration suites of the Keys and Connected Apps surfaces share: the extension, and its
 * commands run the way automation runs them (an argument object, errors thrown with their code).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'jwt-workbench.jwt-workbench';

/** The extension, activated. */
export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  await ext.activate();
  return ext;
}

/** Runs `command` with one argument object (or none), as automation does. */
export const run = <T>(command: string, args?: unknown): Promise<T> => Promise.resolve(vscode.commands.executeCommand<T>(command, args));

/** Runs `command` with `args`, expecting a WorkbenchError with `code`; returns its message. */
export async function failure(command: string, args: unknown, code: string): Promise<string> {
  try {
    await run(command, args);
  } catch (e) {
    const err = e as { code?: unknown; message?: unknown };
    assert.equal(err.code, code, `${command} fails with ${code}: ${String(err.message)}`);
    return String(err.message);
  }
  assert.fail(`${command} ${JSON.stringify(args)} should have failed with ${code}`);
}
