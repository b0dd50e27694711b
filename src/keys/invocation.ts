/**
 * How a Keys command was called (see ../common/invocation): with an argument object, from a row of
 * the Keys view (a {@link KeyNode}), or from the palette. One wrapper registers every Keys command this way.
 */
import type * as vscode from 'vscode';
import { callOf, registerCallCommand, type Call } from '../common/invocation';
import type { Logger } from '../log';
import { KeyNode } from './keyTreeModel';

export type Invocation = Call<KeyNode>;

export function invocation(arg: unknown): Invocation {
  return callOf(arg, (v): v is KeyNode => v instanceof KeyNode, 'Keys');
}

/** Registers a Keys command: failures are thrown with an argument object, shown without. */
export function registerKeyCommand<T>(id: string, log: Logger, handler: (call: Invocation) => Promise<T>): vscode.Disposable {
  return registerCallCommand(id, log, invocation, handler);
}
