import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { signToken } from '../../src/core/sign';
import { verifyToken } from '../../src/core/verify';
import type { VerifyOptions, VerifyResult } from '../../src/core/verify';
import type { KeyInput } from '../../src/core/types';
import { rfc7515A1, rfc7515A2, rfc7515A3, rfc7515A4 } from './fixtures/rfc7515';
import { rfc7520Jws, rfc7520Nested } from './fixtures/rfc7520';
import { rfc8037A1Key, rfc8037A4 } from './fixtures/rfc8037';

/** 2011-03-22T18:36:40Z: before the RFC 7515 example tokens expire (exp 1300819380 = 18:43:00Z). */
const BEFORE_RFC_EXP = new Date(1300819000 * 1000);

function publicOf(jwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
  return rest;
}

async function invalid(token: string, key: KeyInput, options: VerifyOptions): Promise<Extract<VerifyResult, { valid: false }>> {
  const r = await verifyToken(token, key, options);
  assert.equal(r.valid, false, 'expected the token to be refused');
  if (r.valid) throw new Error('unreachable');
  return r;
}

const b64 = (s: string) => base64url.encode(s);
// keytext/* (a CA, a leaf certificate it signed, chain.pem = leaf + CA) is made by fixtures/make-key-text-fixtures.sh.
const keyText = (name: string): string => readFileSync(path.resolve(__dirname, '../../../test/unit/fixtures/keytext', name), 'utf8');
const hmacKey: JWK = { kty: 'oct', k: base64url.encode(crypto.randomBytes(32)) };

describe('verifyToken', () => {
  describe('RFC 7515 appendix A', () => {
    for (const v of [rfc7515A1, rfc7515A2, rfc7515A3]) {
      it(`${v.source}: valid with the RFC key, claims read`, async () => {
        const r = await verifyToken(v.token, v.alg === 'HS256' ? v.key : publicOf(v.key), { algorithms: [v.alg], currentDate: BEFORE_RFC_EXP });
        assert.equal(r.valid, true, JSON.stringify(r));
        assert.deepEqual(r.valid && r.payload, { iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
      });
    }
    it('RFC 7515 A.4 (ES512): valid, and its non-JSON payload "Payload" comes back as text', async () => {
      const r = await verifyToken(rfc7515A4.token, publicOf(rfc7515A4.key), { algorithms: ['ES512'] });
      assert.equal(r.valid && r.payload, 'Payload');
    });
    it('RFC 7515 A.1 today: expired (exp 2011-03-22T18:43:00Z)', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], currentDate: new Date((1300819380 + 12 * 60) * 1000) });
      assert.equal(r.code, 'CLAIM_EXPIRED');
      assert.equal(r.message, 'Expired at 2011-03-22T18:43:00Z, 12 min ago (clock tolerance 0 s).');
      assert.deepEqual(r.header, { typ: 'JWT', alg: 'HS256' });
    });
    it('RFC 7515 A.2 token with the A.3 key: the key type does not fit', async () => {
      const r = await invalid(rfc7515A2.token, publicOf(rfc7515A3.key), { algorithms: ['RS256'], currentDate: BEFORE_RFC_EXP });
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'RS256 needs an RSA key; this is an EC P-256 key.');
    });
    it('RFC 7515 A.1 token with one byte of the payload changed: SIGNATURE_INVALID', async () => {
      const [h, , s] = rfc7515A1.token.split('.');
      const changed = `${h}.${b64('{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":false}')}.${s}`;
      const r = await invalid(changed, rfc7515A1.key, { algorithms: ['HS256'], currentDate: BEFORE_RFC_EXP });
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, 'The signature does not match: the token was changed or signed with another key.');
    });
  });

  describe('RFC 7520 section 4 and 6, RFC 8037 A.4', () => {
    for (const v of rfc7520Jws) {
      it(`${v.source}: valid, payload text exact, kid and key reported`, async () => {
        const r = await verifyToken(v.token, v.alg.startsWith('HS') ? v.key : publicOf(v.key), { algorithms: [v.alg] });
        assert.equal(r.valid, true, JSON.stringify(r));
        if (!r.valid) return;
        assert.equal(r.payload, v.payload);
        assert.equal(r.kid, v.header.kid);
        assert.deepEqual(r.key, { kid: v.key.kid, kty: v.key.kty });
      });
    }
    it('RFC 7520 6: the inner JWS (PS256) verifies with the signing key', async () => {
      const r = await verifyToken(rfc7520Nested.jws, publicOf(rfc7520Nested.signingKey), { algorithms: ['PS256'], currentDate: BEFORE_RFC_EXP });
      assert.deepEqual(r.valid && r.payload, JSON.parse(rfc7520Nested.claims));
    });
    it('RFC 8037 A.4 (EdDSA) verifies with the public key of A.2', async () => {
      const r = await verifyToken(rfc8037A4.token, publicOf(rfc8037A1Key), { algorithms: ['EdDSA'] });
      assert.equal(r.valid && r.payload, 'Example of Ed25519 signing');
    });
  });

  describe('interop: signed with plain node:crypto, verified here', () => {
    const input = (alg: string) => `${b64(JSON.stringify({ alg, typ: 'JWT' }))}.${b64(JSON.stringify({ sub: 'carol' }))}`;
    const check = async (alg: string, sig: Buffer, key: JWK) => {
      const r = await verifyToken(`${input(alg)}.${base64url.encode(sig)}`, key, { algorithms: [alg] });
      assert.equal(r.valid, true, JSON.stringify(r));
      assert.deepEqual(r.valid && r.payload, { sub: 'carol' });
    };
    it('RS256 (crypto.sign)', async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      await check('RS256', crypto.sign('sha256', Buffer.from(input('RS256')), privateKey), publicKey.export({ format: 'jwk' }) as JWK);
    });
    it('ES256 (crypto.sign, ieee-p1363)', async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      await check('ES256', crypto.sign('sha256', Buffer.from(input('ES256')), { key: privateKey, dsaEncoding: 'ieee-p1363' }), publicKey.export({ format: 'jwk' }) as JWK);
    });
    it('EdDSA (crypto.sign with Ed25519)', async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
      await check('EdDSA', crypto.sign(null, Buffer.from(input('EdDSA')), privateKey), publicKey.export({ format: 'jwk' }) as JWK);
    });
    it('HS256 (createHmac), key given as a utf8 secret string', async () => {
      const secret = 'a-shared-secret-of-32-characters';
      const sig = crypto.createHmac('sha256', secret).update(input('HS256')).digest();
      const r = await verifyToken(`${input('HS256')}.${base64url.encode(sig)}`, secret, { algorithms: ['HS256'] });
      assert.equal(r.valid, true);
    });
    it('RS256 with the public key as SPKI PEM', async () => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const sig = crypto.sign('sha256', Buffer.from(input('RS256')), privateKey);
      const r = await verifyToken(`${input('RS256')}.${base64url.encode(sig)}`, publicKey.export({ format: 'pem', type: 'spki' }).toString(), { algorithms: ['RS256'] });
      assert.equal(r.valid, true, JSON.stringify(r));
    });
  });

  describe('claims', () => {
    const now = new Date('2026-11-23T16:12:00Z');
    const t = (s: number) => Math.floor(new Date(s).getTime() / 1000);
    const sign = (payload: Record<string, unknown>) => signToken({ header: { alg: 'HS256' }, payload, key: hmacKey });
    const opts = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ algorithms: ['HS256'], currentDate: now, ...extra });

    it('exp in the past: CLAIM_EXPIRED with when and how long ago', async () => {
      const r = await invalid(await sign({ exp: t(Date.parse('2026-11-23T16:00:00Z')) }), hmacKey, opts());
      assert.equal(r.code, 'CLAIM_EXPIRED');
      assert.equal(r.message, 'Expired at 2026-11-23T16:00:00Z, 12 min ago (clock tolerance 0 s).');
    });
    it('exp 12 min ago is accepted with a 15 min clock tolerance', async () => {
      const r = await verifyToken(await sign({ exp: t(Date.parse('2026-11-23T16:00:00Z')) }), hmacKey, opts({ clockTolerance: 900 }));
      assert.equal(r.valid, true);
    });
    it('exp 12 min ago with 60 s tolerance: the message names the tolerance', async () => {
      const r = await invalid(await sign({ exp: t(Date.parse('2026-11-23T16:00:00Z')) }), hmacKey, opts({ clockTolerance: 60 }));
      assert.equal(r.message, 'Expired at 2026-11-23T16:00:00Z, 12 min ago (clock tolerance 60 s).');
    });
    it('nbf in the future: CLAIM_NOT_YET_VALID', async () => {
      const r = await invalid(await sign({ nbf: t(Date.parse('2026-11-23T16:17:00Z')) }), hmacKey, opts());
      assert.equal(r.code, 'CLAIM_NOT_YET_VALID');
      assert.equal(r.message, 'Not valid before 2026-11-23T16:17:00Z, in 5 min (clock tolerance 0 s).');
    });
    it('nbf 5 min ahead is accepted with a 10 min tolerance', async () => {
      assert.equal((await verifyToken(await sign({ nbf: t(Date.parse('2026-11-23T16:17:00Z')) }), hmacKey, opts({ clockTolerance: 600 }))).valid, true);
    });
    it('issuer mismatch: CLAIM_ISSUER', async () => {
      const r = await invalid(await sign({ iss: 'x' }), hmacKey, opts({ issuer: 'y' }));
      assert.equal(r.code, 'CLAIM_ISSUER');
      assert.equal(r.message, 'Issuer is "x"; expected "y".');
    });
    it('issuer mismatch against a list', async () => {
      const r = await invalid(await sign({ iss: 'x' }), hmacKey, opts({ issuer: ['y', 'z'] }));
      assert.equal(r.message, 'Issuer is "x"; expected one of "y", "z".');
    });
    it('audience mismatch: CLAIM_AUDIENCE', async () => {
      const r = await invalid(await sign({ aud: ['a', 'b'] }), hmacKey, opts({ audience: 'c' }));
      assert.equal(r.code, 'CLAIM_AUDIENCE');
      assert.equal(r.message, 'Audience is ["a","b"]; expected "c".');
    });
    it('audience found in the token\'s list: valid', async () => {
      assert.equal((await verifyToken(await sign({ aud: ['a', 'b'] }), hmacKey, opts({ audience: 'b' }))).valid, true);
    });
    it('missing required claim: CLAIM_MISSING', async () => {
      const r = await invalid(await sign({ sub: 'a' }), hmacKey, opts({ requiredClaims: ['jti'] }));
      assert.equal(r.code, 'CLAIM_MISSING');
      assert.equal(r.message, 'The required claim "jti" is missing.');
    });
    it('expected issuer but no iss at all: CLAIM_MISSING', async () => {
      const r = await invalid(await sign({ sub: 'a' }), hmacKey, opts({ issuer: 'y' }));
      assert.equal(r.message, 'The required claim "iss" is missing.');
    });
    it('exp that is not a number: CLAIM_INVALID', async () => {
      const r = await invalid(await sign({ exp: 'tomorrow' }), hmacKey, opts());
      assert.equal(r.code, 'CLAIM_INVALID');
      assert.equal(r.message, 'The "exp" claim must be a number of seconds since 1970 (NumericDate); it is "tomorrow".');
    });
    it('older than maxTokenAge: CLAIM_EXPIRED', async () => {
      const r = await invalid(await sign({ iat: t(Date.parse('2026-11-23T14:12:00Z')) }), hmacKey, opts({ maxTokenAge: 3600 }));
      assert.equal(r.code, 'CLAIM_EXPIRED');
      assert.equal(r.message, 'Issued at 2026-11-23T14:12:00Z, 2 h ago: older than the maximum age of 3600 s (clock tolerance 0 s).');
    });
    it('subject mismatch: CLAIM_INVALID', async () => {
      const r = await invalid(await sign({ sub: 'a' }), hmacKey, opts({ subject: 'b' }));
      assert.equal(r.message, 'Subject is "a"; expected "b".');
    });
    it('an expired token with an unencoded payload (b64: false, RFC 7797): HEADER_INVALID, never valid', async () => {
      const secret = crypto.randomBytes(32);
      const header = b64('{"alg":"HS256","b64":false,"crit":["b64"]}');
      const payload = '{"sub":"x","exp":1}';
      // RFC 7797 section 3: the signing input is the encoded header, a dot, and the payload bytes as they are.
      const sig = base64url.encode(crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest());
      const r = await invalid(`${header}.${payload}.${sig}`, { kty: 'oct', k: base64url.encode(secret) }, { algorithms: ['HS256'] });
      assert.equal(r.code, 'HEADER_INVALID');
      assert.equal(r.message, 'Unencoded payloads (b64: false, RFC 7797) are not supported for verification.');
    });
    it('claims asked of a non-JSON payload: PAYLOAD_INVALID', async () => {
      const token = await signToken({ header: { alg: 'HS256' }, payload: 'plain text', key: hmacKey });
      const r = await invalid(token, hmacKey, opts({ issuer: 'y' }));
      assert.equal(r.code, 'PAYLOAD_INVALID');
      assert.equal(r.message, 'The signature is valid, but the payload is not a JSON object, so its claims (iss) cannot be checked.');
    });
  });

  describe('JWK Sets', () => {
    const a = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const b = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwkA = { ...(a.privateKey.export({ format: 'jwk' }) as JWK), kid: 'k1' };
    const jwkB = { ...(b.privateKey.export({ format: 'jwk' }) as JWK), kid: 'k2' };
    const set = { keys: [publicOf(jwkA), publicOf(jwkB)] };
    it('picks the key by kid', async () => {
      const token = await signToken({ header: { alg: 'ES256', kid: 'k2' }, payload: { x: 1 }, key: jwkB });
      const r = await verifyToken(token, set, { algorithms: ['ES256'] });
      assert.deepEqual(r.valid && r.key, { kid: 'k2', kty: 'EC' });
      assert.equal(r.valid && r.kid, 'k2');
    });
    it('an unknown kid: KEY_NOT_FOUND listing the kids there are', async () => {
      const token = await signToken({ header: { alg: 'ES256', kid: 'abc' }, payload: { x: 1 }, key: jwkB });
      const r = await invalid(token, set, { algorithms: ['ES256'] });
      assert.equal(r.code, 'KEY_NOT_FOUND');
      assert.equal(r.message, 'No key in the JWKS has kid "abc"; it has: k1, k2.');
    });
    it('no kid: tries each key that fits and reports the one that matched', async () => {
      const token = await signToken({ header: { alg: 'ES256' }, payload: { x: 1 }, key: jwkB });
      const r = await verifyToken(token, set, { algorithms: ['ES256'] });
      assert.deepEqual(r.valid && r.key, { kid: 'k2', kty: 'EC' });
    });
    it('no kid and no key matches: SIGNATURE_INVALID naming the keys tried', async () => {
      const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;
      const token = await signToken({ header: { alg: 'ES256' }, payload: { x: 1 }, key: other });
      const r = await invalid(token, set, { algorithms: ['ES256'] });
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, 'The signature does not match any of the 2 keys in the JWKS that fit ES256 (k1, k2).');
    });
    it('no key of the right type: KEY_NOT_FOUND saying what is needed', async () => {
      const token = await signToken({ header: { alg: 'RS256' }, payload: {}, key: rfc7515A2.key });
      const r = await invalid(token, set, { algorithms: ['RS256'] });
      assert.equal(r.code, 'KEY_NOT_FOUND');
      assert.equal(r.message, 'No key in the JWKS fits RS256 (it needs an RSA key); it has: k1 (an EC P-256 key), k2 (an EC P-256 key).');
    });
  });

  describe('a JWK Set key\'s own "alg"', () => {
    // RFC 7520 6 signs with PS256; the same key marked "alg": "RS256" must not verify it.
    const marked = { ...publicOf(rfc7520Nested.signingKey), alg: 'RS256' };
    const o: VerifyOptions = { algorithms: ['RS256', 'PS256'], currentDate: BEFORE_RFC_EXP };
    it('a one-key JWKS marked RS256, PS256 token: KEY_ALG_MISMATCH', async () => {
      const r = await invalid(rfc7520Nested.jws, { keys: [marked] }, o);
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'The key with kid "hobbiton.example" is marked for RS256 (its "alg"); the token uses PS256.');
    });
    it('the same key twice, both marked RS256: KEY_ALG_MISMATCH saying so (not "needs an RSA key")', async () => {
      const r = await invalid(rfc7520Nested.jws, { keys: [marked, { ...marked, kid: 'x' }] }, o);
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'The keys in the JWKS that could verify PS256 are marked for RS256 (their "alg"); the token uses PS256.');
    });
    it('the key marked PS256: valid', async () => {
      const r = await verifyToken(rfc7520Nested.jws, { keys: [{ ...marked, alg: 'PS256' }] }, o);
      assert.equal(r.valid, true, JSON.stringify(r));
    });
  });

  describe('PEM bundles (a leaf certificate with its CA: fullchain.pem)', () => {
    const input = (header: object) => `${b64(JSON.stringify(header))}.${b64('{"sub":"svc"}')}`;
    const es256 = (header: object, keyPem: string) =>
      `${input(header)}.${base64url.encode(crypto.sign('sha256', Buffer.from(input(header)), { key: keyPem, dsaEncoding: 'ieee-p1363' }))}`;
    it('a token signed by the leaf key verifies with the chain', async () => {
      const r = await verifyToken(es256({ alg: 'ES256' }, keyText('leaf.key')), keyText('chain.pem'), { algorithms: ['ES256'] });
      assert.equal(r.valid, true, JSON.stringify(r));
    });
    it('a token signed by the CA key does not verify with the chain: only the leaf is used', async () => {
      const r = await invalid(es256({ alg: 'ES256' }, keyText('ca.key')), keyText('chain.pem'), { algorithms: ['ES256'] });
      assert.equal(r.code, 'SIGNATURE_INVALID');
      assert.equal(r.message, 'The signature does not match: the token was changed or signed with another key.');
    });
    it('a kid in the token is not matched against thumbprints: the leaf verifies it', async () => {
      const r = await verifyToken(es256({ alg: 'ES256', kid: 'my-key-2024' }, keyText('leaf.key')), keyText('chain.pem'), { algorithms: ['ES256'] });
      assert.equal(r.valid, true, JSON.stringify(r));
      assert.equal(r.valid && r.kid, 'my-key-2024');
    });
  });

  describe('key marks and the key cache', () => {
    it('a JWK marked "use": "enc" is refused even after the same key verified without the mark', async () => {
      const k = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const pub = k.publicKey.export({ format: 'jwk' }) as JWK;
      const tokenInput = `${b64('{"alg":"ES256"}')}.${b64('{"sub":"x"}')}`;
      const token = `${tokenInput}.${base64url.encode(crypto.sign('sha256', Buffer.from(tokenInput), { key: k.privateKey, dsaEncoding: 'ieee-p1363' }))}`;
      assert.equal((await verifyToken(token, pub, { algorithms: ['ES256'] })).valid, true);
      const r = await invalid(token, { ...pub, use: 'enc' }, { algorithms: ['ES256'] });
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'This key is marked "use": "enc" (encryption), so it cannot verify.');
      pub.use = 'enc'; // the same object, edited in place
      const again = await invalid(token, pub, { algorithms: ['ES256'] });
      assert.equal(again.message, 'This key is marked "use": "enc" (encryption), so it cannot verify.');
    });
  });

  describe('bad keys and options get a sentence, not a JavaScript error', () => {
    it('a JWK whose "n" is a number: KEY_FORMAT', async () => {
      const r = await invalid(rfc7515A2.token, { kty: 'RSA', n: 5, e: 'AQAB' } as unknown as JWK, { algorithms: ['RS256'] });
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, 'The JWK\'s "n" must be a base64url string; it is a number.');
    });
    it('an unknown secret encoding: KEY_FORMAT', async () => {
      const r = await invalid(rfc7515A1.token, 'a-shared-secret-of-32-characters', { algorithms: ['HS256'], secretEncoding: 'latin1' as unknown as 'utf8' });
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, 'The secret encoding latin1 is not known: use utf8, base64, base64url or hex.');
    });
    it('an empty audience list: OPTION_INVALID', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], currentDate: BEFORE_RFC_EXP, audience: [] });
      assert.equal(r.code, 'OPTION_INVALID');
      assert.equal(r.message, 'The expected audience list is empty: give at least one audience, or leave the audience check out.');
    });
    it('a clock tolerance of NaN: OPTION_INVALID', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], clockTolerance: NaN });
      assert.equal(r.code, 'OPTION_INVALID');
      assert.equal(r.message, 'The clock tolerance must be a number of seconds, 0 or more; it is NaN.');
    });
    it('a negative clock tolerance: OPTION_INVALID', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], clockTolerance: -5 });
      assert.equal(r.code, 'OPTION_INVALID');
      assert.equal(r.message, 'The clock tolerance must be a number of seconds, 0 or more; it is -5.');
    });
    it('required claims given as one string: OPTION_INVALID', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], requiredClaims: 'exp' as unknown as string[] });
      assert.equal(r.code, 'OPTION_INVALID');
      assert.equal(r.message, 'The required claims must be a list of claim names, e.g. ["exp", "sub"].');
    });
    it('no options at all: ALG_NOT_ALLOWED', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, undefined as unknown as VerifyOptions);
      assert.equal(r.code, 'ALG_NOT_ALLOWED');
      assert.equal(r.message, 'No algorithm is allowed: give at least one (for example RS256 or HS256); "none" is never allowed.');
    });
    it('an invalid current date: OPTION_INVALID', async () => {
      const r = await invalid(rfc7515A1.token, rfc7515A1.key, { algorithms: ['HS256'], currentDate: new Date('not a date') });
      assert.equal(r.code, 'OPTION_INVALID');
      assert.equal(r.message, 'The current date given for the time checks is not a valid date.');
    });
  });

  describe('refusals', () => {
    it('alg not in the allowed list: ALG_NOT_ALLOWED', async () => {
      const r = await invalid(rfc7515A2.token, publicOf(rfc7515A2.key), { algorithms: ['HS256'] });
      assert.equal(r.code, 'ALG_NOT_ALLOWED');
      assert.equal(r.message, 'The token says alg RS256, which is not in the allowed algorithms (HS256).');
      assert.deepEqual(r.header, { alg: 'RS256' });
    });
    it('an empty allow-list: ALG_NOT_ALLOWED', async () => {
      const r = await invalid(rfc7515A2.token, publicOf(rfc7515A2.key), { algorithms: [] });
      assert.equal(r.code, 'ALG_NOT_ALLOWED');
      assert.equal(r.message, 'No algorithm is allowed: give at least one (for example RS256 or HS256); "none" is never allowed.');
    });
    it('an unknown critical header: HEADER_CRIT', async () => {
      const token = `${b64('{"alg":"HS256","crit":["urn:x"],"urn:x":1}')}.${b64('{}')}`;
      const sig = crypto.createHmac('sha256', Buffer.from(base64url.decode(String(hmacKey.k)))).update(token).digest();
      const r = await invalid(`${token}.${base64url.encode(sig)}`, hmacKey, { algorithms: ['HS256'] });
      assert.equal(r.code, 'HEADER_CRIT');
      assert.equal(r.message, 'The header marks "urn:x" as critical ("crit"), an extension the workbench does not understand, so the token cannot be accepted.');
    });
    it('a JWE given to verify: says to decrypt it', async () => {
      const r = await invalid(`${b64('{"alg":"dir","enc":"A128GCM"}')}..AAAA.AAAA.AAAA`, hmacKey, { algorithms: ['HS256'] });
      assert.equal(r.code, 'TOKEN_PART_COUNT');
      assert.equal(r.message, 'This is an encrypted token (JWE, 5 parts): it has no signature to verify; decrypt it instead.');
    });
    it('a header without alg: HEADER_INVALID', async () => {
      const r = await invalid(`${b64('{"typ":"JWT"}')}.${b64('{}')}.AAAA`, hmacKey, { algorithms: ['HS256'] });
      assert.equal(r.code, 'HEADER_INVALID');
      assert.equal(r.message, 'The header has no "alg" (algorithm), so the token cannot be verified.');
    });
    it('a bad key (not a JWK) never throws: KEY_FORMAT', async () => {
      const r = await invalid(rfc7515A2.token, { nope: true } as unknown as JWK, { algorithms: ['RS256'] });
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, 'This object is neither a JWK (no "kty") nor a JWK Set (no "keys" array).');
    });
    it('"Bearer " and surrounding whitespace are ignored', async () => {
      const r = await verifyToken(`  Bearer ${rfc7515A1.token}\n`, rfc7515A1.key, { algorithms: ['HS256'], currentDate: BEFORE_RFC_EXP });
      assert.equal(r.valid, true);
    });
  });

  describe('malformed tokens (codes from the decoder, message names the part)', () => {
    const o: VerifyOptions = { algorithms: ['HS256'] };
    it('empty: TOKEN_EMPTY', async () => {
      const r = await invalid('   ', hmacKey, o);
      assert.equal(r.code, 'TOKEN_EMPTY');
      assert.match(r.message, /empty/);
    });
    it('two parts: TOKEN_PART_COUNT', async () => {
      const r = await invalid('eyJhbGciOiJIUzI1NiJ9.e30', hmacKey, o);
      assert.equal(r.code, 'TOKEN_PART_COUNT');
      assert.equal(r.message, 'A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has 2.');
    });
    it('header not base64url: TOKEN_BASE64URL', async () => {
      const r = await invalid('eyJhbGci!iJIUzI1NiJ9.e30.AAAA', hmacKey, o);
      assert.equal(r.code, 'TOKEN_BASE64URL');
      assert.match(r.message, /header \(part 1\).*'!' at position 9/);
    });
    it('header not JSON: TOKEN_JSON', async () => {
      const r = await invalid(`${b64('{alg:HS256}')}.e30.AAAA`, hmacKey, o);
      assert.equal(r.code, 'TOKEN_JSON');
      assert.match(r.message, /^The header \(part 1\) is not valid JSON/);
    });
    it('header a JSON array: TOKEN_HEADER_NOT_OBJECT', async () => {
      const r = await invalid(`${b64('["HS256"]')}.e30.AAAA`, hmacKey, o);
      assert.equal(r.code, 'TOKEN_HEADER_NOT_OBJECT');
      assert.match(r.message, /header/);
    });
    it('signature not base64url: TOKEN_BASE64URL', async () => {
      const r = await invalid(`${b64('{"alg":"HS256"}')}.e30.AA+A`, hmacKey, o);
      assert.equal(r.code, 'TOKEN_BASE64URL');
      assert.match(r.message, /signature \(part 3\).*'\+' at position 3/);
    });
  });
});
