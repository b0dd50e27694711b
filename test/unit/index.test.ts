/**
 * The engine through its public surface (src/core/index.ts), as an adapter uses it: the whole
 * flow from a new key to a verified token.
 */
import * as assert from 'node:assert/strict';
import * as core from '../../src/core';

describe('src/core public surface', () => {
  it('generates a key, signs, finds the token in text, decodes, explains and verifies it', async () => {
    const key = await core.generateKey({ kty: 'EC', crv: 'P-256' });
    const now = Math.floor(Date.now() / 1000);
    const token = await core.signToken({
      header: { alg: 'ES256', kid: key.kid },
      payload: { iss: 'https://issuer.example', sub: 'alice', aud: 'api', iat: now, exp: now + 600 },
      key,
    });
    const [found] = core.findTokens(`Authorization: Bearer ${token}\n`);
    assert.equal(found?.token, token);
    const decoded = core.decodeToken(token);
    assert.equal(decoded.kind, 'jws');
    const explained = core.explainToken(decoded);
    assert.equal(explained.status, 'valid');
    assert.match(explained.statusText, /expires in (9|10) min/);
    const ok = await core.verifyToken(token, core.publicKeyOf(key), { algorithms: ['ES256'], issuer: 'https://issuer.example', audience: 'api' });
    assert.equal(ok.valid, true);
    const wrongAudience = await core.verifyToken(token, core.publicKeyOf(key), { algorithms: ['ES256'], audience: 'other' });
    assert.equal(wrongAudience.valid, false);
  });

  it('turns any thrown value into a sentence', () => {
    assert.equal(core.describeError(new core.WorkbenchError('TOKEN_EMPTY', 'The token is empty.')), 'The token is empty.');
    assert.equal(core.describeError({}), 'Unexpected error (no details available).');
  });
});
