/**
 * The panel verifying with keys from a URL, against a loopback issuer (test/servers/jwksLike.ts) started in the
 * extension host: by JWKS URL and by issuer (OpenID discovery); a redirect, a 5 MB response and a stall each
 * fail with their own code and sentence within the limits (no redirect followed, 1 MB cap, 10 s timeout).
 * The fetch is the extension host's own. Also: the token's own `jku` is never fetched.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateKey, signToken } from '../../src/core';
import type { PanelTestHandle } from '../../src/panel/registerPanel';
import type { KeySource, VerifyReply } from '../../src/panel/protocol';
import type { SignVerifyPanel } from '../../src/panel/panelHost';
import { request } from '../shared/panelProbes';
import { startJwksLike, type JwksLike } from '../servers/jwksLike';

async function verify(panel: SignVerifyPanel, token: string, key: KeySource): Promise<VerifyReply> {
  const reply = await request(panel, 'verify', { token, key, algorithms: [] });
  assert.ok(reply?.ok, 'verify is answered with a result (never an error reply)');
  return reply.result as VerifyReply;
}

describe('sign/verify panel: keys from a URL (integration)', function () {
  this.timeout(40_000);
  let server: JwksLike;
  let panel: SignVerifyPanel;
  let token: string;

  before(async () => {
    await vscode.extensions.getExtension('jwt-workbench.jwt-workbench')?.activate();
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    server = await startJwksLike({ jwks: { keys: [{ ...key.publicJwk, kid: 'k1', use: 'sig', alg: 'ES256' }] } });
    token = await signToken({ header: { alg: 'ES256', kid: 'k1', jku: `${server.url}/evil-jwks.json` }, payload: { iss: server.url, sub: 'alice' }, key: key.privateJwk ?? {} });
    const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.openPanel', { token });
    assert.ok(handle);
    panel = handle.panel;
  });

  after(async () => {
    panel?.dispose();
    await server?.close();
  });

  it('verifies by JWKS URL, and never fetches the token\'s jku', async () => {
    const reply = await verify(panel, token, { kind: 'jwksUrl', url: `${server.url}/jwks.json` });
    assert.equal(reply.message, 'Signature valid');
    assert.equal(reply.valid, true);
    assert.match(reply.keyUsed ?? '', /^EC key \(kid k1\) from the JWKS at http:\/\/127\.0\.0\.1:\d+\/jwks\.json$/);
    assert.deepEqual(reply.algorithms, ['ES256']);
    assert.ok(!server.hits.includes('/evil-jwks.json'));
  });

  it('keeps fetched keys for the panel\'s life; a refresh fetches again', async () => {
    const before = server.hits.filter(h => h === '/jwks.json').length;
    await verify(panel, token, { kind: 'jwksUrl', url: `${server.url}/jwks.json` });
    assert.equal(server.hits.filter(h => h === '/jwks.json').length, before);
    await request(panel, 'keyInfo', { key: { kind: 'jwksUrl', url: `${server.url}/jwks.json` }, refresh: true });
    assert.equal(server.hits.filter(h => h === '/jwks.json').length, before + 1);
  });

  it('verifies by issuer (OpenID configuration names the jwks_uri)', async () => {
    const reply = await verify(panel, token, { kind: 'issuer', url: server.url });
    assert.equal(reply.message, 'Signature valid');
    assert.ok(server.hits.includes('/.well-known/openid-configuration'));
  });

  it('a redirect is not followed: NETWORK_REDIRECT', async () => {
    const reply = await verify(panel, token, { kind: 'jwksUrl', url: `${server.url}/redirect` });
    assert.equal(reply.code, 'NETWORK_REDIRECT');
    assert.equal(reply.message, `The JWKS URL ${server.url}/redirect answered 301 redirecting to https://keys.example.net/jwks.json; redirects are never followed (a token request would be sent again to a host you did not choose). If that is the right address, use it instead.`);
  });

  it('a 5 MB response is cut at 1 MB: NETWORK_TOO_LARGE', async () => {
    const reply = await verify(panel, token, { kind: 'jwksUrl', url: `${server.url}/huge` });
    assert.equal(reply.code, 'NETWORK_TOO_LARGE');
    assert.equal(reply.message, `The JWKS URL ${server.url}/huge sent more than 1 MB, the limit for this request; reading stopped there. Check that the URL points at the JSON document and not at a page or a file.`);
  });

  it('a server that never answers fails after 10 s: NETWORK_TIMEOUT', async () => {
    const started = Date.now();
    const reply = await verify(panel, token, { kind: 'jwksUrl', url: `${server.url}/stall` });
    const took = Date.now() - started;
    assert.equal(reply.code, 'NETWORK_TIMEOUT');
    assert.equal(reply.message, `The JWKS URL ${server.url}/stall did not answer within 10 s: the server is slow or unreachable. Try again, or raise the timeout.`);
    assert.ok(took >= 9_500 && took < 15_000, `failed after ${took} ms`);
  });

  it('plain http to another host is refused before any request', async () => {
    const reply = await verify(panel, token, { kind: 'jwksUrl', url: 'http://keys.example.com/jwks.json' });
    assert.equal(reply.valid, false);
    assert.match(reply.code ?? '', /^NETWORK_/);
    assert.match(reply.message, /http:\/\/keys\.example\.com\/jwks\.json is not https/);
  });
});
