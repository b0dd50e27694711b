/**
 * The key pipeline against hostile and careless input, class by class (issue 8): key text in any encoding is
 * never an HMAC secret, weak RSA exponents and unknown key specs are refused, one input gets one answer on every
 * path, the resolver's cache never hands back a stale key, nothing secret rides on an error, and every answer
 * comes in linear time. One input per assertion; each asserts the code and the message.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { base64url, calculateJwkThumbprint } from 'jose';
import type { JWK } from 'jose';
import { verifyToken } from '../../src/core/verify';
import type { VerifyResult } from '../../src/core/verify';
import { signToken } from '../../src/core/sign';
import { encryptToken } from '../../src/core/jwe';
import { KeyResolver, decodeSecret, describeKey, exportKey, generateKey, importKey, keyTypeLabel, publicKeyOf, thumbprint } from '../../src/core/keys';
import { createCertificateSigningRequest, createSelfSignedCertificate, inspectCertificate } from '../../src/core/certificates';
import type { KeySpec } from '../../src/core/keys';
import type { KeyMaterial } from '../../src/core/types';
import { isWorkbenchError } from '../../src/core/errors';

const FIXTURES = path.resolve(__dirname, '../../../test/unit/fixtures');
const keyText = (name: string): string => readFileSync(path.join(FIXTURES, 'keytext', name), 'utf8');
const ossl = (name: string): string => readFileSync(path.join(FIXTURES, 'openssl', name), 'utf8');
const b64 = (s: string | Buffer): string => base64url.encode(s);

const NOT_A_SECRET = 'This looks like a key or certificate, not a shared secret:';
const DAMAGED_ARMOUR = `${NOT_A_SECRET} it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.`;
const WRAPPED_JWK = `${NOT_A_SECRET} it has a "kty" member like a JWK or JWK Set, but it is not plain JSON text starting with "{" (it is wrapped, quoted or escaped), so it could not be read. Paste the JWK or JWK Set itself.`;
const ssh = (name: string): string => `${NOT_A_SECRET} it is an OpenSSH public key (${name}), which cannot be read here. Convert it to PEM (ssh-keygen -e -m PKCS8 -f key.pub) or paste it as a JWK.`;
const der = (encoding: string, what: 'cert' | 'spki' | 'pkcs8' | 'other'): string => ({
  cert: `${NOT_A_SECRET} it is ${encoding} of an X.509 certificate (DER, as in an "x5c" value). Give it as PEM, between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.`,
  spki: `${NOT_A_SECRET} it is ${encoding} of a public key (SPKI DER). Give it as PEM, between -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines.`,
  pkcs8: `${NOT_A_SECRET} it is ${encoding} of a private key (PKCS#8 DER). Give it as PEM, between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines.`,
  other: `${NOT_A_SECRET} it is ${encoding} of DER data shaped like a key or certificate (PKCS#1, SEC1 or similar). Give the key as PEM or as a JWK.`,
})[what];

/** An HS256 token whose HMAC key is `secret` taken as UTF-8: what an attacker makes from public-key text. */
function forgedWith(secret: string): string {
  const input = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"admin"}')}`;
  return `${input}.${b64(crypto.createHmac('sha256', secret).update(input).digest())}`;
}

function refused(r: VerifyResult): { code: string; message: string } {
  assert.equal(r.valid, false, 'the token was accepted');
  if (r.valid) throw new Error('unreachable');
  return r;
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; error: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (!isWorkbenchError(error)) throw error;
    return { code: error.code, message: error.message, error };
  }
  assert.fail('expected a refusal');
}

// Key material to disguise.
const leafPem = keyText('leaf.crt');
const certDer = new crypto.X509Certificate(leafPem).raw;
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const spkiPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const spkiDer = rsa.publicKey.export({ format: 'der', type: 'spki' });
const pkcs8Der = rsa.privateKey.export({ format: 'der', type: 'pkcs8' });
const pkcs1Der = rsa.publicKey.export({ format: 'der', type: 'pkcs1' });
const rsaPublicJwk = rsa.publicKey.export({ format: 'jwk' }) as JWK;
const rsaPrivateJwk = rsa.privateKey.export({ format: 'jwk' }) as JWK;

/** An SSH wire-format public key line for any algorithm name: length-prefixed name, then key bytes. */
function sshLine(name: string, prefix = '', comment = ' me@host'): string {
  const nameBytes = Buffer.from(name);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(nameBytes.length);
  const blob = Buffer.concat([length, nameBytes, crypto.randomBytes(64)]);
  return `${prefix}${name} ${blob.toString('base64')}${comment}`;
}

describe('keys: hostile input (issue 8)', () => {
  describe('key confusion: key material in any encoding is refused as an HMAC secret (KEY_FORMAT)', () => {
    const cases: [string, string, string][] = [
      ['PEM armour in lower case', spkiPem.toLowerCase().replace(/^-----begin public key-----/, '-----begin public key-----'), DAMAGED_ARMOUR],
      ['PEM armour with four dashes', spkiPem.replace(/-----/g, '----'), DAMAGED_ARMOUR],
      ['PEM armour with spaces inside the dashes', spkiPem.replace(/-----BEGIN PUBLIC KEY-----/, '----- BEGIN PUBLIC KEY -----').replace(/-----END PUBLIC KEY-----/, '----- END PUBLIC KEY -----'), DAMAGED_ARMOUR],
      ['PEM armour with no dashes at all', spkiPem.replace(/-----/g, ''), DAMAGED_ARMOUR],
      ['an RFC 4716 SSH2 public key block', `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "me"\n${Buffer.from('x').toString('base64')}\n---- END SSH2 PUBLIC KEY ----`, DAMAGED_ARMOUR],
      ['base64 of a whole PEM text', Buffer.from(spkiPem).toString('base64'),
        `${NOT_A_SECRET} it is base64 of text that is a key: it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.`],
      ['hex of a whole PEM text', Buffer.from(spkiPem).toString('hex'),
        `${NOT_A_SECRET} it is hex of text that is a key: it has BEGIN/END lines, but they are not PEM armour (five dashes on each side, e.g. -----BEGIN PUBLIC KEY-----), so it could not be read. Fix those lines and paste it again.`],
      ['base64 of SPKI DER', spkiDer.toString('base64'), der('base64', 'spki')],
      ['base64 of SPKI DER wrapped at 64 columns', (spkiDer.toString('base64').match(/.{1,64}/g) ?? []).join('\n'), der('base64', 'spki')],
      ['base64url of SPKI DER without padding', b64(spkiDer), der('base64url', 'spki')],
      ['hex of SPKI DER', spkiDer.toString('hex'), der('hex', 'spki')],
      ['hex of SPKI DER in upper case with 0x', `0x${spkiDer.toString('hex').toUpperCase()}`, der('hex', 'spki')],
      ['base64 of a certificate', certDer.toString('base64'), der('base64', 'cert')],
      ['hex of a certificate', certDer.toString('hex'), der('hex', 'cert')],
      ['base64 of PKCS#8 DER', pkcs8Der.toString('base64'), der('base64', 'pkcs8')],
      ['base64 of a PKCS#1 public key', pkcs1Der.toString('base64'), der('base64', 'other')],
      ['base64 of base64 of SPKI DER', Buffer.from(spkiDer.toString('base64')).toString('base64'),
        `${NOT_A_SECRET} it is base64 of text that is a key: it is base64 of a public key (SPKI DER). Give it as PEM, between -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- lines.`],
      ['a JWK inside a JSON array', JSON.stringify([rsaPublicJwk]), WRAPPED_JWK],
      ['a JWK as a JSON string (quoted and escaped)', JSON.stringify(JSON.stringify(rsaPublicJwk)), WRAPPED_JWK],
      ['a JWKS assigned in JavaScript', `const jwks = ${JSON.stringify({ keys: [rsaPublicJwk] })};`, WRAPPED_JWK],
      ['a JWK written as a JS object literal', `{ kty: 'RSA', n: '${String(rsaPublicJwk.n)}', e: 'AQAB' }`.replace(/^\{/, '({') + ')', WRAPPED_JWK],
      ['base64 of a JWK', Buffer.from(JSON.stringify(rsaPublicJwk)).toString('base64'), `${NOT_A_SECRET} it is base64 of text that is a key: ${WRAPPED_JWK.slice(NOT_A_SECRET.length + 1)}`],
      ['an ssh-rsa line with authorized_keys options', sshLine('ssh-rsa', 'from="10.0.0.1",no-pty '), ssh('ssh-rsa')],
      ['an ssh-dss line', sshLine('ssh-dss'), ssh('ssh-dss')],
      ['an ecdsa-sha2-nistp521 line', sshLine('ecdsa-sha2-nistp521'), ssh('ecdsa-sha2-nistp521')],
      ['an sk-ssh-ed25519@openssh.com line (security key)', sshLine('sk-ssh-ed25519@openssh.com'), ssh('sk-ssh-ed25519@openssh.com')],
      ['an SSH certificate line', sshLine('ssh-ed25519-cert-v01@openssh.com'), ssh('ssh-ed25519-cert-v01@openssh.com')],
      ['an SSH key blob with no name in front', sshLine('ssh-ed25519', '', '').replace(/^ssh-ed25519 /, ''), ssh('ssh-ed25519')],
      ['an ssh-ed25519 key made by ssh-keygen', keyText('id_ed25519.pub'), ssh('ssh-ed25519')],
    ];
    for (const [name, text, message] of cases) {
      it(`${name}`, async () => {
        const r = refused(await verifyToken(forgedWith(text), text, { algorithms: ['HS256', 'RS256'] }));
        assert.equal(r.code, 'KEY_FORMAT');
        assert.equal(r.message, message);
      });
    }
    it('escaped-\\n PEM in quotes (from a JSON or .env file) is read as the key it is, so HS256 does not fit', async () => {
      const text = JSON.stringify(spkiPem);
      const r = refused(await verifyToken(forgedWith(text), text, { algorithms: ['HS256', 'RS256'] }));
      assert.equal(r.code, 'KEY_ALG_MISMATCH');
      assert.equal(r.message, 'HS256 needs a shared secret of at least 32 bytes (256 bits); this is an RSA key.');
    });
    it('base64 SPKI given with secretEncoding base64 is refused too', async () => {
      const text = spkiDer.toString('base64');
      const r = refused(await verifyToken(forgedWith(text), text, { algorithms: ['HS256'], secretEncoding: 'base64' }));
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, der('base64', 'spki'));
    });
    it('signing with base64 of a certificate as the secret is refused the same way', async () => {
      const r = await rejection(signToken({ header: { alg: 'HS256' }, payload: {}, key: certDer.toString('base64') }));
      assert.equal(r.code, 'KEY_FORMAT');
      assert.equal(r.message, der('base64', 'cert'));
    });

    describe('ordinary secrets still work', () => {
      const secrets: [string, string, 'utf8' | 'base64' | 'hex'][] = [
        ['a passphrase with words like begin and key', 'we begin with the key to the kingdom, 2026!', 'utf8'],
        ['dashes and spaces', 'my-shared-secret - not a key - 0123456789', 'utf8'],
        ['32 random bytes in base64', crypto.randomBytes(32).toString('base64'), 'base64'],
        ['64 random bytes in hex', crypto.randomBytes(64).toString('hex'), 'hex'],
        ['a long random UTF-8 secret', crypto.randomBytes(48).toString('base64url'), 'utf8'],
      ];
      for (const [name, secret, secretEncoding] of secrets) {
        it(name, async () => {
          const token = await signToken({ header: { alg: 'HS256' }, payload: { sub: 'alice' }, key: secret, secretEncoding });
          const r = await verifyToken(token, secret, { algorithms: ['HS256'], secretEncoding });
          assert.equal(r.valid, true);
        });
      }
    });
  });

  describe('weak keys', () => {
    const withExponent = (e: number[]): JWK => ({ ...rsaPublicJwk, e: b64(Buffer.from(e)) });
    const exponents: [string, number[], string][] = [
      ['e = 1', [1], '1'],
      ['e = 2', [2], '2'],
      ['e = 65536 (even)', [1, 0, 0], '65536'],
      ['e = 0', [0], '0'],
    ];
    for (const [name, e, shown] of exponents) {
      it(`verify with an RSA key whose ${name}: KEY_TOO_WEAK`, async () => {
        const token = await signToken({ header: { alg: 'RS256' }, payload: {}, key: rsaPrivateJwk });
        const r = refused(await verifyToken(token, withExponent(e), { algorithms: ['RS256'] }));
        assert.equal(r.code, 'KEY_TOO_WEAK');
        assert.equal(r.message, `RS256 needs an RSA key whose public exponent is odd and at least 3 (normally 65537); this one has e = ${shown}.`);
      });
    }
    it('sign with an RSA private key whose e = 1: KEY_TOO_WEAK', async () => {
      const r = await rejection(signToken({ header: { alg: 'PS256' }, payload: {}, key: { ...rsaPrivateJwk, e: 'AQ' } }));
      assert.equal(r.code, 'KEY_TOO_WEAK');
      assert.equal(r.message, 'PS256 needs an RSA key whose public exponent is odd and at least 3 (normally 65537); this one has e = 1.');
    });
    it('encrypt to an RSA key whose e = 3 still works (odd and at least 3)', async () => {
      const small = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
      const jwe = await encryptToken('hi', small.publicKey.export({ format: 'jwk' }) as JWK, { alg: 'RSA-OAEP-256', enc: 'A256GCM' });
      assert.equal(jwe.split('.').length, 5);
    });

    const specs: [string, unknown, string][] = [
      ['an unknown curve', { kty: 'EC', crv: 'P-192' }, 'EC keys are generated on P-256, P-384 or P-521; P-192 is not one of them.'],
      ['secp256k1', { kty: 'EC', crv: 'secp256k1' }, 'EC keys are generated on P-256, P-384 or P-521; secp256k1 is not one of them.'],
      ['X25519 as a signing key', { kty: 'OKP', crv: 'X25519' }, 'OKP keys are generated on Ed25519 only; X25519 is not supported.'],
      ['RSA 1024', { kty: 'RSA', bits: 1024 }, 'RSA keys are generated with 2048, 3072 or 4096 bits; 1024 is not one of them.'],
      ['RSA 16384 (over the upper bound)', { kty: 'RSA', bits: 16384 }, 'RSA keys are generated with 2048, 3072 or 4096 bits; 16384 is not one of them.'],
      ['RSA bits as text', { kty: 'RSA', bits: '2048' }, 'RSA keys are generated with 2048, 3072 or 4096 bits; "2048" is not one of them.'],
      ['an HMAC secret of 128 bits', { kty: 'oct', bits: 128 }, 'HMAC secrets are generated with 256, 384 or 512 bits; 128 is not one of them.'],
      ['an unknown key type', { kty: 'DSA', bits: 2048 }, 'The key type DSA cannot be generated: use RSA, EC, OKP (Ed25519) or oct (HMAC).'],
      ['no spec at all', undefined, 'Say what key to generate, e.g. { kty: "EC", crv: "P-256" }.'],
      ['a string instead of a spec', 'RSA', 'Say what key to generate, e.g. { kty: "EC", crv: "P-256" }.'],
      ['an alg the key cannot do', { kty: 'EC', crv: 'P-256', alg: 'RS256' }, 'A generated EC key cannot be used with RS256.'],
    ];
    for (const [name, spec, message] of specs) {
      it(`generateKey refuses ${name}: OPTION_INVALID`, async () => {
        const r = await rejection(generateKey(spec as KeySpec));
        assert.equal(r.code, 'OPTION_INVALID');
        assert.equal(r.message, message);
      });
    }
  });

  describe('one pipeline: the same input, the same answer everywhere', () => {
    const empty = '{"keys":[]}';
    const EMPTY_SET = 'This JWK Set is empty: its "keys" array holds no key.';
    it('an empty JWK Set through importKey: KEY_NOT_FOUND', async () => {
      const r = await rejection(importKey(empty));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', EMPTY_SET]);
    });
    it('an empty JWK Set through verifyToken: KEY_NOT_FOUND', async () => {
      const r = refused(await verifyToken(forgedWith('x'), empty, { algorithms: ['HS256'] }));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', EMPTY_SET]);
    });
    it('an empty JWK Set through signToken: KEY_NOT_FOUND', async () => {
      const r = await rejection(signToken({ header: { alg: 'HS256' }, payload: {}, key: empty }));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', EMPTY_SET]);
    });
    it('an empty JWK Set through thumbprint: KEY_NOT_FOUND', async () => {
      const r = await rejection(thumbprint(empty));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', EMPTY_SET]);
    });
    it('thumbprint of JWK JSON text is the JWK\'s RFC 7638 thumbprint, not a hash of the text as a secret', async () => {
      assert.equal(await thumbprint(JSON.stringify(rsaPublicJwk)), await calculateJwkThumbprint(rsaPublicJwk));
    });
    it('thumbprint of a one-key JWKS text is its key\'s thumbprint', async () => {
      assert.equal(await thumbprint(JSON.stringify({ keys: [rsaPublicJwk] })), await calculateJwkThumbprint(rsaPublicJwk));
    });
    it('thumbprint of PEM is the thumbprint of its key', async () => {
      assert.equal(await thumbprint(spkiPem), await calculateJwkThumbprint(rsaPublicJwk));
    });
    it('thumbprint refuses key text disguised as a secret', async () => {
      const r = await rejection(thumbprint(spkiDer.toString('base64')));
      assert.deepEqual([r.code, r.message], ['KEY_FORMAT', der('base64', 'spki')]);
    });
    it('importKey of a disguised key says it is a key that cannot be read (not "not a secret")', async () => {
      const r = await rejection(importKey(sshLine('ssh-rsa')));
      assert.deepEqual([r.code, r.message], ['KEY_FORMAT',
        'This looks like a key or certificate, but not in a form that can be read: it is an OpenSSH public key (ssh-rsa), which cannot be read here. Convert it to PEM (ssh-keygen -e -m PKCS8 -f key.pub) or paste it as a JWK.']);
    });

    const two = (): JWK[] => [1, 2].map(i => ({ ...(crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK), kid: `k${i}` }));
    it('encrypting to a JWKS with two keys that fit and no kid: KEY_AMBIGUOUS', async () => {
      const r = await rejection(encryptToken('x', { keys: two() }, { alg: 'ECDH-ES', enc: 'A256GCM' }));
      assert.deepEqual([r.code, r.message], ['KEY_AMBIGUOUS', 'The JWKS has 2 keys that can encrypt with ECDH-ES (k1, k2); set "kid" in the header to choose one.']);
    });
    it('encrypting to a JWKS where no key fits: KEY_NOT_FOUND, not ambiguous', async () => {
      const r = await rejection(encryptToken('x', { keys: two() }, { alg: 'RSA-OAEP-256', enc: 'A256GCM' }));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', 'No key in the JWKS fits RSA-OAEP-256 (it needs an RSA key); it has: k1 (an EC P-256 key), k2 (an EC P-256 key).']);
    });
    it('messages listing keys are bounded (200 keys, an unknown kid)', async () => {
      const keys = Array.from({ length: 200 }, (_, i) => ({ ...rsaPublicJwk, kid: `kid-${i}-${'x'.repeat(100)}` }));
      const token = `${b64('{"alg":"RS256","kid":"nope"}')}.${b64('{}')}.${b64('sig')}`;
      const r = refused(await verifyToken(token, { keys }, { algorithms: ['RS256'] }));
      assert.equal(r.code, 'KEY_NOT_FOUND');
      assert.ok(r.message.length < 500, `message is ${r.message.length} characters`);
      assert.match(r.message, /and 195 more\.$/);
    });
    it('a JWK Set of more than 1000 keys is refused before any is tried', async () => {
      const r = refused(await verifyToken(forgedWith('x'), { keys: Array.from({ length: 1001 }, () => rsaPublicJwk) }, { algorithms: ['RS256'] }));
      assert.deepEqual([r.code, r.message], ['KEY_FORMAT', 'This JWK Set has 1001 keys; JWT Workbench reads sets of up to 1000.']);
    });
  });

  describe('the resolver: its own cache, keyed by the key\'s full content, with stored-key lookups', () => {
    it('a JWK edited in place never verifies with its old self', async () => {
      const keys = new KeyResolver();
      const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
      const token = await signToken({ header: { alg: 'RS256' }, payload: {}, key: rsaPrivateJwk });
      const jwk: JWK = { ...rsaPublicJwk };
      assert.equal((await verifyToken(token, jwk, { algorithms: ['RS256'], resolver: keys })).valid, true);
      // Same length, same last bytes of n would have fooled a partial fingerprint: only the middle changes.
      const otherN = String((other.publicKey.export({ format: 'jwk' }) as JWK).n);
      jwk.n = String(rsaPublicJwk.n).slice(0, 20) + otherN.slice(20, -20) + String(rsaPublicJwk.n).slice(-20);
      const r = refused(await verifyToken(token, jwk, { algorithms: ['RS256'], resolver: keys }));
      assert.equal(r.code, 'SIGNATURE_INVALID');
    });
    it('forget(kid) drops only that key; forget() drops all', async () => {
      const keys = new KeyResolver();
      const a = { ...rsaPrivateJwk, kid: 'a' };
      const first = await keys.resolve(a, { alg: 'RS256', use: 'sign' });
      assert.equal(await keys.resolve(a, { alg: 'RS256', use: 'sign' }), first);
      keys.forget('b');
      assert.equal(await keys.resolve(a, { alg: 'RS256', use: 'sign' }), first);
      keys.forget('a');
      assert.notEqual(await keys.resolve(a, { alg: 'RS256', use: 'sign' }), first);
    });
    it('two resolvers share nothing', async () => {
      const a = await new KeyResolver().resolve(rsaPrivateJwk, { alg: 'RS256', use: 'sign' });
      const b = await new KeyResolver().resolve(rsaPrivateJwk, { alg: 'RS256', use: 'sign' });
      assert.notEqual(a, b);
    });
    it('a stored key named by { ref } signs through the store\'s lookup, by id or by kid', async () => {
      const [stored] = await importKey(ossl('server.key'));
      assert.ok(stored);
      const store = new Map<string, KeyMaterial>([['id-1', stored], [stored.kid, stored]]);
      const keys = new KeyResolver({ lookup: ref => store.get(ref) });
      const byId = await signToken({ header: { alg: 'RS256' }, payload: { sub: 'a' }, key: { ref: 'id-1' }, resolver: keys });
      assert.equal((await verifyToken(byId, { ref: stored.kid }, { algorithms: ['RS256'], resolver: keys })).valid, true);
    });
    it('an unknown { ref }: KEY_NOT_FOUND', async () => {
      const keys = new KeyResolver({ lookup: () => undefined });
      const r = await rejection(signToken({ header: { alg: 'RS256' }, payload: {}, key: { ref: 'gone' }, resolver: keys }));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', 'No stored key has this id or kid: it may have been deleted.']);
    });
    it('a { ref } without a key store: KEY_NOT_FOUND', async () => {
      const r = await rejection(signToken({ header: { alg: 'RS256' }, payload: {}, key: { ref: 'x' } }));
      assert.deepEqual([r.code, r.message], ['KEY_NOT_FOUND', 'A stored key was named, but no key store is available here.']);
    });
  });

  describe('no secret in an error object (message or cause)', () => {
    const MARK = 'S3cr3tM4rk3rValue0123456789';
    /** Everything an error carries that a log or a UI might print: messages, stacks and details, down the cause chain. */
    function everything(e: unknown): string {
      const out: string[] = [];
      for (let cur: unknown = e, depth = 0; cur !== undefined && depth < 5; depth++) {
        if (cur instanceof Error) {
          out.push(cur.message, cur.stack ?? '', JSON.stringify((cur as { details?: unknown }).details ?? {}));
          cur = cur.cause;
        } else {
          out.push(String(cur));
          cur = undefined;
        }
      }
      return out.join('\n');
    }
    const inputs: [string, () => Promise<unknown>][] = [
      ['JWK text that does not parse', () => importKey(`{"kty":"oct","k":${MARK}}`)],
      ['JWK text that does not parse, given to verify', async () => {
        const r = await verifyToken(forgedWith('x'), `{"kty":"oct","k":${MARK}`, { algorithms: ['HS256'] });
        throw Object.assign(new Error(r.valid ? 'valid' : r.message));
      }],
      ['a wrong passphrase', () => importKey(ossl('server.pass.key'), { passphrase: MARK })],
      ['a secret that is not base64', () => signToken({ header: { alg: 'HS256' }, payload: {}, key: `${MARK}!`, secretEncoding: 'base64' })],
      ['an EC JWK with a damaged private part', () => importKey({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA', d: MARK })],
      ['an RSA JWK with damaged values', () => signToken({ header: { alg: 'RS256' }, payload: {}, key: { kty: 'RSA', n: MARK.repeat(20), e: 'AQAB', d: MARK } })],
    ];
    for (const [name, run] of inputs) {
      it(name, async () => {
        let caught: unknown;
        try {
          await run();
        } catch (e) {
          caught = e;
        }
        assert.ok(caught !== undefined, 'expected an error');
        assert.ok(!everything(caught).includes(MARK), `the error carries the secret: ${everything(caught).slice(0, 300)}`);
      });
    }
  });

  describe('honest messages', () => {
    it('an OpenSSH private key says it is one, and how to convert it', async () => {
      const text = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.from('openssh-key-v1\0').toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
      const r = await rejection(importKey(text));
      assert.deepEqual([r.code, r.message], ['KEY_FORMAT',
        'This is an OpenSSH private key, which cannot be read here: convert a copy of it to PEM first (cp id_key key.pem && ssh-keygen -p -m PKCS8 -f key.pem), or paste the key as a JWK.']);
    });
    it('a JWK\'s x5c is attached when its certificate carries that key', async () => {
      const leafKey = new crypto.X509Certificate(leafPem).publicKey.export({ format: 'jwk' }) as JWK;
      const [key] = await importKey({ ...leafKey, x5c: [certDer.toString('base64')] });
      assert.match(String(key?.certificatePem), /^-----BEGIN CERTIFICATE-----\n/);
    });
    it('a JWK\'s x5c for another key is refused: CERT_INVALID', async () => {
      const r = await rejection(importKey({ ...rsaPublicJwk, x5c: [certDer.toString('base64')] }));
      assert.deepEqual([r.code, r.message], ['CERT_INVALID', 'The JWK\'s "x5c" certificate is for another key: its public key is not this JWK\'s.']);
    });
  });

  describe('wrong argument types to the key functions: a WorkbenchError with a code, never a TypeError', () => {
    const STORED = 'A stored key was expected (an object with kid, kty and publicJwk).';
    const calls: [string, () => unknown, string, string][] = [
      ['importKey(undefined)', () => importKey(undefined as unknown as string), 'KEY_FORMAT',
        'No key was given: the key is missing. Give PEM text, a JWK, a JWK Set, a stored key or a shared secret.'],
      ['importKey(42)', () => importKey(42 as unknown as string), 'KEY_FORMAT',
        'No key was given: a number is not a key. Give PEM text, a JWK, a JWK Set, a stored key or a shared secret.'],
      ['importKey([…])', () => importKey([rsaPublicJwk] as unknown as string), 'KEY_FORMAT',
        'No key was given: a list is not a key. Give PEM text, a JWK, a JWK Set, a stored key or a shared secret.'],
      ['importKey(pem, { passphrase: 42 })', () => importKey(spkiPem, { passphrase: 42 as unknown as string }), 'OPTION_INVALID', 'The passphrase must be text.'],
      ['thumbprint(null)', () => thumbprint(null as unknown as string), 'KEY_FORMAT',
        'No key was given: the key is missing. Give PEM text, a JWK, a JWK Set, a stored key or a shared secret.'],
      ['exportKey(null, "public-pem")', () => exportKey(null as unknown as KeyMaterial, 'public-pem'), 'OPTION_INVALID', STORED],
      ['exportKey(key, "pem")', async () => exportKey((await importKey(spkiPem))[0] as KeyMaterial, 'pem' as 'public-pem'), 'OPTION_INVALID',
        'The export format must be private-pem, public-pem, private-jwk, public-jwk or public-jwks.'],
      ['publicKeyOf({})', () => publicKeyOf({} as KeyMaterial), 'OPTION_INVALID', STORED],
      ['describeKey(null)', () => describeKey(null as unknown as KeyMaterial), 'OPTION_INVALID', STORED],
      ['keyTypeLabel(a JWK)', () => keyTypeLabel(rsaPublicJwk as unknown as KeyMaterial), 'OPTION_INVALID', STORED],
      ['decodeSecret(42)', () => decodeSecret(42 as unknown as string), 'KEY_FORMAT', 'The secret must be text.'],
      ['createSelfSignedCertificate(key, undefined)', async () => createSelfSignedCertificate((await generateKey({ kty: 'EC', crv: 'P-256' })), undefined as unknown as { subject: string }),
        'CERT_INVALID', 'The subject must be a distinguished name written as text, like "CN=My App, O=Acme".'],
      ['createSelfSignedCertificate(key, { days: 1e9 })', async () => createSelfSignedCertificate((await generateKey({ kty: 'EC', crv: 'P-256' })), { subject: 'CN=x', days: 1e9 }),
        'CERT_INVALID', 'The validity must be a number of days from 1 to 36500 (100 years), not 1000000000.'],
      ['createCertificateSigningRequest(null, …)', () => createCertificateSigningRequest(null as unknown as KeyMaterial, { subject: 'CN=x' }), 'OPTION_INVALID', STORED],
      ['inspectCertificate(42)', () => inspectCertificate(42 as unknown as string), 'CERT_INVALID',
        'This is not a readable X.509 certificate: there is no -----BEGIN CERTIFICATE----- line.'],
    ];
    for (const [name, call, code, message] of calls) {
      it(name, async () => {
        const r = await rejection(Promise.resolve().then(call));
        assert.deepEqual([r.code, r.message], [code, message]);
      });
    }
  });

  describe('linear time: long runs in key text and secrets are answered in milliseconds', () => {
    const MB = 1024 * 1024 - 64;
    const runs: [string, string][] = [
      ['dashes', '-'.repeat(MB)],
      ['equals signs then a letter', `${'='.repeat(MB)}x`],
      ['base64 letters', 'A'.repeat(MB)],
      ['base64 letters then a bad character', `${'QUFB'.repeat(MB / 4)}!`],
      ['repeated BEGIN words', 'BEGIN '.repeat(MB / 6)],
      ['repeated "-----BEGIN " without an end', '-----BEGIN A'.repeat(MB / 12)],
      ['repeated ssh- words', 'ssh-'.repeat(MB / 4)],
      ['repeated kty', 'kty'.repeat(MB / 3)],
      ['hex digits, odd count', `${'ab'.repeat(MB / 2)}c`],
    ];
    for (const [name, text] of runs) {
      it(`1 MiB of ${name} as a verification key`, async () => {
        const started = performance.now();
        const r = await verifyToken(forgedWith('x'), text, { algorithms: ['HS256'] });
        const ms = performance.now() - started;
        assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms`);
        assert.equal(r.valid, false);
      });
    }
    it('1 MiB of "=" then a letter, decoded as a base64url secret, is refused at once', () => {
      const started = performance.now();
      assert.throws(() => decodeSecret(`${'='.repeat(MB)}x`, 'base64url'),
        { code: 'KEY_FORMAT', message: 'The secret is not valid base64url: it has a character that is not base64url at position 1.' });
      assert.ok(performance.now() - started < 1500);
    });
    it('key text over 1 MiB is refused before any parsing', async () => {
      const r = await rejection(importKey('A'.repeat(2 * 1024 * 1024)));
      assert.deepEqual([r.code, r.message], ['KEY_FORMAT', 'This key text is 2.0 MiB long; JWT Workbench reads keys up to 1 MiB.']);
    });
  });
});
