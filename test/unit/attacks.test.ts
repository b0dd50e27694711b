import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { verifyToken } from '../../src/core/verify';
import type { VerifyResult } from '../../src/core/verify';
import { signToken } from '../../src/core/sign';
import { decryptToken } from '../../src/core/jwe';

const b64 = (s: string | Buffer) => base64url.encode(s);

function refused(r: VerifyResult): Extract<VerifyResult, { valid: false }> {
  assert.equal(r.valid, false, 'the attack token was accepted');
  if (r.valid) throw new Error('unreachable');
  return r;
}

const SIGNATURE_MESSAGE = 'The signature does not match: the token was changed or signed with another key.';
const user = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const userPublic = user.publicKey.export({ format: 'jwk' }) as JWK;
const attacker = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const attackerPrivate = attacker.privateKey.export({ format: 'jwk' }) as JWK;
const attackerPublic = attacker.publicKey.export({ format: 'jwk' }) as JWK;

describe('attacks', () => {
  describe('alg none, in any case, even with a signature part and "none" in the allowed list', () => {
    const secret = crypto.randomBytes(32);
    const key: JWK = { kty: 'oct', k: base64url.encode(secret) };
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      it(`alg "${alg}": ALG_NONE`, async () => {
        const input = `${b64(JSON.stringify({ alg, typ: 'JWT' }))}.${b64('{"sub":"admin"}')}`;
        const looksValid = b64(crypto.createHmac('sha256', secret).update(input).digest());
        const r = refused(await verifyToken(`${input}.${looksValid}`, key, { algorithms: ['HS256', 'none', alg] }));
        assert.equal(r.code, 'ALG_NONE');
        assert.equal(r.message, `The token has "alg": "${alg}": it carries no signature, so nothing in it can be trusted. It is never accepted.`);
      });
    }
    it('alg none with an empty signature part: ALG_NONE', async () => {
      const r = refused(await verifyToken(`${b64('{"alg":"none"}')}.${b64('{"sub":"admin"}')}.`, key, { algorithms: ['none'] }));
      assert.equal(r.code, 'ALG_NONE');
    });
  });

  describe('key confusion: HS256 signed with the RSA public key (PEM) as the HMAC secret', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"admin"}')}`;
    const forged = `${input}.${b64(crypto.createHmac('sha256', pem).update(input).digest())}`;
    it('verifying with that public key PEM (both algs allowed): the key type does not fit', async () => {
      const r = refused(await verifyToken(forged, pem, { algorithms: ['RS256', 'HS256'] }));
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'HS256 needs a shared secret of at least 32 bytes (256 bits); this is an RSA key.');
    });
    it('verifying with the same key as a JWK: refused the same way', async () => {
      const r = refused(await verifyToken(forged, rsa.publicKey.export({ format: 'jwk' }) as JWK, { algorithms: ['RS256', 'HS256'] }));
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
    });
  });

  describe('empty or forged signatures', () => {
    it('HS256 with an empty signature: SIGNATURE_INVALID', async () => {
      const key: JWK = { kty: 'oct', k: base64url.encode(crypto.randomBytes(32)) };
      const r = refused(await verifyToken(`${b64('{"alg":"HS256"}')}.${b64('{"sub":"admin"}')}.`, key, { algorithms: ['HS256'] }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, SIGNATURE_MESSAGE);
    });
    it('ES256 with an empty signature: SIGNATURE_INVALID', async () => {
      const r = refused(await verifyToken(`${b64('{"alg":"ES256"}')}.${b64('{"sub":"admin"}')}.`, userPublic, { algorithms: ['ES256'] }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
    });
    it('ES256 with r = s = 0 (psychic signature, CVE-2022-21449): SIGNATURE_INVALID', async () => {
      const token = `${b64('{"alg":"ES256"}')}.${b64('{"sub":"admin"}')}.${b64(Buffer.alloc(64))}`;
      const r = refused(await verifyToken(token, userPublic, { algorithms: ['ES256'] }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, SIGNATURE_MESSAGE);
    });
    it('ES256 with r = s = 0 in DER form (accepted by lax parsers): SIGNATURE_INVALID', async () => {
      const token = `${b64('{"alg":"ES256"}')}.${b64('{"sub":"admin"}')}.${b64(Buffer.from('3006020100020100', 'hex'))}`;
      assert.equal(refused(await verifyToken(token, userPublic, { algorithms: ['ES256'] })).code, 'SIGNATURE_INVALID');
    });
  });

  describe('keys named by the token are never used', () => {
    it('embedded "jwk" of the attacker\'s key: verification uses the user\'s key and fails', async () => {
      const token = await signToken({ header: { alg: 'ES256', jwk: attackerPublic }, payload: { sub: 'admin' }, key: attackerPrivate });
      const r = refused(await verifyToken(token, userPublic, { algorithms: ['ES256'] }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, SIGNATURE_MESSAGE);
    });
    it('embedded "jwk" with a JWK Set of the user\'s keys: fails too', async () => {
      const token = await signToken({ header: { alg: 'ES256', jwk: attackerPublic }, payload: { sub: 'admin' }, key: attackerPrivate });
      const r = refused(await verifyToken(token, { keys: [{ ...userPublic, kid: 'u1' }] }, { algorithms: ['ES256'] }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
    });
    it('"jku" and "x5u" pointing at a local server: no request is ever made, and verification fails', async () => {
      let requests = 0;
      const server = http.createServer((_req, res) => {
        requests++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [{ ...attackerPublic, kid: 'evil' }] }));
      });
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const header = { alg: 'ES256', kid: 'evil', jku: `http://127.0.0.1:${port}/jwks.json`, x5u: `http://127.0.0.1:${port}/cert.pem` };
        const token = await signToken({ header, payload: { sub: 'admin' }, key: attackerPrivate });
        const single = refused(await verifyToken(token, userPublic, { algorithms: ['ES256'] }));
        assert.equal(single.code, 'SIGNATURE_INVALID');
        const set = refused(await verifyToken(token, { keys: [{ ...userPublic, kid: 'u1' }] }, { algorithms: ['ES256'] }));
        assert.equal(set.code, 'KEY_NOT_FOUND');
        assert.equal(set.message, 'No key in the JWKS has kid "evil"; it has: u1.');
        await new Promise(resolve => setTimeout(resolve, 100));
        assert.equal(requests, 0);
      } finally {
        server.close();
      }
    });
  });

  describe('wrong curve', () => {
    it('a P-384 key for an ES256 token: KEY_ALG_MISMATCH', async () => {
      const p384 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }) as JWK;
      const token = await signToken({ header: { alg: 'ES256' }, payload: {}, key: attackerPrivate });
      const r = refused(await verifyToken(token, p384, { algorithms: ['ES256'] }));
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'ES256 needs an EC P-256 key; this is an EC P-384 key.');
    });
  });

  describe('resource exhaustion', () => {
    it('a PBES2 token with p2c 10,000,000 is refused fast: PBES2_COUNT', async () => {
      const header = b64(JSON.stringify({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 10_000_000, p2s: b64(crypto.randomBytes(16)) }));
      const token = `${header}.${b64(crypto.randomBytes(24))}.${b64(crypto.randomBytes(12))}.${b64('x')}.${b64(crypto.randomBytes(16))}`;
      const started = Date.now();
      await assert.rejects(decryptToken(token, 'password'), {
        code: 'PBES2_COUNT',
        message: 'The token asks for 10,000,000 PBES2 iterations; the limit is 310,000 (a huge count is a way to hang the editor).',
      });
      assert.ok(Date.now() - started < 1000, 'took too long');
    });
    const huge = `${b64('{"alg":"HS256"}')}.${'A'.repeat(2 * 1024 * 1024)}.AAAA`;
    it('a 2 MB token is refused by verify: TOKEN_TOO_LARGE', async () => {
      const r = refused(await verifyToken(huge, { kty: 'oct', k: 'AAAA' }, { algorithms: ['HS256'] }));
      assert.equal(r.code, 'TOKEN_TOO_LARGE');
      assert.equal(r.message, 'This token is 2.0 MiB long; JWT Workbench reads tokens up to 1 MiB.');
    });
    it('a 2 MB token is refused by decrypt: TOKEN_TOO_LARGE', async () => {
      const jwe = `${b64('{"alg":"dir","enc":"A128GCM"}')}..AAAA.${'A'.repeat(2 * 1024 * 1024)}.AAAA`;
      await assert.rejects(decryptToken(jwe, { kty: 'oct', k: b64(crypto.randomBytes(16)) }), {
        code: 'TOKEN_TOO_LARGE',
        message: 'This token is 2.0 MiB long; JWT Workbench reads tokens up to 1 MiB.',
      });
    });
  });
});
