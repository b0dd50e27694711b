import type * as vscode from 'vscode';
import { describeError } from './core/errors';

/**
 * The extension's one log: a `LogOutputChannel` ("JWT Workbench") the user can raise with
 * *JWT: Show Log* and filter by level. Messages are tagged by component. Never pass a token,
 * a key or a secret to it: log what happened, not the material.
 */
export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  show(): void;
  /** A logger whose lines start with `[component]`. */
  scoped(component: string): Logger;
}

/**
 * A {@link Logger} writing to `channel`, its lines tagged `[component]` when one is given.
 *
 * @example
 * const log = createLogger(vscode.window.createOutputChannel('JWT Workbench', { log: true }));
 * log.scoped('decode').error('decode failed', e); // "[decode] decode failed: <what describeError(e) says>"
 */
export function createLogger(channel: vscode.LogOutputChannel, component?: string): Logger {
  const tag = (m: string): string => (component ? `[${component}] ${m}` : m);
  return {
    trace: m => channel.trace(tag(m)),
    info: m => channel.info(tag(m)),
    warn: m => channel.warn(tag(m)),
    // Any thrown value, not only an Error, says what went wrong (callers pass errors, never material).
    error: (m, e) => channel.error(tag(e === undefined ? m : `${m}: ${describeError(e)}`)),
    show: () => channel.show(true),
    scoped: c => createLogger(channel, component ? `${component}/${c}` : c),
  };
}
