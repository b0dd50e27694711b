import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { signToken } from '../../src/core/sign';
import { verifyToken } from '../../src/core/verify';
import { KeyResolver, decodeSecret } from '../../src/core/keys';
import { JWS_ALGORITHMS } from '../../src/core/types';
import type { KeyMaterial } from '../../src/core/types';
import { rfc7520Jws } from './fixtures/rfc7520';
import { rfc8037A1Key, rfc8037A4 } from './fixtures/rfc8037';
import { rfc7515A2, rfc7515A3 } from './fixtures/rfc7515';

/** Asserts that `promise` rejects with a WorkbenchError of `code` and exactly `message`. */
async function rejectsWith(promise: Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal((e as { code?: string }).code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

function pair(kind: 'rsa' | 'ec' | 'ed25519', option?: string | number): { privateKey: crypto.KeyObject; publicKey: crypto.KeyObject; privateJwk: JWK; publicJwk: JWK } {
  const { privateKey, publicKey } = kind === 'rsa'
    ? crypto.generateKeyPairSync('rsa', { modulusLength: typeof option === 'number' ? option : 2048 })
    : kind === 'ec' ? crypto.generateKeyPairSync('ec', { namedCurve: typeof option === 'string' ? option : 'P-256' }) : crypto.generateKeyPairSync('ed25519');
  return { privateKey, publicKey, privateJwk: privateKey.export({ format: 'jwk' }) as JWK, publicJwk: publicKey.export({ format: 'jwk' }) as JWK };
}

const rsa = pair('rsa');
const ec256 = pair('ec', 'P-256');
const ec384 = pair('ec', 'P-384');
const ec521 = pair('ec', 'P-521');
const ed = pair('ed25519');
const secret64 = crypto.randomBytes(64);
const octJwk: JWK = { kty: 'oct', k: base64url.encode(secret64) };

// keytext/* (a CA, a leaf certificate it signed, chain.pem = leaf + CA) is made by fixtures/make-key-text-fixtures.sh.
const keyText = (name: string): string => readFileSync(path.resolve(__dirname, '../../../test/unit/fixtures/keytext', name), 'utf8');

function signingInput(token: string): Buffer {
  return Buffer.from(token.split('.').slice(0, 2).join('.'));
}
function signatureOf(token: string): Buffer {
  return Buffer.from(base64url.decode(token.split('.')[2] ?? ''));
}

describe('signToken', () => {
  describe('RFC vectors (deterministic signatures must match byte for byte)', () => {
    for (const v of rfc7520Jws.filter(x => x.reproducible)) {
      it(`${v.source}: same token as the RFC`, async () => {
        assert.equal(await signToken({ header: v.header, payload: v.payload, key: v.key }), v.token);
      });
    }
    it('RFC 8037 A.4: Ed25519 signature of "Example of Ed25519 signing" equals the RFC', async () => {
      assert.equal(await signToken({ header: { ...rfc8037A4.header }, payload: rfc8037A4.payload, key: rfc8037A1Key }), rfc8037A4.token);
    });
    for (const v of rfc7520Jws.filter(x => !x.reproducible)) {
      it(`${v.source}: a fresh signature with the RFC key verifies (ECDSA/PSS are randomized)`, async () => {
        const token = await signToken({ header: v.header, payload: v.payload, key: v.key });
        assert.notEqual(token, v.token);
        const r = await verifyToken(token, v.key, { algorithms: [v.alg] });
        assert.equal(r.valid, true);
        assert.equal(r.valid && r.payload, v.payload);
      });
    }
  });

  describe('interop with plain node:crypto', () => {
    const payload = { sub: 'alice', n: 1 };
    it('RS256 signed here verifies with crypto.verify', async () => {
      const t = await signToken({ header: { alg: 'RS256' }, payload, key: rsa.privateJwk });
      assert.equal(crypto.verify('sha256', signingInput(t), rsa.publicKey, signatureOf(t)), true);
    });
    it('ES256 signed here verifies with crypto.verify (ieee-p1363 signature encoding)', async () => {
      const t = await signToken({ header: { alg: 'ES256' }, payload, key: ec256.privateJwk });
      assert.equal(crypto.verify('sha256', signingInput(t), { key: ec256.publicKey, dsaEncoding: 'ieee-p1363' }, signatureOf(t)), true);
    });
    it('EdDSA signed here verifies with crypto.verify', async () => {
      const t = await signToken({ header: { alg: 'EdDSA' }, payload, key: ed.privateJwk });
      assert.equal(crypto.verify(null, signingInput(t), ed.publicKey, signatureOf(t)), true);
    });
    it('HS256 signed here equals createHmac over the signing input', async () => {
      const t = await signToken({ header: { alg: 'HS256' }, payload, key: octJwk });
      assert.deepEqual(signatureOf(t), crypto.createHmac('sha256', secret64).update(signingInput(t)).digest());
    });
  });

  describe('round trip for every JWS algorithm', () => {
    const keys: Record<string, { sign: JWK; verify: JWK }> = {
      HS: { sign: octJwk, verify: octJwk },
      RS: { sign: rsa.privateJwk, verify: rsa.publicJwk },
      PS: { sign: rsa.privateJwk, verify: rsa.publicJwk },
      ES256: { sign: ec256.privateJwk, verify: ec256.publicJwk },
      ES384: { sign: ec384.privateJwk, verify: ec384.publicJwk },
      ES512: { sign: ec521.privateJwk, verify: ec521.publicJwk },
      EdDSA: { sign: ed.privateJwk, verify: ed.publicJwk },
    };
    for (const alg of JWS_ALGORITHMS) {
      it(`${alg}: signs, verifies, and another alg is refused`, async () => {
        const k = keys[alg] ?? keys[alg.slice(0, 2)];
        assert.ok(k);
        const t = await signToken({ header: { alg, typ: 'JWT', kid: 'k1' }, payload: { sub: 'bob' }, key: k.sign });
        const r = await verifyToken(t, k.verify, { algorithms: [alg] });
        assert.equal(r.valid, true, JSON.stringify(r));
        assert.deepEqual(r.valid && r.payload, { sub: 'bob' });
        assert.deepEqual(r.valid && r.header, { alg, typ: 'JWT', kid: 'k1' });
        const other = alg === 'HS256' ? 'HS384' : 'HS256';
        const refused = await verifyToken(t, k.verify, { algorithms: [other] });
        assert.equal(refused.valid, false);
        assert.equal(!refused.valid && refused.code, 'ALG_NOT_ALLOWED');
      });
    }
  });

  describe('inputs', () => {
    it('a string payload is signed as is, byte for byte', async () => {
      const text = ' not JSON {\n ✓ ';
      const t = await signToken({ header: { alg: 'HS256' }, payload: text, key: octJwk });
      assert.equal(Buffer.from(base64url.decode(t.split('.')[1] ?? '')).toString('utf8'), text);
    });
    it('without header.alg, the key\'s own alg is used', async () => {
      const t = await signToken({ header: { typ: 'JWT' }, payload: {}, key: { ...ec256.privateJwk, alg: 'ES256' } });
      assert.equal(JSON.parse(Buffer.from(base64url.decode(t.split('.')[0] ?? '')).toString()).alg, 'ES256');
    });
    it('a stored key (KeyMaterial) signs with its private part and its alg', async () => {
      const material: KeyMaterial = { kid: 'm1', kty: 'EC', alg: 'ES384', publicJwk: ec384.publicJwk, privateJwk: ec384.privateJwk };
      const t = await signToken({ header: {}, payload: { a: 1 }, key: material });
      assert.equal(crypto.verify('sha384', signingInput(t), { key: ec384.publicKey, dsaEncoding: 'ieee-p1363' }, signatureOf(t)), true);
    });
    it('a PKCS#8 PEM private key signs (read by importKey)', async () => {
      const pem = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const t = await signToken({ header: { alg: 'PS256' }, payload: { a: 1 }, key: pem });
      assert.equal(crypto.verify('sha256', signingInput(t), { key: rsa.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signatureOf(t)), true);
    });
    it('secret encodings: the same 32 bytes as utf8, base64, base64url and hex sign identically', async () => {
      const raw = '0123456789abcdef0123456789abcdef';
      const bytes = Buffer.from(raw, 'utf8');
      const tokens = await Promise.all([
        signToken({ header: { alg: 'HS256' }, payload: 'x', key: raw }),
        signToken({ header: { alg: 'HS256' }, payload: 'x', key: bytes.toString('base64'), secretEncoding: 'base64' }),
        signToken({ header: { alg: 'HS256' }, payload: 'x', key: bytes.toString('base64url'), secretEncoding: 'base64url' }),
        signToken({ header: { alg: 'HS256' }, payload: 'x', key: bytes.toString('hex'), secretEncoding: 'hex' }),
      ]);
      assert.equal(new Set(tokens).size, 1);
      assert.deepEqual(signatureOf(tokens[0] ?? ''), crypto.createHmac('sha256', bytes).update(signingInput(tokens[0] ?? '')).digest());
    });
    it('a JWK Set: header.kid picks the key', async () => {
      const set = { keys: [{ ...ec256.privateJwk, kid: 'a' }, { ...ec384.privateJwk, kid: 'b' }, { ...ed.privateJwk, kid: 'c' }] };
      const t = await signToken({ header: { alg: 'EdDSA', kid: 'c' }, payload: {}, key: set });
      assert.equal(crypto.verify(null, signingInput(t), ed.publicKey, signatureOf(t)), true);
    });
  });

  describe('PEM bundles and key text', () => {
    it('the leaf key with its chain and a kid in the header: signs with the one private key', async () => {
      const t = await signToken({ header: { alg: 'ES256', kid: 'my-key-2024' }, payload: { a: 1 }, key: keyText('leaf.key') + keyText('chain.pem') });
      const leafCert = new crypto.X509Certificate(keyText('leaf.crt'));
      assert.equal(crypto.verify('sha256', signingInput(t), { key: leafCert.publicKey, dsaEncoding: 'ieee-p1363' }, signatureOf(t)), true);
    });
    it('without alg in the header, the one private key of the bundle names it', async () => {
      const t = await signToken({ header: {}, payload: { a: 1 }, key: keyText('chain.pem') + keyText('leaf.key') });
      assert.equal(JSON.parse(Buffer.from(base64url.decode(t.split('.')[0] ?? '')).toString()).alg, 'ES256');
    });
    it('two private keys in one PEM text: KEY_AMBIGUOUS', () => rejectsWith(
      signToken({ header: { alg: 'ES256' }, payload: {}, key: keyText('leaf.key') + keyText('ca.key') }),
      'KEY_AMBIGUOUS', 'The PEM text holds 2 private keys; give only the one to sign with.'));
    it('a certificate chain without a private key: KEY_NOT_PRIVATE', () => rejectsWith(
      signToken({ header: { alg: 'ES256' }, payload: {}, key: keyText('chain.pem') }),
      'KEY_NOT_PRIVATE', 'Signing with ES256 needs a private key; this is a public key.'));
    it('a private JWK given as JSON text signs as that JWK', async () => {
      const t = await signToken({ header: { alg: 'ES256' }, payload: { a: 1 }, key: JSON.stringify(ec256.privateJwk) });
      assert.equal(crypto.verify('sha256', signingInput(t), { key: ec256.publicKey, dsaEncoding: 'ieee-p1363' }, signatureOf(t)), true);
    });
    it('a one-key JWK Set as JSON text whose key is marked ES384: KEY_ALG_MISMATCH for ES256', () => rejectsWith(
      signToken({ header: { alg: 'ES256' }, payload: {}, key: JSON.stringify({ keys: [{ ...ec256.privateJwk, alg: 'ES384' }] }) }),
      'KEY_ALG_MISMATCH', 'The key is marked for ES384 (its "alg"); the token uses ES256.'));
  });

  describe('refusals', () => {
    for (const alg of ['none', 'None', 'NONE']) {
      it(`alg ${alg}: ALG_NONE`, () => rejectsWith(signToken({ header: { alg }, payload: {}, key: octJwk }), 'ALG_NONE',
        `"alg": "${alg}" means no signature at all; the workbench does not make unsecured tokens.`));
    }
    it('ES256 with an RSA key: KEY_ALG_MISMATCH', () => rejectsWith(signToken({ header: { alg: 'ES256' }, payload: {}, key: rsa.privateJwk }),
      'KEY_ALG_MISMATCH', 'ES256 needs an EC P-256 private key; this is an RSA key.'));
    it('ES256 with a P-384 key: KEY_ALG_MISMATCH', () => rejectsWith(signToken({ header: { alg: 'ES256' }, payload: {}, key: ec384.privateJwk }),
      'KEY_ALG_MISMATCH', 'ES256 needs an EC P-256 private key; this is an EC P-384 key.'));
    it('HS256 with an EC key: KEY_ALG_MISMATCH', () => rejectsWith(signToken({ header: { alg: 'HS256' }, payload: {}, key: ec256.privateJwk }),
      'KEY_ALG_MISMATCH', 'HS256 needs a shared secret of at least 32 bytes (256 bits); this is an EC P-256 key.'));
    it('a public key: KEY_NOT_PRIVATE', () => rejectsWith(signToken({ header: { alg: 'RS256' }, payload: {}, key: rsa.publicJwk }),
      'KEY_NOT_PRIVATE', 'Signing with RS256 needs a private key; this is a public key.'));
    it('the RFC 7515 A.3 key without "d": KEY_NOT_PRIVATE', () => {
      const { d: _d, ...publicOnly } = rfc7515A3.key;
      void _d;
      return rejectsWith(signToken({ header: { alg: 'ES256' }, payload: {}, key: publicOnly }), 'KEY_NOT_PRIVATE', 'Signing with ES256 needs a private key; this is a public key.');
    });
    it('HS256 with a 16-byte secret: KEY_TOO_WEAK', () => rejectsWith(signToken({ header: { alg: 'HS256' }, payload: {}, key: 'sixteen-bytes!!!' }),
      'KEY_TOO_WEAK', 'HS256 needs a shared secret of at least 32 bytes (256 bits); this one has 16 bytes.'));
    it('HS512 with a 32-byte secret: KEY_TOO_WEAK', () => rejectsWith(signToken({ header: { alg: 'HS512' }, payload: {}, key: '0123456789abcdef0123456789abcdef' }),
      'KEY_TOO_WEAK', 'HS512 needs a shared secret of at least 64 bytes (512 bits); this one has 32 bytes.'));
    it('RS256 with a 1024-bit RSA key: KEY_TOO_WEAK', () => {
      const small = pair('rsa', 1024);
      return rejectsWith(signToken({ header: { alg: 'RS256' }, payload: {}, key: small.privateJwk }),
        'KEY_TOO_WEAK', 'RS256 needs an RSA key of at least 2048 bits; this one has 1024 bits.');
    });
    it('no alg and a key without one: HEADER_INVALID', () => rejectsWith(signToken({ header: { typ: 'JWT' }, payload: {}, key: octJwk }),
      'HEADER_INVALID', 'The header has no "alg": say which algorithm to sign with (for example HS256 or RS256).'));
    it('an unknown alg: ALG_UNSUPPORTED', () => rejectsWith(signToken({ header: { alg: 'HS1' }, payload: {}, key: octJwk }),
      'ALG_UNSUPPORTED', 'The algorithm HS1 is not supported.'));
    it('a critical extension nobody understands: HEADER_CRIT', () => rejectsWith(
      signToken({ header: { alg: 'HS256', crit: ['exp-x'], 'exp-x': 1 }, payload: {}, key: octJwk }),
      'HEADER_CRIT', 'The header marks "exp-x" as critical ("crit"), an extension the workbench does not understand, so the token cannot be accepted.'));
    it('a key marked "use": "enc": KEY_ALG_MISMATCH', () => rejectsWith(
      signToken({ header: { alg: 'RS256' }, payload: {}, key: { ...rfc7515A2.key, use: 'enc' } }),
      'KEY_ALG_MISMATCH', 'This key is marked "use": "enc" (encryption), so it cannot sign.'));
    it('a JWK Set with two fitting keys and no kid: KEY_AMBIGUOUS', () => rejectsWith(
      signToken({ header: { alg: 'ES256' }, payload: {}, key: { keys: [{ ...ec256.privateJwk, kid: 'a' }, { ...pair('ec').privateJwk, kid: 'b' }] } }),
      'KEY_AMBIGUOUS', 'The JWKS has 2 keys that can sign with ES256 (a, b); set "kid" in the header to choose one.'));
  });

  describe('secrets and resolveKey', () => {
    it('bad base64: KEY_FORMAT naming the position', () => assert.throws(() => decodeSecret('abc!def=', 'base64'),
      { code: 'KEY_FORMAT', message: 'The secret is not valid base64: it has a character that is not base64 at position 4.' }));
    it('bad hex: KEY_FORMAT naming the position', () => assert.throws(() => decodeSecret('00ff0g', 'hex'),
      { code: 'KEY_FORMAT', message: 'The secret is not valid hex: it has a character that is not hex at position 6.' }));
    it('odd hex: KEY_FORMAT', () => assert.throws(() => decodeSecret('abc', 'hex'),
      { code: 'KEY_FORMAT', message: 'The secret is not valid hex: it has an odd number of hex digits.' }));
    it('bad base64url: KEY_FORMAT', () => assert.throws(() => decodeSecret('ab+c', 'base64url'),
      { code: 'KEY_FORMAT', message: 'The secret is not valid base64url: it has a character that is not base64url at position 3.' }));
    it('empty secret: KEY_FORMAT', () => assert.throws(() => decodeSecret(''), { code: 'KEY_FORMAT', message: 'The secret is empty.' }));
    it('an unknown encoding: KEY_FORMAT naming it', () => rejectsWith(
      signToken({ header: { alg: 'HS256' }, payload: {}, key: '0123456789abcdef0123456789abcdef', secretEncoding: 'latin1' as unknown as 'utf8' }),
      'KEY_FORMAT', 'The secret encoding latin1 is not known: use utf8, base64, base64url or hex.'));
    it('a key marked "use": "enc" is refused for signing even after the unmarked key signed (cache)', async () => {
      const key = pair('ec');
      await signToken({ header: { alg: 'ES256' }, payload: {}, key: key.privateJwk });
      await rejectsWith(signToken({ header: { alg: 'ES256' }, payload: {}, key: { ...key.privateJwk, use: 'enc' } }),
        'KEY_ALG_MISMATCH', 'This key is marked "use": "enc" (encryption), so it cannot sign.');
    });
    it('a KeyResolver returns the same CryptoKey object again for the same key content (cached)', async () => {
      const keys = new KeyResolver();
      const a = await keys.resolve(ec256.privateJwk, { alg: 'ES256', use: 'sign' });
      const b = await keys.resolve({ ...ec256.privateJwk }, { alg: 'ES256', use: 'sign' });
      assert.equal(a, b);
      const v = await keys.resolve(ec256.privateJwk, { alg: 'ES256', use: 'verify' });
      assert.ok(!(v instanceof Uint8Array) && v.type === 'public');
    });
  });
});
