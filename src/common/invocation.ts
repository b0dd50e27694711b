/**
 * How a command of a view's surface (Keys, Connected Apps) was called: with an argument object
 * (automation: keybindings, tasks, other extensions, tests — no prompt, errors thrown with their code),
 * from a row of the view (a node), or from the palette (prompts). Every such command takes one optional
 * argument object; the helpers below read its members with a specific error for each wrong one.
 */
import * as vscode from 'vscode';
import { WorkbenchError, describeError } from '../core';
import type { Logger } from '../log';

/** The argument object automation passes. */
export type Args = Readonly<Record<string, unknown>>;

export type Call<Node> =
  | { auto: true; args: Args }
  | { auto: false; node?: Node };

/**
 * Sorts `arg` into a {@link Call}: a row (`isNode`), nothing (the palette), or an argument object.
 * `surface` names the commands in the error for anything else ("Keys").
 */
export function callOf<Node>(arg: unknown, isNode: (v: unknown) => v is Node, surface: string): Call<Node> {
  if (isNode(arg)) return { auto: false, node: arg };
  if (arg === undefined || arg === null) return { auto: false };
  if (typeof arg === 'object' && !Array.isArray(arg)) return { auto: true, args: arg as Args };
  throw new WorkbenchError('OPTION_INVALID', `${surface} commands take one argument object, e.g. { "id": "…" }, or none.`);
}

/**
 * Registers command `id`, its argument sorted by `classify`. With an argument object, failures are
 * thrown as they are (a WorkbenchError keeps its code); otherwise they are shown with their message.
 * Either way they are logged by message only (engine messages never hold key material or tokens).
 */
export function registerCallCommand<Node, T>(
  id: string,
  log: Logger,
  classify: (arg: unknown) => Call<Node>,
  handler: (call: Call<Node>) => Promise<T>,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (arg?: unknown): Promise<T | undefined> => {
    let call: Call<Node> | undefined;
    try {
      call = classify(arg);
      return await handler(call);
    } catch (e) {
      log.warn(`${id} failed: ${describeError(e)}`);
      if (!call || call.auto) throw e;
      void vscode.window.showErrorMessage(describeError(e));
      return undefined;
    }
  });
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('OPTION_INVALID', message);
}

/** A required text member of the argument object. */
export function text(args: Args, name: string): string {
  const v = args[name];
  if (typeof v !== 'string' || v === '') throw invalid(`The argument "${name}" must be non-empty text.`);
  return v;
}

/** An optional text member (absent, or non-empty text). */
export function optionalText(args: Args, name: string): string | undefined {
  return args[name] === undefined ? undefined : text(args, name);
}

/** An optional positive whole number. */
export function optionalCount(args: Args, name: string): number | undefined {
  const v = args[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw invalid(`The argument "${name}" must be a positive whole number.`);
  return v;
}

/** A member that must be one of `choices`. */
export function choice<T extends string>(args: Args, name: string, choices: readonly T[]): T {
  const v = args[name];
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    throw invalid(`The argument "${name}" must be one of ${choices.map(c => `"${c}"`).join(', ')}.`);
  }
  return v as T;
}
