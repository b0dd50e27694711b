/**
 * How a command shows a failure: logged with its cause, and told to the person in the engine's own sentence
 * (which never quotes a secret). Shared by the editor's and the panel's commands, so a rejected command
 * never becomes an unhandled rejection or a silent no-op.
 */
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Logger } from '../../log';

/** Logs `e` as the failure of `name` and shows its message in an error notification. */
export function showFailure(log: Logger, name: string, e: unknown): void {
  log.error(`${name} failed`, e);
  void vscode.window.showErrorMessage(`JWT Workbench: ${describeError(e)}`);
}

/**
 * `fn` with any failure logged and shown, never an unhandled rejection.
 * @example vscode.commands.registerCommand(Command.decodeToken, guarded(log, 'decode', decode))
 */
export function guarded<A extends unknown[], R>(log: Logger, name: string, fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (e) {
      showFailure(log, name, e);
      return undefined;
    }
  };
}
