/**
 * A local issuer: `/.well-known/openid-configuration` (issuer = its own origin, jwks_uri = `/jwks.json`) and
 * the JWK Set, plus paths that misbehave the ways remote key fetches must survive — `/redirect`, `/huge`
 * (5 MB, no Content-Length), `/huge-declared` (5 MB announced in Content-Length), `/stall` and anything under it (never answers),
 * `/html` (a 500 error page), `/not-json`, `/status/<n>`, and `/json?body=…` (any JSON a test wants).
 * Listens on 127.0.0.1, port 0. Used by unit tests now and by the sign/verify panel's tests later.
 */
import * as http from 'node:http';
import { HUGE_BYTES, sendHuge } from './huge';
import { listenLocally } from './listen';

export { HUGE_BYTES };

export interface JwksLikeOptions {
  /** The JWK Set served at `/jwks.json`. */
  jwks: unknown;
  /** Overrides parts of the OpenID configuration (e.g. another `issuer`, an insecure `jwks_uri`). */
  configuration?: Record<string, unknown>;
}

export interface JwksLike {
  url: string;
  options: JwksLikeOptions;
  /** Paths requested, in order. */
  hits: string[];
  close(): Promise<void>;
}


export async function startJwksLike(options: JwksLikeOptions): Promise<JwksLike> {
  // The handler reads `live.options` at each request: a test may replace them between requests.
  const live = { options, hits: [] as string[] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    live.hits.push(url.pathname);
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
    };
    // Under /stall/ nothing answers either (an issuer whose configuration never comes).
    if (url.pathname.startsWith('/stall/')) return;
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(200, { issuer: origin, jwks_uri: `${origin}/jwks.json`, token_endpoint: `${origin}/token`, ...live.options.configuration });
      case '/jwks.json':
        return json(200, live.options.jwks);
      case '/json':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(url.searchParams.get('body') ?? '');
        return;
      case '/redirect':
        res.writeHead(301, { Location: 'https://keys.example.net/jwks.json' }).end();
        return;
      case '/huge':
      case '/huge-declared': {
        const declared = url.pathname === '/huge-declared';
        res.writeHead(200, { 'Content-Type': 'application/json', ...(declared ? { 'Content-Length': String(HUGE_BYTES) } : {}) });
        sendHuge(res);
        return;
      }
      case '/stall':
        return;
      case '/stall-body':
        // Headers at once, then a body that never ends: the timeout must cover reading too.
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"keys": [');
        return;
      case '/html':
        res.writeHead(500, { 'Content-Type': 'text/html' })
          .end('<html><head>\n<title>\n  Internal Server Error\n</title></head><body>oops</body></html>');
        return;
      case '/not-json':
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`keys: none here. ${'x'.repeat(400)}`);
        return;
      default: {
        const status = /^\/status\/(\d{3})$/.exec(url.pathname)?.[1];
        if (status) return json(Number(status), { error: 'server_error', error_description: `status ${status} on purpose` });
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      }
    }
  });
  const { origin, close } = await listenLocally(server);
  return Object.assign(live, { url: origin, close });
}
