import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as zlib from 'node:zlib';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { decryptToken, encryptToken } from '../../src/core/jwe';
import { JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHMS } from '../../src/core/types';
import { rfc7516A1, rfc7516A2, rfc7516A3 } from './fixtures/rfc7516';
import { rfc7520Jwe, rfc7520Nested } from './fixtures/rfc7520';

async function rejectsWith(promise: Promise<unknown>, code: string, message: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code);
    assert.equal((e as Error).message, message);
    return true;
  });
}

function publicOf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}

const RSA1_5_MESSAGE = 'RSA1_5 (RSAES-PKCS1-v1_5) is not supported: it is open to padding-oracle attacks and jose v6 removed it. Use RSA-OAEP-256.';

describe('JWE', () => {
  describe('RFC 7516 appendix A', () => {
    it('A.1 (RSA-OAEP + A256GCM): decrypts to the RFC plaintext', async () => {
      const r = await decryptToken(rfc7516A1.token, rfc7516A1.key);
      assert.equal(r.plaintext, 'The true sign of intelligence is not knowledge but imagination.');
      assert.deepEqual(r.header, { alg: 'RSA-OAEP', enc: 'A256GCM' });
    });
    it('A.2 (RSA1_5): refused as unsupported, with the reason', () => rejectsWith(decryptToken(rfc7516A2.token, rfc7516A2.key), 'ALG_UNSUPPORTED', RSA1_5_MESSAGE));
    it('A.3 (A128KW + A128CBC-HS256): decrypts to "Live long and prosper."', async () => {
      assert.equal((await decryptToken(rfc7516A3.token, rfc7516A3.key)).plaintext, 'Live long and prosper.');
    });
  });

  describe('RFC 7520 section 5 and 6', () => {
    for (const v of rfc7520Jwe) {
      if (v.alg === 'RSA1_5') {
        it(`${v.source}: unsupported`, () => rejectsWith(decryptToken(v.token, v.key), 'ALG_UNSUPPORTED', RSA1_5_MESSAGE));
        continue;
      }
      it(`${v.source}: decrypts to the RFC plaintext`, async () => {
        const r = await decryptToken(v.token, v.key);
        assert.equal(r.plaintext, v.plaintext);
        assert.equal(r.header.alg, v.alg);
        assert.equal(r.header.enc, v.enc);
      });
    }
    it('RFC 7520 6: nested JWT (cty "JWT") is decoded as the inner JWS', async () => {
      const r = await decryptToken(rfc7520Nested.token, rfc7520Nested.decryptionKey);
      assert.equal(r.plaintext, rfc7520Nested.jws);
      assert.equal(r.nested?.kind, 'jws');
      assert.deepEqual(r.nested?.kind === 'jws' && r.nested.payload, JSON.parse(rfc7520Nested.claims));
      assert.deepEqual(r.header, rfc7520Nested.header);
    });
    it('RFC 7520 5.2 with a JWK Set: the kid picks the key', async () => {
      const v = rfc7520Jwe.find(x => x.alg === 'RSA-OAEP');
      assert.ok(v && typeof v.key === 'object');
      const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK;
      const r = await decryptToken(v.token, { keys: [{ ...other, kid: 'other' }, v.key] });
      assert.equal(r.plaintext, v.plaintext);
    });
  });

  describe('round trips: every alg with A128GCM and A256CBC-HS512, every enc with dir', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK;
    const p256 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;
    const p521 = crypto.generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey.export({ format: 'jwk' }) as JWK;
    const x25519 = crypto.generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' }) as JWK;
    const oct = (bytes: number): JWK => ({ kty: 'oct', k: base64url.encode(crypto.randomBytes(bytes)) });
    const keyFor = (alg: string, enc: string): { enc: JWK | string; dec: JWK | string } => {
      if (alg.startsWith('RSA-OAEP')) return { enc: publicOf(rsa), dec: rsa };
      if (alg.startsWith('ECDH-ES')) return alg.endsWith('A192KW') ? { enc: publicOf(p521), dec: p521 } : { enc: publicOf(p256), dec: p256 };
      if (alg.startsWith('PBES2')) return { enc: 'correct horse battery staple', dec: 'correct horse battery staple' };
      const bytes = alg === 'dir'
        ? { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 }[enc] ?? 0
        : Number(alg.slice(1, 4)) / 8;
      const k = oct(bytes);
      return { enc: k, dec: k };
    };
    const cases: [string, string][] = [];
    for (const alg of JWE_KEY_ALGORITHMS) {
      if (alg === 'dir') for (const enc of JWE_CONTENT_ALGORITHMS) cases.push([alg, enc]);
      else for (const enc of ['A128GCM', 'A256CBC-HS512']) cases.push([alg, enc]);
    }
    for (const [alg, enc] of cases) {
      it(`${alg} + ${enc}`, async () => {
        const k = keyFor(alg, enc);
        const header = alg.startsWith('PBES2') ? { p2c: 1000 } : { kid: 'k' };
        const token = await encryptToken({ sub: 'dave', n: 7 }, k.enc, { alg, enc, header });
        const r = await decryptToken(token, k.dec);
        assert.deepEqual(r.payload, { sub: 'dave', n: 7 });
        assert.equal(r.header.alg, alg);
        assert.equal(r.header.enc, enc);
      });
    }
    it('ECDH-ES with an X25519 key', async () => {
      const token = await encryptToken('hello', publicOf(x25519), { alg: 'ECDH-ES', enc: 'A256GCM' });
      assert.equal((await decryptToken(token, x25519)).plaintext, 'hello');
    });
    it('a nested JWT made here comes back decoded', async () => {
      const inner = `${base64url.encode('{"alg":"HS256"}')}.${base64url.encode('{"sub":"erin"}')}.${base64url.encode('sig')}`;
      const k = oct(32);
      const token = await encryptToken(inner, k, { alg: 'A256KW', enc: 'A256GCM', header: { cty: 'jwt' } });
      const r = await decryptToken(token, k);
      assert.deepEqual(r.nested?.kind === 'jws' && r.nested.payload, { sub: 'erin' });
    });
  });

  describe('compressed content (zip "DEF", RFC 7516 4.1.3)', () => {
    // Made with node:zlib and node:crypto (dir + A256GCM, AAD = the encoded header), not with the code under test.
    const key = crypto.randomBytes(32);
    function zipped(plaintext: string): string {
      const header = base64url.encode('{"alg":"dir","enc":"A256GCM","zip":"DEF"}');
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(header));
      const ct = Buffer.concat([cipher.update(zlib.deflateRawSync(Buffer.from(plaintext))), cipher.final()]);
      return `${header}..${base64url.encode(iv)}.${base64url.encode(ct)}.${base64url.encode(cipher.getAuthTag())}`;
    }
    const jwk = { kty: 'oct', k: base64url.encode(key) };
    it('200 KB of compressed text decrypts to the text', async () => {
      const text = `{"a":"${'A'.repeat(200_000)}"}`;
      assert.equal((await decryptToken(zipped(text), jwk)).plaintext, text);
    });
    it('5 MB compressed into a few KB: PAYLOAD_INVALID naming the 250 KB limit', () => rejectsWith(decryptToken(zipped('A'.repeat(5_000_000)), jwk),
      'PAYLOAD_INVALID', 'The compressed content is larger than 250 KB once decompressed; JWT Workbench refuses it to protect the editor.'));
  });

  describe('failures', () => {
    const k = { kty: 'oct', k: base64url.encode(crypto.randomBytes(16)) };
    it('wrong key: DECRYPTION_FAILED, saying wrong key and tampering look alike', async () => {
      const token = await encryptToken('x', k, { alg: 'A128KW', enc: 'A128GCM' });
      await rejectsWith(decryptToken(token, { kty: 'oct', k: base64url.encode(crypto.randomBytes(16)) }), 'DECRYPTION_FAILED',
        'Decryption failed: either this is not the key the token was encrypted for, or the token was changed (the two cannot be told apart).');
    });
    it('tampered ciphertext: DECRYPTION_FAILED', async () => {
      const parts = (await encryptToken('some text here', k, { alg: 'A128KW', enc: 'A128GCM' })).split('.');
      const ct = Buffer.from(base64url.decode(parts[3] ?? ''));
      ct[0] = (ct[0] ?? 0) ^ 1;
      parts[3] = base64url.encode(ct);
      await rejectsWith(decryptToken(parts.join('.'), k), 'DECRYPTION_FAILED',
        'Decryption failed: either this is not the key the token was encrypted for, or the token was changed (the two cannot be told apart).');
    });
    it('RFC 7516 A.3 key for A256KW: KEY_ALG_MISMATCH with the size', () => rejectsWith(
      encryptToken('x', rfc7516A3.key, { alg: 'A256KW', enc: 'A128GCM' }), 'KEY_ALG_MISMATCH',
      'A256KW needs a shared secret of exactly 32 bytes (256 bits); this one has 16 bytes.'));
    it('dir with a key of the wrong size for enc: KEY_ALG_MISMATCH', () => rejectsWith(
      encryptToken('x', rfc7516A3.key, { alg: 'dir', enc: 'A256GCM' }), 'KEY_ALG_MISMATCH',
      'dir with A256GCM needs a shared secret of exactly 32 bytes (256 bits); this one has 16 bytes.'));
    it('RSA-OAEP with an EC key: KEY_ALG_MISMATCH', () => rejectsWith(
      encryptToken('x', { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }, { alg: 'RSA-OAEP', enc: 'A128GCM' }),
      'KEY_ALG_MISMATCH', 'RSA-OAEP needs an RSA key; this is an EC P-256 key.'));
    it('decrypting with a public key: KEY_NOT_PRIVATE', () => rejectsWith(decryptToken(rfc7516A1.token, publicOf(rfc7516A1.key)),
      'KEY_NOT_PRIVATE', 'Decrypting with RSA-OAEP needs a private key; this is a public key.'));
    it('encrypting with RSA1_5: ALG_UNSUPPORTED', () => rejectsWith(encryptToken('x', rfc7516A1.key, { alg: 'RSA1_5', enc: 'A128GCM' }), 'ALG_UNSUPPORTED', RSA1_5_MESSAGE));
    it('an alg outside keyAlgorithms: ALG_NOT_ALLOWED', () => rejectsWith(decryptToken(rfc7516A1.token, rfc7516A1.key, { keyAlgorithms: ['A128KW'] }),
      'ALG_NOT_ALLOWED', 'The token says alg RSA-OAEP, which is not in the allowed algorithms (A128KW).'));
    it('an enc outside contentEncryptionAlgorithms: ALG_NOT_ALLOWED', () => rejectsWith(
      decryptToken(rfc7516A1.token, rfc7516A1.key, { contentEncryptionAlgorithms: ['A128GCM'] }),
      'ALG_NOT_ALLOWED', 'The token says enc A256GCM, which is not in the allowed content encryptions (A128GCM).'));
    it('a JWS given to decrypt: TOKEN_PART_COUNT', () => rejectsWith(decryptToken('eyJhbGciOiJIUzI1NiJ9.e30.AAAA', k),
      'TOKEN_PART_COUNT', 'This is a signed token (JWS, 3 parts), not an encrypted one: verify it instead of decrypting it.'));
    it('an unknown secret encoding: KEY_FORMAT, not a TypeError', () => rejectsWith(
      decryptToken(rfc7516A3.token, 'some password', { secretEncoding: 'latin1' as unknown as 'utf8' }),
      'KEY_FORMAT', 'The secret encoding latin1 is not known: use utf8, base64, base64url or hex.'));
    it('keyAlgorithms that is not a list: OPTION_INVALID, not a TypeError', () => rejectsWith(
      decryptToken(rfc7516A3.token, rfc7516A3.key, { keyAlgorithms: 'A128KW' as unknown as string[] }),
      'OPTION_INVALID', '"keyAlgorithms" must be a list of algorithm names.'));
    it('a PBES2 limit of NaN: OPTION_INVALID', () => rejectsWith(decryptToken(rfc7516A3.token, rfc7516A3.key, { maxPbes2Count: NaN }),
      'OPTION_INVALID', 'The PBES2 iteration limit must be a positive whole number; it is NaN.'));
    it('p2c above a lowered limit: PBES2_COUNT', async () => {
      const v = rfc7520Jwe.find(x => x.alg.startsWith('PBES2'));
      assert.ok(v);
      await rejectsWith(decryptToken(v.token, v.key, { maxPbes2Count: 1000 }), 'PBES2_COUNT',
        'The token asks for 8,192 PBES2 iterations; the limit is 1,000 (a huge count is a way to hang the editor).');
    });
  });
});
