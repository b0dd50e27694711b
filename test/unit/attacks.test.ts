import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
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

// keytext/* is made by fixtures/make-key-text-fixtures.sh (openssl, ssh-keygen); rfc-jwk-vectors.json holds RFC JWKs.
const FIXTURES = path.resolve(__dirname, '../../../test/unit/fixtures');
const keyText = (name: string): string => readFileSync(path.join(FIXTURES, 'keytext', name), 'utf8');
const rfcJwks = JSON.parse(readFileSync(path.join(FIXTURES, 'rfc-jwk-vectors.json'), 'utf8')) as {
  rfc7638_3_1: { jwk: JWK };
  rfc7517_a1: { jwks: { keys: JWK[] } };
};

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

  describe('key confusion: HS256 signed with key or certificate text as the HMAC secret, that text given as the key', () => {
    // Each text, used as an HMAC secret, verified before the fix: whoever has the public key could forge tokens.
    const leafPem = keyText('leaf.crt');
    const certBase64 = leafPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const spkiBase64 = new crypto.X509Certificate(leafPem).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const notSecret = 'This looks like a key or certificate, not a shared secret:';
    const damagedArmour = 'This looks like a key or certificate, not a shared secret: it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.';
    const sshMessage = (name: string) =>
      `${notSecret} it is an OpenSSH public key (${name}), which cannot be read here. Convert it to PEM (ssh-keygen -e -m PKCS8 -f key.pub) or paste it as a JWK.`;
    const cases: { name: string; text: string; algs: string[]; code: string; message: string }[] = [
      {
        name: 'an RSA public JWK as JSON text (RFC 7638 3.1)', text: JSON.stringify(rfcJwks.rfc7638_3_1.jwk), algs: ['RS256', 'HS256'],
        code: 'KEY_ALG_MISMATCH', message: 'HS256 needs a shared secret of at least 32 bytes (256 bits); this is an RSA key.',
      },
      {
        name: 'a JWK Set as JSON text (RFC 7517 A.1)', text: JSON.stringify(rfcJwks.rfc7517_a1.jwks), algs: ['RS256', 'HS256'],
        code: 'KEY_NOT_FOUND', message: 'No key in the JWKS fits HS256 (it needs a shared secret); it has: 1 (an EC P-256 key), 2011-04-29 (an RSA key).',
      },
      {
        name: 'a certificate in base64 without PEM armour (an "x5c" value)', text: certBase64, algs: ['ES256', 'HS256'],
        code: 'KEY_FORMAT', message: `${notSecret} it is base64 of an X.509 certificate (DER, as in an "x5c" value). Give it as PEM, between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.`,
      },
      {
        name: 'a public key (SPKI) in base64 without PEM armour', text: spkiBase64, algs: ['ES256', 'HS256'],
        code: 'KEY_FORMAT', message: `${notSecret} it is base64 of a public key (SPKI DER). Give it as PEM, between -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines.`,
      },
      {
        name: 'a certificate PEM whose BEGIN line has 4 dashes', text: leafPem.replace('-----BEGIN CERTIFICATE-----', '----BEGIN CERTIFICATE----'), algs: ['ES256', 'HS256'],
        code: 'KEY_FORMAT', message: damagedArmour,
      },
      {
        name: 'a certificate PEM with 3-dash armour on both lines', text: leafPem.replace(/-----/g, '---'), algs: ['ES256', 'HS256'],
        code: 'KEY_FORMAT', message: damagedArmour,
      },
      { name: 'an ssh-ed25519 public key', text: keyText('id_ed25519.pub'), algs: ['EdDSA', 'HS256'], code: 'KEY_FORMAT', message: sshMessage('ssh-ed25519') },
      { name: 'an ssh-rsa public key', text: keyText('id_rsa.pub'), algs: ['RS256', 'HS256'], code: 'KEY_FORMAT', message: sshMessage('ssh-rsa') },
      { name: 'an ecdsa-sha2-nistp256 public key', text: keyText('id_ecdsa.pub'), algs: ['ES256', 'HS256'], code: 'KEY_FORMAT', message: sshMessage('ecdsa-sha2-nistp256') },
    ];
    for (const c of cases) {
      it(`${c.name}: not verified (${c.code})`, async () => {
        const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"admin"}')}`;
        const forged = `${input}.${b64(crypto.createHmac('sha256', c.text).update(input).digest())}`;
        const r = refused(await verifyToken(forged, c.text, { algorithms: c.algs }));
        assert.equal(r.code, c.code);
        assert.equal(r.message, c.message);
      });
    }
    it('JSON text that does not parse: KEY_FORMAT, never quoting the text', async () => {
      const text = '{"kty":"oct","k":SuperSecretValue0123456789abcdefgh}';
      const input = `${b64('{"alg":"HS256"}')}.${b64('{"sub":"admin"}')}`;
      const forged = `${input}.${b64(crypto.createHmac('sha256', text).update(input).digest())}`;
      const r = refused(await verifyToken(forged, text, { algorithms: ['HS256'] }));
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, 'This key starts with "{" like a JWK or JWK Set, but it is not valid JSON, so it cannot be read: check its quotes and commas.');
    });
    it('an ordinary secret that merely contains dashes and spaces still works as a secret', async () => {
      const text = 'my-shared-secret - not a key - 0123456789';
      const input = `${b64('{"alg":"HS256"}')}.${b64('{"sub":"alice"}')}`;
      const token = `${input}.${b64(crypto.createHmac('sha256', text).update(input).digest())}`;
      assert.equal((await verifyToken(token, text, { algorithms: ['HS256'] })).valid, true);
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
