/**
 * How a Connected Apps command was called: with an argument object (automation — no prompt, errors
 * thrown with their code), from a row or the result view (a {@link ProfileNode}), or from the palette.
 */
import * as vscode from 'vscode';
import { WorkbenchError, describeError } from '../core';
import type { Logger } from '../log';
import { text } from '../keys/invocation';
import { ProfileNode } from './profileTree';
import type { ProfileStore } from './profileStore';
import { KIND_SHORT, lastResultWords, type StoredProfile } from './profileModel';

export type ProfileCall =
  | { auto: true; args: Readonly<Record<string, unknown>> }
  | { auto: false; node?: ProfileNode };

function callOf(arg: unknown): ProfileCall {
  if (arg instanceof ProfileNode) return { auto: false, node: arg };
  if (arg === undefined || arg === null) return { auto: false };
  if (typeof arg === 'object' && !Array.isArray(arg)) return { auto: true, args: arg as Record<string, unknown> };
  throw new WorkbenchError('OPTION_INVALID', 'Connected Apps commands take one argument object, e.g. { "id": "…" }, or none.');
}

/** Registers a command; failures are thrown with arguments, shown without. Logged by message only. */
export function registerProfileCommand<T>(id: string, log: Logger, handler: (call: ProfileCall) => Promise<T>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<T | undefined> => {
    let call: ProfileCall | undefined;
    try {
      call = callOf(arg);
      return await handler(call);
    } catch (e) {
      log.warn(`${id} failed: ${describeError(e)}`);
      if (!call || call.auto) throw e;
      void vscode.window.showErrorMessage(describeError(e));
      return undefined;
    }
  });
}

/** The profile a command works on: `args.id`, the row, or one the person picks (undefined: cancelled). */
export async function profileFor(store: ProfileStore, call: ProfileCall, placeHolder: string): Promise<StoredProfile | undefined> {
  if (call.auto) return store.require(text(call.args, 'id'));
  if (call.node) return store.require(call.node.id);
  const all = store.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('There are no connected-app profiles yet: create one with New Profile… in the Connected Apps view.');
    return undefined;
  }
  const now = new Date();
  const picked = await vscode.window.showQuickPick(
    all.map(p => ({ label: p.name, description: `${KIND_SHORT[p.profile.kind]} · ${lastResultWords(p, now)}`, id: p.id })),
    { placeHolder },
  );
  return picked ? store.require(picked.id) : undefined;
}
