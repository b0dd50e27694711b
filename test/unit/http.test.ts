/**
 * The guarded HTTP helper against real loopback servers with Node's real fetch, and an injected fetch for
 * what cannot be made locally (DNS failures, TLS codes other than self-signed, the browser's errors).
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { requestJson, urlProblem } from '../../src/core/http';
import type { FetchLike } from '../../src/core/http';
import { exportKey, generateKey } from '../../src/core';
import { createSelfSignedCertificate } from '../../src/core/certificates';
import { rejectsWith } from './fixtures/oauth';
import { startJwksLike } from '../servers/jwksLike';
import type { JwksLike } from '../servers/jwksLike';

/** A fetch that fails the way undici does: TypeError('fetch failed') with the system error as its cause. */
function failingFetch(cause: unknown): FetchLike {
  return () => Promise.reject(new TypeError('fetch failed', { cause }));
}
const systemError = (code: string): Error => Object.assign(new Error(`${code} whatever the text says`), { code });

describe('http: URL rules', () => {
  it('allows https anywhere', () => {
    assert.equal(urlProblem('https://login.salesforce.com/services/oauth2/token'), undefined);
  });
  it('allows http to 127.0.0.0/8, ::1 and localhost', () => {
    assert.equal(urlProblem('http://127.0.0.1:8080/jwks'), undefined);
    assert.equal(urlProblem('http://127.45.6.7/jwks'), undefined);
    assert.equal(urlProblem('http://[::1]:3000/jwks'), undefined);
    assert.equal(urlProblem('http://localhost:3000/jwks'), undefined);
  });
  it('refuses http to any other host, naming the rule', () => {
    assert.equal(urlProblem('http://login.salesforce.com/services/oauth2/token?x=secret'),
      'http://login.salesforce.com/services/oauth2/token is not https: only https is allowed, or http to this machine (127.0.0.1, ::1, localhost).');
  });
  it('refuses a host that only starts like loopback', () => {
    assert.match(urlProblem('http://127.0.0.1.nip.io/jwks') ?? '', /is not https/);
  });
  it('refuses other schemes', () => {
    assert.equal(urlProblem('ftp://example.com/jwks'), 'ftp://example.com/jwks uses ftp: only https is allowed (or http to this machine).');
  });
  it('refuses credentials in the URL without repeating them', () => {
    assert.equal(urlProblem('https://alice:hunter2@example.com/token'),
      'https://example.com/token carries a user name or password in the URL; the workbench never sends credentials that way.');
  });
  it('refuses text that is not a URL', async () => {
    await rejectsWith(requestJson({ url: 'login.salesforce.com', fetch, purpose: 'token endpoint' }), 'OPTION_INVALID',
      'The token endpoint cannot be used: "login.salesforce.com" is not a URL: write it in full, starting with https://.');
  });
  it('refuses an insecure URL before any request is made', async () => {
    let called = false;
    const spy: FetchLike = () => {
      called = true;
      return Promise.reject(new Error('unreachable'));
    };
    await rejectsWith(requestJson({ url: 'http://example.com/jwks', fetch: spy, purpose: 'JWKS URL' }), 'NETWORK_INSECURE',
      'The JWKS URL cannot be used: http://example.com/jwks is not https: only https is allowed, or http to this machine (127.0.0.1, ::1, localhost).');
    assert.equal(called, false);
  });
});

describe('http: against a loopback server with the real fetch', () => {
  let server: JwksLike;
  before(async () => {
    server = await startJwksLike({ jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] } });
  });
  after(() => server.close());

  it('returns status, headers, the server Date, parsed JSON and the duration', async () => {
    const r = await requestJson({ url: `${server.url}/jwks.json`, fetch, purpose: 'JWKS URL' });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] });
    assert.equal(r.headers['content-type'], 'application/json');
    assert.ok(r.serverDate && Math.abs(r.serverDate.getTime() - Date.now()) < 5000, 'Date header read');
    assert.ok(r.durationMs >= 0 && r.durationMs < 5000);
  });

  it('refuses a redirect, naming its target, and does not follow it', async () => {
    const before = server.hits.length;
    await rejectsWith(requestJson({ url: `${server.url}/redirect`, fetch, purpose: 'JWKS URL' }), 'NETWORK_REDIRECT',
      `The JWKS URL ${server.url}/redirect answered 301 redirecting to https://keys.example.net/jwks.json; redirects are never followed (a token request would be sent again to a host you did not choose). If that is the right address, use it instead.`);
    assert.equal(server.hits.length, before + 1);
  });

  it('stops reading a 5 MB body at the 1 MB cap', async () => {
    const started = Date.now();
    await rejectsWith(requestJson({ url: `${server.url}/huge`, fetch, purpose: 'JWKS URL' }), 'NETWORK_TOO_LARGE',
      `The JWKS URL ${server.url}/huge sent more than 1 MB, the limit for this request; reading stopped there. Check that the URL points at the JSON document and not at a page or a file.`);
    assert.ok(Date.now() - started < 5000);
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/huge-declared`, fetch, purpose: 'JWKS URL' }), 'NETWORK_TOO_LARGE', /sent more than 1 MB/);
  });

  it('honours a caller-set byte cap', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/not-json`, fetch, purpose: 'JWKS URL', maxBytes: 100 }), 'NETWORK_TOO_LARGE',
      /sent more than 100 bytes, the limit for this request/);
  });

  it('fails a stalled server by timeout', async () => {
    const started = Date.now();
    await rejectsWith(requestJson({ url: `${server.url}/stall`, fetch, purpose: 'JWKS URL', timeoutMs: 300 }), 'NETWORK_TIMEOUT',
      `The JWKS URL ${server.url}/stall did not answer within 300 ms: the server is slow or unreachable. Try again, or raise the timeout.`);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 4000, `took ${elapsed} ms`);
  });

  it('fails by timeout when the body never ends', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/stall-body`, fetch, purpose: 'JWKS URL', timeoutMs: 300 }), 'NETWORK_TIMEOUT', /did not answer within 300 ms/);
  });

  it('is cancelled by the caller\'s signal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(requestJson({ url: `${server.url}/stall`, fetch, purpose: 'token endpoint', signal: controller.signal }), 'NETWORK_CANCELLED',
      `The request to the token endpoint ${server.url}/stall was cancelled.`);
  });

  it('names an HTML error page by its title', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/html`, fetch, purpose: 'JWKS URL' }), 'NETWORK_HTTP',
      `The JWKS URL ${server.url}/html answered HTTP 500 Internal Server Error (an HTML page titled "Internal Server Error"). The server failed; try again later.`);
  });

  it('shows the first 200 characters of a body that is not JSON', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/not-json`, fetch, purpose: 'JWKS URL' }), 'NETWORK_RESPONSE',
      `The JWKS URL ${server.url}/not-json answered 200 with a body that is not JSON (text/plain: "keys: none here. ${'x'.repeat(183)}…").`);
  });

  it('never echoes a body that names a token', async () => {
    const body = encodeURIComponent('access_token=gho_secret123&token_type=bearer');
    await rejectsWith(requestJson({ url: `${server.url}/json?body=${body}`, fetch, purpose: 'token endpoint' }), 'NETWORK_RESPONSE',
      `The token endpoint ${server.url}/json answered 200 with a body that is not JSON (application/json, not shown because it names a token).`);
  });

  it('names an empty body', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/json`, fetch, purpose: 'JWKS URL' }), 'NETWORK_RESPONSE',
      `The JWKS URL ${server.url}/json answered 200 with an empty body.`);
  });

  it('reports an HTTP status with the OAuth error the body carries', async () => {
    await rejectsWith(requestJson({ url: `${server.url}/status/404`, fetch, purpose: 'JWKS URL' }), 'NETWORK_HTTP',
      `The JWKS URL ${server.url}/status/404 answered HTTP 404 Not Found (server_error: status 404 on purpose). Check the path of the URL.`);
  });

  it('returns an error status with a JSON object when the caller accepts OAuth errors', async () => {
    const r = await requestJson({ url: `${server.url}/status/400`, fetch, acceptErrorJson: true });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json, { error: 'server_error', error_description: 'status 400 on purpose' });
  });

  it('names a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>(resolve => closed.close(() => resolve()));
    await rejectsWith(requestJson({ url: `http://127.0.0.1:${port}/jwks`, fetch, purpose: 'JWKS URL' }), 'NETWORK_UNREACHABLE',
      `The JWKS URL http://127.0.0.1:${port}/jwks could not be reached: 127.0.0.1:${port} refused the connection: nothing is listening on that port.`);
  });
});

describe('http: TLS', () => {
  it('names a self-signed certificate (a real https server on 127.0.0.1)', async () => {
    const key = await generateKey({ kty: 'RSA', bits: 2048 });
    const cert = await createSelfSignedCertificate(key, { subject: 'CN=127.0.0.1' });
    const server = https.createServer({ key: await exportKey(key, 'private-pem'), cert }, (_req, res) => res.end('{}'));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await rejectsWith(requestJson({ url: `https://127.0.0.1:${port}/jwks`, fetch, purpose: 'JWKS URL' }), 'NETWORK_TLS',
        `The JWKS URL https://127.0.0.1:${port}/jwks could not be reached securely: its certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT).`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
  });

  it('names a host name mismatch from its code', async () => {
    await rejectsWith(requestJson({ url: 'https://idp.example.com/jwks', fetch: failingFetch(systemError('ERR_TLS_CERT_ALTNAME_INVALID')), purpose: 'JWKS URL' }),
      'NETWORK_TLS', 'The JWKS URL https://idp.example.com/jwks could not be reached securely: its certificate is for a different host name (ERR_TLS_CERT_ALTNAME_INVALID).');
  });

  it('names an unverifiable chain (e.g. a re-signing proxy) from its code', async () => {
    await rejectsWith(requestJson({ url: 'https://idp.example.com/jwks', fetch: failingFetch(systemError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')), purpose: 'JWKS URL' }),
      'NETWORK_TLS', /the issuer of its certificate is not trusted here \(a corporate proxy\? add its root certificate to the system\) \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\)\.$/);
  });

  it('maps by code, never by the error text', async () => {
    const misleading = Object.assign(new Error('certificate has expired'), { code: 'ENOTFOUND' });
    await rejectsWith(requestJson({ url: 'https://idp.example.com/jwks', fetch: failingFetch(misleading), purpose: 'JWKS URL' }), 'NETWORK_UNREACHABLE', /was not found \(DNS\)/);
  });
});

describe('http: failures made with an injected fetch', () => {
  it('names a host that DNS does not know', async () => {
    await rejectsWith(requestJson({ url: 'https://login.salesforce.cmo/services/oauth2/token', fetch: failingFetch(systemError('ENOTFOUND')), purpose: 'token endpoint' }),
      'NETWORK_UNREACHABLE', 'The token endpoint https://login.salesforce.cmo/services/oauth2/token could not be reached: the host name login.salesforce.cmo was not found (DNS). Check the spelling, or your network.');
  });

  it('names DNS that is not answering', async () => {
    await rejectsWith(requestJson({ url: 'https://login.salesforce.com/x', fetch: failingFetch(systemError('EAI_AGAIN')), purpose: 'token endpoint' }),
      'NETWORK_UNREACHABLE', 'The token endpoint https://login.salesforce.com/x could not be reached: the host name login.salesforce.com could not be looked up right now (DNS is not answering). Check your network and try again.');
  });

  it('reads the code inside an AggregateError (several addresses tried)', async () => {
    const aggregate = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')], 'connect failed');
    await rejectsWith(requestJson({ url: 'http://localhost:9/jwks', fetch: failingFetch(aggregate), purpose: 'JWKS URL' }),
      'NETWORK_UNREACHABLE', 'The JWKS URL http://localhost:9/jwks could not be reached: localhost:9 refused the connection: nothing is listening on that port.');
  });

  it('says CORS may be the cause when a browser fails to fetch', async () => {
    const browser: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));
    await rejectsWith(requestJson({ url: 'https://idp.example.com/jwks', fetch: browser, purpose: 'JWKS URL' }), 'NETWORK_UNREACHABLE',
      'The JWKS URL https://idp.example.com/jwks could not be reached. In VS Code for the Web the browser\'s CORS rules may be the cause: the server must allow this origin (Access-Control-Allow-Origin), or use desktop VS Code. Otherwise check the address and your network.');
  });

  it('refuses a browser\'s opaque redirect', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null } as unknown as Response;
    await rejectsWith(requestJson({ url: 'https://idp.example.com/jwks', fetch: () => Promise.resolve(opaque), purpose: 'JWKS URL' }), 'NETWORK_REDIRECT',
      'The JWKS URL https://idp.example.com/jwks answered with a redirect (the browser hides where to); redirects are never followed. Use the final URL instead.');
  });

  it('sends the request as asked: method, form body, no redirects, Accept JSON', async () => {
    let seen: RequestInit | undefined;
    const spy: FetchLike = (_url, init) => {
      seen = init;
      return Promise.resolve(new Response('{"ok":true}', { status: 200 }));
    };
    await requestJson({ url: 'https://idp.example.com/token', fetch: spy, method: 'POST', body: new URLSearchParams({ a: '1' }) });
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.redirect, 'manual');
    assert.equal(String(seen?.body), 'a=1');
    assert.deepEqual(seen?.headers, { accept: 'application/json' });
  });
});
