/**
 * How a Connected Apps command was called: with an argument object (automation — no prompt, errors
 * thrown with their code), from a row or the result view (a {@link ProfileNode}), or from the palette.
 */
import * as vscode from 'vscode';
import { callOf, registerCallCommand, text, type Call } from '../common/invocation';
import type { Logger } from '../log';
import { ProfileNode } from './profileTree';
import type { ProfileStore } from './profileStore';
import { KIND_SHORT, lastResultWords, type StoredProfile } from './profileModel';

export type ProfileCall = Call<ProfileNode>;

/** Registers a Connected Apps command: failures are thrown with an argument object, shown without. */
export function registerProfileCommand<T>(id: string, log: Logger, handler: (call: ProfileCall) => Promise<T>): vscode.Disposable {
  return registerCallCommand(id, log, arg => callOf(arg, (v): v is ProfileNode => v instanceof ProfileNode, 'Connected Apps'), handler);
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
