/**
 * Small pieces the stores share. Only `import type` from vscode: the stores run in plain Node too
 * (benchmarks, unit tests with a fake storage), where vscode's own EventEmitter is not available.
 */
import type * as vscode from 'vscode';

/** A minimal event emitter with vscode's `event` / `fire` / `dispose` shape. */
export class Emitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();
  readonly event = (listener: (e: T) => unknown): vscode.Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

/** Runs operations one at a time, in the order asked; a failed one does not stop the next. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(op, op);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every operation queued so far, and those they queued in turn, has run. */
  async idle(): Promise<void> {
    for (let last: unknown; last !== this.tail;) {
      last = this.tail;
      await this.tail;
    }
  }
}
