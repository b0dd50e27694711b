import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { base64url, calculateJwkThumbprint } from 'jose';
import type { JWK } from 'jose';
import {
  describeKey,
  exportKey,
  generateKey,
  importKey,
  publicKeyOf,
  thumbprint,
} from '../../src/core/keys';
import type { KeyMaterial } from '../../src/core/types';
import type { WorkbenchErrorCode } from '../../src/core/errors';
import { derToPem, splitPem } from '../../src/core/keys/pem';

// Fixtures: test/unit/fixtures/openssl/* is made by make-openssl-fixtures.sh (openssl 3);
// rfc-jwk-vectors.json holds JWKs copied from RFC 7517, 7638 and 8037 (each entry names its section).
const FIXTURES = path.resolve(__dirname, '../../../test/unit/fixtures');
const ossl = (name: string): string => readFileSync(path.join(FIXTURES, 'openssl', name), 'utf8');
const osslBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, 'openssl', name)));
interface RfcVectors {
  rfc7638_3_1: { jwk: JWK; thumbprint: string };
  rfc8037_a: { privateJwk: JWK; publicJwk: JWK; thumbprint: string };
  rfc7517_a1: { jwks: { keys: JWK[] } };
  rfc7517_a2: { jwks: { keys: JWK[] } };
  rfc7517_a3: { jwks: { keys: JWK[] } };
}
const rfc = JSON.parse(readFileSync(path.join(FIXTURES, 'rfc-jwk-vectors.json'), 'utf8')) as RfcVectors;

const PASS = 'SomePassword';
const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

async function only(input: string | Uint8Array | object, options?: { passphrase?: string }): Promise<KeyMaterial> {
  const keys = await importKey(input, options);
  assert.equal(keys.length, 1, `expected one key, got ${keys.length}`);
  return keys[0] as KeyMaterial;
}

async function rejectsWith(p: Promise<unknown>, code: WorkbenchErrorCode, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof Error, 'expected an Error');
    assert.equal((e as { code?: unknown }).code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

/** Runs openssl with `input` on stdin; returns stdout, or fails the test with openssl's stderr. */
function openssl(args: string[], input: string): string {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

describe('keys: the Salesforce JWT bearer flow keys made by openssl', () => {
  it('reads server.pass.key (encrypted PKCS#8, -des3) with its passphrase as the same key as server.key', async () => {
    const encrypted = await only(ossl('server.pass.key'), { passphrase: PASS });
    const plain = await only(ossl('server.key'));
    assert.equal(encrypted.kty, 'RSA');
    assert.ok(encrypted.privateJwk?.d, 'the private part is there');
    assert.equal(encrypted.kid, plain.kid);
    assert.equal(encrypted.alg, 'RS256');
  });

  it('asks for the passphrase of server.pass.key when none is given', async () => {
    await rejectsWith(importKey(ossl('server.pass.key')), 'KEY_PASSPHRASE_REQUIRED', 'This private key is encrypted; enter its passphrase.');
  });

  it('says so when the passphrase of server.pass.key is wrong', async () => {
    await rejectsWith(importKey(ossl('server.pass.key'), { passphrase: 'NotThePassword' }),
      'KEY_PASSPHRASE_WRONG', 'The passphrase does not decrypt this key.');
  });

  it('reads server.crt as a public key with the kid of server.key and the certificate attached', async () => {
    const fromCert = await only(ossl('server.crt'));
    const fromKey = await only(ossl('server.key'));
    assert.equal(fromCert.kid, fromKey.kid);
    assert.equal(fromCert.privateJwk, undefined);
    assert.match(fromCert.certificatePem ?? '', /^-----BEGIN CERTIFICATE-----\n/);
  });

  it('exports the public part of server.key as the SPKI PEM openssl derives from it', async function () {
    if (!HAS_OPENSSL) this.skip(); // openssl is not installed: nothing to compare with
    const key = await only(ossl('server.key'));
    assert.equal(await exportKey(key, 'public-pem'), openssl(['pkey', '-pubout'], ossl('server.key')));
  });
});

describe('keys: every PEM form', () => {
  it('reads PKCS#1 RSA private, PKCS#1 RSA public and SPKI public keys as one key (same kid)', async () => {
    const priv = await only(ossl('rsa.pkcs1.key'));
    const pkcs1Pub = await only(ossl('rsa.pkcs1.pub'));
    const spki = await only(ossl('rsa.spki.pub'));
    assert.ok(priv.privateJwk?.d);
    assert.equal(pkcs1Pub.kid, priv.kid);
    assert.equal(spki.kid, priv.kid);
    assert.equal(spki.privateJwk, undefined);
  });

  it('writes the public part of a PKCS#1 key exactly as openssl wrote rsa.spki.pub', async () => {
    const priv = await only(ossl('rsa.pkcs1.key'));
    assert.equal(await exportKey(priv, 'public-pem'), ossl('rsa.spki.pub'));
  });

  it('reads a SEC1 EC key with an EC PARAMETERS block before it (P-256, ES256)', async () => {
    const sec1 = await only(ossl('ec.p256.sec1.key'));
    const pkcs8 = await only(ossl('ec.p256.pkcs8.key'));
    assert.equal(sec1.kty, 'EC');
    assert.equal(sec1.publicJwk.crv, 'P-256');
    assert.equal(sec1.alg, 'ES256');
    assert.equal(sec1.kid, pkcs8.kid);
    assert.equal(await exportKey(sec1, 'public-pem'), ossl('ec.p256.spki.pub'));
  });

  it('reads an encrypted PKCS#8 EC key (P-384) with its passphrase', async () => {
    const enc = await only(ossl('ec.p384.enc.key'), { passphrase: PASS });
    const plain = await only(ossl('ec.p384.pkcs8.key'));
    assert.equal(enc.publicJwk.crv, 'P-384');
    assert.equal(enc.alg, 'ES384');
    assert.equal(enc.kid, plain.kid);
  });

  it('reads a legacy encrypted PKCS#1 key (Proc-Type: 4,ENCRYPTED, AES-256) with its passphrase', async () => {
    const enc = await only(ossl('rsa.pkcs1.enc.key'), { passphrase: PASS });
    assert.equal(enc.kid, (await only(ossl('rsa.pkcs1.key'))).kid);
  });

  it('reads a legacy encrypted SEC1 key (P-521) with its passphrase', async () => {
    const enc = await only(ossl('ec.p521.sec1.enc.key'), { passphrase: PASS });
    assert.equal(enc.alg, 'ES512');
    assert.equal(enc.kid, (await only(ossl('ec.p521.sec1.key'))).kid);
  });

  it('asks for the passphrase of a legacy encrypted PKCS#1 key', async () => {
    await rejectsWith(importKey(ossl('rsa.pkcs1.enc.key')), 'KEY_PASSPHRASE_REQUIRED', 'This private key is encrypted; enter its passphrase.');
  });

  it('says so when the passphrase of a legacy encrypted SEC1 key is wrong', async () => {
    await rejectsWith(importKey(ossl('ec.p521.sec1.enc.key'), { passphrase: 'wrong' }),
      'KEY_PASSPHRASE_WRONG', 'The passphrase does not decrypt this key.');
  });

  it('reads an Ed25519 private key and its public key (EdDSA, same kid)', async () => {
    const priv = await only(ossl('ed25519.key'));
    const pub = await only(ossl('ed25519.pub'));
    assert.equal(priv.kty, 'OKP');
    assert.equal(priv.publicJwk.crv, 'Ed25519');
    assert.equal(priv.alg, 'EdDSA');
    assert.equal(pub.kid, priv.kid);
  });

  it('reads a bundle: the certificate next to its private key is attached to it; a lone certificate is a public key', async () => {
    const keys = await importKey(ossl('bundle.pem'));
    assert.equal(keys.length, 2);
    const ed = keys.find(k => k.kty === 'OKP');
    const rsa = keys.find(k => k.kty === 'RSA');
    assert.ok(ed?.privateJwk?.d, 'the Ed25519 private key');
    assert.equal(ed?.certificatePem, ossl('ed25519.crt'));
    assert.equal(rsa?.privateJwk, undefined);
    assert.equal(rsa?.certificatePem, ossl('server.crt'));
  });

  it('reads DER bytes of a PKCS#8 key and of a certificate', async () => {
    assert.equal((await only(osslBytes('ec.p256.pkcs8.der'))).kid, (await only(ossl('ec.p256.pkcs8.key'))).kid);
    const cert = await only(osslBytes('server.crt.der'));
    assert.equal(cert.kid, (await only(ossl('server.key'))).kid);
    assert.equal(cert.certificatePem, ossl('server.crt'));
  });

  it('reads PEM whose line breaks were written as literal \\n (as in a .env file)', async () => {
    const oneLine = ossl('server.key').trim().split('\n').join('\\n');
    assert.equal((await only(oneLine)).kid, (await only(ossl('server.key'))).kid);
  });

  it('reads PEM given as bytes', async () => {
    assert.equal((await only(osslBytes('server.key'))).kid, (await only(ossl('server.key'))).kid);
  });
});

describe('keys: JWK and JWK Set (RFC vectors)', () => {
  it('computes the RFC 7638 §3.1 thumbprint', async () => {
    assert.equal(await thumbprint(rfc.rfc7638_3_1.jwk), rfc.rfc7638_3_1.thumbprint);
  });

  it('computes the RFC 8037 A.3 Ed25519 thumbprint, and uses it as kid when the JWK has none', async () => {
    assert.equal(await thumbprint(rfc.rfc8037_a.publicJwk), rfc.rfc8037_a.thumbprint);
    const key = await only(rfc.rfc8037_a.privateJwk);
    assert.equal(key.kid, rfc.rfc8037_a.thumbprint);
    assert.equal(key.alg, 'EdDSA');
    assert.equal(await thumbprint(key), rfc.rfc8037_a.thumbprint);
  });

  it('imports the RFC 7517 A.1 public JWK Set, keeping kid, use and alg', async () => {
    const [ec, rsa] = await importKey(rfc.rfc7517_a1.jwks);
    assert.equal(ec?.kid, '1');
    assert.equal(ec?.use, 'enc');
    assert.equal(ec?.privateJwk, undefined);
    assert.equal(rsa?.kid, '2011-04-29');
    assert.equal(rsa?.alg, 'RS256');
    assert.equal(await thumbprint(rsa as KeyMaterial), rfc.rfc7638_3_1.thumbprint);
  });

  it('imports the RFC 7517 A.2 private JWK Set given as JSON text', async () => {
    const keys = await importKey(JSON.stringify(rfc.rfc7517_a2.jwks, null, 2));
    assert.deepEqual(keys.map(k => [k.kty, k.kid, Boolean(k.privateJwk?.d)]), [['EC', '1', true], ['RSA', '2011-04-29', true]]);
    assert.equal(describeKey(keys[1] as KeyMaterial), 'RSA 2048-bit · RS256 · kid 2011…');
  });

  it('imports the RFC 7517 A.3 symmetric keys without putting the secret in publicJwk', async () => {
    const [aes, hmac] = await importKey(rfc.rfc7517_a3.jwks);
    assert.equal(aes?.alg, 'A128KW');
    assert.deepEqual(hmac?.publicJwk, { kty: 'oct', kid: 'HMAC key used in JWS spec Appendix A.1 example' });
    assert.equal(hmac?.privateJwk?.k, rfc.rfc7517_a3.jwks.keys[1]?.k);
    assert.equal(describeKey(hmac as KeyMaterial), 'HMAC 512-bit · HS512 · kid HMAC…');
  });

  it('takes a non-PEM string given to thumbprint as a UTF-8 secret', async () => {
    assert.equal(await thumbprint('my shared secret'),
      await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode('my shared secret') }));
  });

  it('thumbprints a PEM string as its key', async () => {
    assert.equal(await thumbprint(ossl('server.crt')), await thumbprint(await only(ossl('server.key'))));
  });
});

describe('keys: what is refused, and why', () => {
  const serverKey = ossl('server.key');
  const NO_KEY = 'No key found: the text is neither PEM (no -----BEGIN line) nor a JWK or JWK Set (JSON starting with "{"). Paste a PEM key or certificate, a JWK or a JWK Set.';

  it('a PEM key with no END line is truncated', async () => {
    const cut = serverKey.slice(0, serverKey.indexOf('-----END'));
    await rejectsWith(importKey(cut), 'KEY_TRUNCATED',
      'The PEM block "PRIVATE KEY" has a BEGIN line but no matching END line: the text looks cut short. Paste the whole block, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.');
  });

  it('a PEM key whose body lost lines is truncated', async () => {
    const lines = serverKey.trim().split('\n');
    const cut = [...lines.slice(0, 10), ...lines.slice(-1)].join('\n');
    await rejectsWith(importKey(cut), 'KEY_TRUNCATED',
      'The PEM block "PRIVATE KEY" is cut short or damaged: its base64 body is incomplete. Paste the whole block again.');
  });

  it('garbage is not a key', async () => {
    await rejectsWith(importKey('hello, this is not a key'), 'KEY_FORMAT', NO_KEY);
  });

  it('JSON that is neither JWK nor JWKS is not a key', async () => {
    await rejectsWith(importKey('{"name": "x"}'), 'KEY_FORMAT',
      'This object is neither a JWK (no "kty") nor a JWK Set (no "keys" array).');
  });

  it('a DSA key is refused', async () => {
    await rejectsWith(importKey(ossl('dsa.key')), 'KEY_UNSUPPORTED',
      'DSA keys are not supported: use RSA, EC (P-256/384/521), Ed25519 or an HMAC secret.');
  });

  it('an X25519 key is refused for signing', async () => {
    await rejectsWith(importKey(ossl('x25519.key')), 'KEY_UNSUPPORTED',
      'X25519 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.');
  });

  it('an X25519 JWK is refused for signing', async () => {
    await rejectsWith(importKey({ kty: 'OKP', crv: 'X25519', x: 'hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo' }), 'KEY_UNSUPPORTED',
      'X25519 keys are for key agreement, not for signing: use an Ed25519 key to sign with EdDSA.');
  });

  it('a secp256k1 key is refused', async () => {
    await rejectsWith(importKey(ossl('secp256k1.key')), 'KEY_UNSUPPORTED',
      'The secp256k1 curve (ES256K) is not supported: use RSA, EC (P-256/384/521), Ed25519 or an HMAC secret.');
  });

  it('a JWK whose values do not form a key is refused', async () => {
    await rejectsWith(importKey({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }), 'KEY_FORMAT', /^This EC JWK is not a valid key: /);
  });
});

describe('keys: generate', () => {
  const specs = [
    [{ kty: 'RSA', bits: 2048 }, 'RS256', /^RSA 2048-bit · RS256 · kid .{4}…$/],
    [{ kty: 'EC', crv: 'P-256' }, 'ES256', /^EC P-256 · ES256 · kid /],
    [{ kty: 'EC', crv: 'P-384' }, 'ES384', /^EC P-384 · ES384 · kid /],
    [{ kty: 'EC', crv: 'P-521' }, 'ES512', /^EC P-521 · ES512 · kid /],
    [{ kty: 'OKP', crv: 'Ed25519' }, 'EdDSA', /^Ed25519 · EdDSA · kid /],
    [{ kty: 'oct', bits: 256 }, 'HS256', /^HMAC 256-bit · HS256 · kid /],
    [{ kty: 'oct', bits: 384 }, 'HS384', /^HMAC 384-bit · HS384 · kid /],
    [{ kty: 'oct', bits: 512 }, 'HS512', /^HMAC 512-bit · HS512 · kid /],
  ] as const;
  for (const [spec, alg, description] of specs) {
    it(`makes ${JSON.stringify(spec)} with alg ${alg} and kid = its RFC 7638 thumbprint`, async () => {
      const key = await generateKey(spec);
      assert.equal(key.alg, alg);
      const priv = key.privateJwk as JWK;
      const expected = await calculateJwkThumbprint(
        priv.kty === 'oct' ? { kty: 'oct', k: priv.k } : { kty: priv.kty, crv: priv.crv, x: priv.x, y: priv.y, n: priv.n, e: priv.e });
      assert.equal(key.kid, expected);
      assert.match(describeKey(key), description);
      if (key.kty === 'oct') assert.equal(key.publicJwk.k, undefined);
    });
  }

  it('keeps an alg the caller names', async () => {
    assert.equal((await generateKey({ kty: 'RSA', bits: 2048, alg: 'PS256' })).alg, 'PS256');
  });

  it('makes a 3072-bit RSA key that openssl reads as such', async function () {
    if (!HAS_OPENSSL) this.skip(); // openssl is not installed: nothing to compare with
    const key = await generateKey({ kty: 'RSA', bits: 3072 });
    assert.match(openssl(['pkey', '-noout', '-text'], await exportKey(key, 'private-pem')), /Private-Key: \(3072 bit/);
  });
});

describe('keys: export', () => {
  it('round-trips PEM → key → PEM → the same key, for RSA, EC and Ed25519', async () => {
    for (const file of ['server.key', 'ec.p384.pkcs8.key', 'ed25519.key']) {
      const key = await only(ossl(file));
      const again = await only(await exportKey(key, 'private-pem'));
      assert.equal(again.kid, key.kid, file);
      assert.deepEqual(again.privateJwk, key.privateJwk, file);
    }
  });

  it('writes PKCS#8 that openssl reads as the same key', async function () {
    if (!HAS_OPENSSL) this.skip(); // openssl is not installed: nothing to compare with
    const key = await only(ossl('ec.p256.sec1.key'));
    const pem = await exportKey(key, 'private-pem');
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(openssl(['pkey', '-pubout'], pem), ossl('ec.p256.spki.pub'));
  });

  it('writes a public JWK Set without any private member', async () => {
    const key = await only(ossl('server.key'));
    const jwks = JSON.parse(await exportKey(key, 'public-jwks')) as { keys: JWK[] };
    assert.equal(jwks.keys.length, 1);
    const [pub] = jwks.keys;
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) assert.equal(pub?.[m], undefined, m);
    assert.equal(pub?.kid, key.kid);
    assert.equal(pub?.alg, 'RS256');
  });

  it('writes the private JWK with kid, use and alg, readable again as the same key', async () => {
    const [ec] = await importKey(rfc.rfc7517_a2.jwks);
    const text = await exportKey(ec as KeyMaterial, 'private-jwk');
    const jwk = JSON.parse(text) as JWK;
    assert.equal(jwk.kid, '1');
    assert.equal(jwk.use, 'enc');
    assert.equal(jwk.d, rfc.rfc7517_a2.jwks.keys[0]?.d);
    assert.match(text, /\n {2}"kty": "EC",\n/);
  });

  it('refuses the private form of a public key', async () => {
    const pub = await only(ossl('server.crt'));
    await rejectsWith(exportKey(pub, 'private-pem'), 'KEY_NOT_PRIVATE',
      `This key (kid ${pub.kid}) is public only: it has no private part to export.`);
  });

  it('refuses the public form of an HMAC secret', async () => {
    const [, hmac] = await importKey(rfc.rfc7517_a3.jwks);
    await rejectsWith(exportKey(hmac as KeyMaterial, 'public-jwk'), 'KEY_UNSUPPORTED',
      'An HMAC secret has no public part and no PEM form: export it as a private JWK (and keep it secret).');
  });

  it('publicKeyOf drops the private part and keeps the kid', async () => {
    const key = await only(ossl('ed25519.key'));
    const pub = publicKeyOf(key);
    assert.equal(pub.privateJwk, undefined);
    assert.equal(pub.kid, key.kid);
    assert.equal(key.privateJwk?.d !== undefined, true, 'the original is untouched');
  });
});

describe('keys: damaged, disguised and legacy keys', () => {
  const MISMATCH = 'The private and public parts of this key do not belong together (the key is damaged).';

  /** The first index of `part` inside `bytes`. */
  function indexOf(bytes: Uint8Array, part: Uint8Array): number {
    outer: for (let i = 0; i + part.length <= bytes.length; i++) {
      for (let j = 0; j < part.length; j++) if (bytes[i + j] !== part[j]) continue outer;
      return i;
    }
    return -1;
  }

  it('refuses an RSA JWK whose modulus comes from another key', async () => {
    const a = (await only(ossl('server.key'))).privateJwk as JWK;
    const b = (await only(ossl('rsa.pkcs1.key'))).privateJwk as JWK;
    await rejectsWith(importKey({ ...a, kid: undefined, n: b.n }), 'KEY_FORMAT', MISMATCH);
  });

  it('refuses a PKCS#8 RSA key with one byte of its modulus changed', async () => {
    const [block] = splitPem(ossl('server.key'));
    const der = new Uint8Array(block?.der ?? []);
    const n = base64url.decode((await only(ossl('server.key'))).publicJwk.n ?? '');
    const at = indexOf(der, n) + 100;
    assert.ok(at > 100, 'the modulus is inside the DER');
    der[at] = (der[at] ?? 0) ^ 0x01;
    await rejectsWith(importKey(derToPem(der, 'PRIVATE KEY')), 'KEY_FORMAT', MISMATCH);
  });

  it('refuses an EC JWK whose private scalar comes from another key', async () => {
    const a = (await only(ossl('ec.p256.pkcs8.key'))).privateJwk as JWK;
    const b = rfc.rfc7517_a2.jwks.keys[0] as JWK; // RFC 7517 A.2: a P-256 private key
    await rejectsWith(importKey({ ...b, kid: undefined, d: a.d }), 'KEY_FORMAT', MISMATCH);
  });

  it('does not put the text of a JWK that does not parse into the message (it may be the secret)', async () => {
    await assert.rejects(importKey('{"kty":"oct","k":SuperSecretValue123456}'), (e: unknown) => {
      assert.ok(e instanceof Error);
      assert.equal((e as { code?: unknown }).code, 'KEY_FORMAT');
      assert.equal(e.message, 'This key starts with "{" like a JWK or JWK Set, but it is not valid JSON, so it cannot be read: check its quotes and commas.');
      assert.doesNotMatch(`${e.message} ${String(e.cause)}`, /SuperSecre/);
      return true;
    });
  });

  it('reads PEM with literal \\n that ends with a real line break (LF or CRLF)', async () => {
    const oneLine = ossl('server.key').trim().split('\n').join('\\n');
    const kid = (await only(ossl('server.key'))).kid;
    assert.equal((await only(`${oneLine}\n`)).kid, kid);
    assert.equal((await only(`${oneLine}\r\n`)).kid, kid);
  });

  it('says how to re-encode an EC key with explicit curve parameters', async () => {
    await rejectsWith(importKey(ossl('ec.p256.explicit.key')), 'KEY_UNSUPPORTED',
      'This EC key has explicit curve parameters; re-encode it with a named curve: openssl ec -param_enc named_curve -in key.pem -out named.pem');
  });

  it('refuses a key encrypted with the legacy PBE-MD5-DES cipher as such, not as a wrong passphrase', async () => {
    await rejectsWith(importKey(ossl('rsa.pbe-md5-des.key'), { passphrase: PASS }), 'KEY_UNSUPPORTED',
      'This key is encrypted with a legacy cipher (such as PBE-MD5-DES) that cannot be opened here; re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key');
  });

  it('says an encrypted key with damaged ciphertext is damaged (or the passphrase wrong), even with the right passphrase', async () => {
    const [block] = splitPem(ossl('ec.p384.enc.key'));
    const der = new Uint8Array(block?.der ?? []);
    // The ciphertext is the DER's last element; this byte is in its first AES blocks, not in the padding.
    const at = der.length - 150;
    der[at] = (der[at] ?? 0) ^ 0xff;
    await rejectsWith(importKey(derToPem(der, 'ENCRYPTED PRIVATE KEY'), { passphrase: PASS }), 'KEY_FORMAT',
      'The encrypted key is damaged, or the passphrase is wrong.');
  });

  describe('in the browser build, where node:crypto is a stub that throws', () => {
    type Engine = typeof import('../../src/core/keys');
    let browser: Engine;
    // The engine bundled as esbuild.js bundles it for VS Code for the Web (node:* modules stubbed),
    // then loaded here: WebCrypto and jose work as in the browser, node:crypto does not.
    before(async function () {
      this.timeout(60000);
      const esbuild = await import('esbuild');
      const built = await esbuild.build({
        entryPoints: [path.resolve(__dirname, '../../../src/core/keys/index.ts')],
        bundle: true, write: false, platform: 'browser', format: 'cjs', target: 'es2022',
        mainFields: ['browser', 'module', 'main'], logLevel: 'silent',
        plugins: [{
          name: 'browser-node-stubs',
          setup(build) {
            build.onResolve({ filter: /^node:/ }, args => ({ path: args.path, namespace: 'node-stub' }));
            build.onLoad({ filter: /.*/, namespace: 'node-stub' }, args => ({
              contents: `throw new Error(${JSON.stringify(`${args.path} is not available in VS Code for the Web`)});`, loader: 'js',
            }));
          },
        }],
      });
      const mod = { exports: {} as Engine };
      new Function('module', 'exports', built.outputFiles[0]?.text ?? '')(mod, mod.exports);
      browser = mod.exports;
    });

    const NOT_DER = 'No key found: these bytes are not a DER key or certificate (PKCS#8, SPKI, PKCS#1, SEC1 or X.509). Paste a PEM key or certificate, a JWK or a JWK Set.';

    it('says bytes that are no DER structure are no key (not that they need desktop VS Code)', async () => {
      await rejectsWith(browser.importKey(new Uint8Array([1, 2, 3, 4, 5])), 'KEY_FORMAT', NOT_DER);
    });

    it('says a DER SEQUENCE that does not start with an INTEGER is no key', async () => {
      await rejectsWith(browser.importKey(new Uint8Array([0x30, 3, 1, 1, 0xff])), 'KEY_FORMAT', NOT_DER);
    });

    it('still says a PKCS#1 DER key needs desktop VS Code', async () => {
      const [block] = splitPem(ossl('rsa.pkcs1.key'));
      await rejectsWith(browser.importKey(new Uint8Array(block?.der ?? [])), 'KEY_UNAVAILABLE_ON_PLATFORM',
        /^A DER key in PKCS#1 or SEC1 form can only be read in desktop VS Code\./);
    });
  });
});
