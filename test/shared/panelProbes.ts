/**
 * Driving the sign/verify panel from a test as its webview would, for the integration suites of the Node
 * extension host and of the web worker. Browser-safe: only types from the panel (no `node:*` import).
 */
import type { SignVerifyPanel } from '../../src/panel/panelHost';
import type { FromHost } from '../../src/panel/protocol';

export type Reply = Extract<FromHost, { type: 'reply' }>;

let nextId = 1;

/** Sends a request as the webview would and returns the host's reply to it (undefined when none came). */
export async function request(panel: SignVerifyPanel, method: string, params: unknown): Promise<Reply | undefined> {
  const id = nextId++;
  const replies: FromHost[] = [];
  const sub = panel.onDidPost(m => replies.push(m));
  try {
    await panel.receive({ type: 'request', id, method, params });
  } finally {
    sub.dispose();
  }
  return replies.find((m): m is Reply => m.type === 'reply' && m.id === id);
}

/**
 * The page's next `rendered` report (of the `show` numbered `seq`, when given): the token it was shown is
 * decoded and drawn. Fails after `ms`. Subscribe (call this) before the action that shows something.
 */
export function rendered(panel: SignVerifyPanel, seq?: number, ms = 20_000): Promise<{ seq: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`the page did not report rendered${seq === undefined ? '' : ` for show ${seq}`} within ${ms / 1000} s`));
    }, ms);
    const sub = panel.onDidRender(r => {
      if (seq !== undefined && r.seq !== seq) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(r);
    });
  });
}
