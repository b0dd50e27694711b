/**
 * A client-credentials profile with `private_key_jwt` against a real OAuth server — `oidc-provider` 8.x
 * (9.x needs Node 22) — started here on 127.0.0.1 with one client whose public JWK is the stored key's.
 * The server checks the client assertion as Okta, Keycloak or Auth0 would: signature, iss = sub = client
 * id, aud, exp and a jti it has not seen.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { Command } from '../../src/commands';
import type { RequestResult as Result } from '../../src/profiles/tokenService';
import { listenLocally } from '../servers/listen';
import { activated, run } from './automation';

interface OidcServer {
  issuer: string;
  tokenUrl: string;
  close(): Promise<void>;
}

/** oidc-provider is ESM only: loaded with import(), kept external by esbuild.js. */
async function startOidcProvider(clientJwks: { keys: unknown[] }): Promise<OidcServer> {
  const { default: Provider } = await import('oidc-provider');
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  const { origin: issuer, close } = await listenLocally(server);
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'workbench-client',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: 'api:read',
      jwks: clientJwks,
    }],
    scopes: ['api:read'],
    features: { clientCredentials: { enabled: true }, devInteractions: { enabled: false } },
  });
  handler = provider.callback();
  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    close,
  };
}

describe('Connected Apps against oidc-provider: client credentials with private_key_jwt (integration)', function () {
  this.timeout(60_000);
  let server: OidcServer;
  let profileId = '';

  before(async () => {
    await activated();
    const { id: keyId } = await run<{ id: string }>(Command.keysGenerate, { type: 'P-256', label: 'oidc client key' });
    const publicJwk = JSON.parse(await run<string>(Command.keysExport, { id: keyId, format: 'public-jwk' })) as Record<string, unknown>;
    server = await startOidcProvider({ keys: [publicJwk] });
    ({ id: profileId } = await run<{ id: string }>(Command.profilesCreate, {
      kind: 'client-credentials', name: 'Local OIDC', keyId, tokenUrl: server.tokenUrl, clientId: 'workbench-client', scope: 'api:read',
    }));
  });

  after(async () => {
    await server?.close();
  });

  it('gets an access token with a signed client assertion', async () => {
    const result = await run<Result>(Command.profilesRequestToken, { id: profileId });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.status, 200);
    assert.equal(result.tokenType, 'Bearer');
    assert.equal(result.scope, 'api:read');
    assert.ok(result.expiresAt && Date.parse(result.expiresAt) > Date.now(), 'expires_in gives the expiry');
  });

  it('sends a fresh jti each time: a second request is not a replay', async () => {
    const result = await run<Result>(Command.profilesRequestToken, { id: profileId });
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('explains invalid_client when the server holds another key for the client', async () => {
    const { id: otherKey } = await run<{ id: string }>(Command.keysGenerate, { type: 'P-256', label: 'unregistered key' });
    await run(Command.profilesUpdate, { id: profileId, keyId: otherKey });
    try {
      const result = await run<Result>(Command.profilesRequestToken, { id: profileId });
      assert.equal(result.ok, false);
      assert.equal(result.status, 401);
      assert.equal(result.error, 'invalid_client');
      assert.match(result.explanation ?? '', /the key is not registered with this client/);
    } finally {
      await run(Command.keysDelete, { id: otherKey });
    }
  });

  it('explains invalid_client when aud is neither the token endpoint nor the issuer', async () => {
    // The registered key (the main profile was pointed at another key by the test before).
    const keyId = (await run<Array<{ id: string; label: string }>>(Command.keysList)).find(k => k.label === 'oidc client key')?.id;
    const { id } = await run<{ id: string }>(Command.profilesCreate, {
      kind: 'client-credentials', name: 'Wrong audience', keyId, tokenUrl: server.tokenUrl, clientId: 'workbench-client', audience: 'https://elsewhere.example/token',
    });
    const result = await run<Result>(Command.profilesRequestToken, { id });
    assert.equal(result.ok, false);
    assert.equal(result.error, 'invalid_client');
    assert.match(result.explanation ?? '', /aud is not what the server ex/);
    await run(Command.profilesDelete, { id });
  });
});
