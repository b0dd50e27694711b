/** Where the local test servers listen: 127.0.0.1, a free port. */
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Stops the server; stalled requests hold their sockets open, so they are ended first and close() returns. */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 with a free port. */
export async function listenLocally(server: http.Server): Promise<Listening> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
