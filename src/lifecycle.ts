import type * as vscode from 'vscode';

/** Disposes each of `disposables`, in reverse order of registration, and empties the list. */
export function disposeAll(disposables: vscode.Disposable[]): void {
  while (disposables.length > 0) disposables.pop()?.dispose();
}

/**
 * A base for anything that owns disposables: register each with `_register`, and one `dispose()`
 * releases them all (once). Subclasses that need more override `dispose` and call `super.dispose()`.
 *
 * @example
 * class Watcher extends Disposable {
 *   constructor() { super(); this._register(vscode.workspace.onDidChangeConfiguration(…)); }
 * }
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** Keeps `value` to be disposed with this object (at once, when this object is already disposed). */
  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) value.dispose();
    else this.disposables.push(value);
    return value;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.disposables);
  }
}
