/**
 * Keys by JWKS URL and by issuer, against a loopback issuer with the real fetch; then verifying a token
 * with the keys fetched, as the sign/verify panel will.
 */
import assert from 'node:assert/strict';
import { discoverJwks, fetchJwks } from '../../src/core/jwksRemote';
import { exportKey, generateKey, signToken, verifyToken } from '../../src/core';
import type { JWKSet, KeyMaterial } from '../../src/core';
import { rejectsWith } from './fixtures/oauth';
import { startJwksLike } from '../servers/jwksLike';
import type { JwksLike } from '../servers/jwksLike';

describe('remote keys: JWKS URL and issuer discovery', () => {
  let server: JwksLike;
  let key: KeyMaterial;
  let jwks: JWKSet;
  before(async () => {
    key = await generateKey({ kty: 'EC', crv: 'P-256' });
    jwks = JSON.parse(await exportKey(key, 'public-jwks')) as JWKSet;
    server = await startJwksLike({ jwks });
  });
  afterEach(() => {
    server.options = { jwks };
  });
  after(() => server.close());

  it('fetches a JWK Set by URL, and a token verifies with it', async () => {
    const remote = await fetchJwks(`${server.url}/jwks.json`, { fetch });
    assert.deepEqual(remote.jwks, jwks);
    const token = await signToken({ header: { alg: 'ES256', kid: key.kid }, payload: { sub: 'alice' }, key });
    const result = await verifyToken(token, remote.jwks, { algorithms: ['ES256'] });
    assert.equal(result.valid, true);
  });

  it('discovers the JWKS from the issuer\'s OpenID configuration', async () => {
    const found = await discoverJwks(server.url, { fetch });
    assert.equal(found.issuer, server.url);
    assert.equal(found.url, `${server.url}/jwks.json`);
    assert.equal(found.configurationUrl, `${server.url}/.well-known/openid-configuration`);
    assert.deepEqual(found.jwks, jwks);
  });

  it('accepts the issuer with a trailing slash, or the configuration URL itself', async () => {
    assert.equal((await discoverJwks(`${server.url}/`, { fetch })).issuer, server.url);
    assert.equal((await discoverJwks(`${server.url}/.well-known/openid-configuration`, { fetch })).issuer, server.url);
  });

  it('refuses a configuration that names another issuer', async () => {
    server.options = { jwks, configuration: { issuer: 'https://evil.example' } };
    await rejectsWith(discoverJwks(server.url, { fetch }), 'NETWORK_RESPONSE',
      `The OpenID configuration at ${server.url}/.well-known/openid-configuration names the issuer "https://evil.example", not "${server.url}": its keys belong to another issuer. Use the issuer exactly as the tokens name it in "iss".`);
  });

  it('refuses a jwks_uri that is not https, before fetching it', async () => {
    server.options = { jwks, configuration: { jwks_uri: 'http://keys.example.com/jwks.json' } };
    await rejectsWith(discoverJwks(server.url, { fetch }), 'NETWORK_INSECURE',
      `The OpenID configuration at ${server.url}/.well-known/openid-configuration names a jwks_uri that cannot be used: http://keys.example.com/jwks.json is not https: only https is allowed, or http to this machine (127.0.0.1, ::1, localhost).`);
  });

  it('refuses a configuration without jwks_uri', async () => {
    server.options = { jwks, configuration: { jwks_uri: undefined } };
    await rejectsWith(discoverJwks(server.url, { fetch }), 'NETWORK_RESPONSE',
      `The OpenID configuration at ${server.url}/.well-known/openid-configuration has no "jwks_uri": this issuer publishes no keys to verify with.`);
  });

  it('refuses a configuration without issuer', async () => {
    server.options = { jwks, configuration: { issuer: undefined } };
    await rejectsWith(discoverJwks(server.url, { fetch }), 'NETWORK_RESPONSE',
      `The OpenID configuration at ${server.url}/.well-known/openid-configuration has no "issuer": it is not an OpenID configuration.`);
  });

  it('follows the rules of the HTTP helper for the jwks_uri too (a redirect)', async () => {
    server.options = { jwks, configuration: { jwks_uri: `${server.url}/redirect` } };
    await rejectsWith(discoverJwks(server.url, { fetch }), 'NETWORK_REDIRECT', /redirecting to https:\/\/keys\.example\.net\/jwks\.json/);
  });

  it('a redirect, a 5 MB response and a stall each fail with their own code', async () => {
    await rejectsWith(fetchJwks(`${server.url}/redirect`, { fetch }), 'NETWORK_REDIRECT', /^The JWKS URL .*\/redirect answered 301 redirecting to https:\/\/keys\.example\.net\/jwks\.json;/);
    await rejectsWith(fetchJwks(`${server.url}/huge`, { fetch }), 'NETWORK_TOO_LARGE', /^The JWKS URL .*\/huge sent more than 1 MB/);
    await rejectsWith(fetchJwks(`${server.url}/stall`, { fetch, timeoutMs: 300 }), 'NETWORK_TIMEOUT', /^The JWKS URL .*\/stall did not answer within 300 ms/);
  });

  it('times out the issuer configuration with its own name', async () => {
    await rejectsWith(discoverJwks(`${server.url}/stall`, { fetch, timeoutMs: 300 }), 'NETWORK_TIMEOUT',
      `The OpenID configuration ${server.url}/stall/.well-known/openid-configuration did not answer within 300 ms: the server is slow or unreachable. Try again, or raise the timeout.`);
  });

  describe('names what makes a document not a JWK Set', () => {
    const cases: Array<[string, unknown, string]> = [
      ['a single JWK', { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, 'returned a single JWK, not a JWK Set ({"keys": [...]}).'],
      ['no keys member', { issuer: 'x' }, 'did not return a JWK Set: the JSON has no "keys" array.'],
      ['an array', [{ kty: 'EC' }], 'did not return a JWK Set: the JSON has no "keys" array.'],
      ['keys not an array', { keys: { kty: 'EC' } }, 'returned "keys" that is not an array.'],
      ['no keys', { keys: [] }, 'returned a JWK Set with no keys.'],
      ['a key that is not an object', { keys: [{ kty: 'EC' }, 'abc'] }, 'returned a JWK Set whose key 2 is not a JSON object.'],
      ['a key without kty', { keys: [{ kty: 'RSA' }, { kid: 'k2', n: 'abc' }] }, 'returned a JWK Set whose key 2 has no "kty".'],
    ];
    for (const [name, document, message] of cases) {
      it(name, async () => {
        server.options = { jwks: document };
        await rejectsWith(fetchJwks(`${server.url}/jwks.json`, { fetch }), 'NETWORK_RESPONSE', `The JWKS URL ${server.url}/jwks.json ${message}`);
      });
    }
  });
});
