/** True in a web worker (VS Code for the Web's extension host), false in Node's extension host. */
export function isWebWorker(): boolean {
  const scope = (globalThis as { WorkerGlobalScope?: abstract new () => unknown }).WorkerGlobalScope;
  return scope !== undefined && globalThis instanceof scope;
}
