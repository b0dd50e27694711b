import type * as http from 'node:http';

/** How much a "huge" answer sends: well past the engine's 1 MB cap. */
export const HUGE_BYTES = 5 * 1024 * 1024;

/**
 * Streams `HUGE_BYTES` of spaces as the body, honouring back-pressure, so a client that stops reading at its
 * cap is seen to stop (the test servers' "huge response" mode).
 */
export function sendHuge(res: http.ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < HUGE_BYTES) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('error', () => undefined);
  pump();
}
