/**
 * Hostile token input (issue 8, token side): one canonical token for decode, verify and decrypt; RFC 7797
 * `b64` read one way; no raw exception for any argument; linear time; no token text in an error object.
 * One input per assertion; each asserts the WorkbenchError code and message.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { decodeToken } from '../../src/core/decode';
import { isWorkbenchError, type WorkbenchErrorCode } from '../../src/core/errors';
import { explainToken } from '../../src/core/explain';
import { decryptToken, encryptToken } from '../../src/core/jwe';
import { signToken } from '../../src/core/sign';
import { verifyToken } from '../../src/core/verify';

const b64 = (text: string): string => base64url.encode(text);
/** A 32-byte HS256 / A256KW secret (not a real one). */
const secret: JWK = { kty: 'oct', k: base64url.encode(new Uint8Array(32).fill(7)) };
const aesKey: JWK = { kty: 'oct', k: base64url.encode(new Uint8Array(16).fill(9)) };
const HS256 = { algorithms: ['HS256'] };

/** The error `fn` throws, asserted to be a WorkbenchError with this code and message. */
function assertThrows(fn: () => unknown, code: WorkbenchErrorCode, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isWorkbenchError(e), `expected a WorkbenchError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

async function assertRejects(promise: Promise<unknown>, code: WorkbenchErrorCode, message: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isWorkbenchError(e), `expected a WorkbenchError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

/** verifyToken's failure, asserted to carry this code and message. */
async function assertRefused(token: unknown, code: WorkbenchErrorCode, message: string, options: unknown = HS256, key: unknown = secret): Promise<void> {
  // Arguments of the wrong type on purpose: callers outside TypeScript.
  const r = await verifyToken(token as string, key as JWK, options as typeof HS256);
  assert.equal(r.valid, false, `expected a refusal, got ${JSON.stringify(r)}`);
  if (r.valid) return;
  assert.equal(r.code, code);
  assert.equal(r.message, message);
}

/** An HS256 token over exactly `header` and `payloadPart` (no library in between to tidy them up). */
function hs256(header: object, payloadPart: string): string {
  const input = `${b64(JSON.stringify(header))}.${payloadPart}`;
  return `${input}.${base64url.encode(crypto.createHmac('sha256', Buffer.from(secret.k!, 'base64url')).update(input).digest())}`;
}

let jws = '';
let jwe = '';
before(async () => {
  jws = await signToken({ header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'alice' }, key: secret });
  jwe = await encryptToken({ sub: 'alice' }, aesKey, { alg: 'A128KW', enc: 'A128GCM' });
});

describe('hostile tokens', () => {
  describe('one canonical token: verify and decrypt refuse what decode refuses, with its code and message', () => {
    const wrapped = (): string => `${jws.slice(0, 40)}\n${jws.slice(40)}`;
    const WRAPPED = "The payload (part 2) is not valid base64url: unexpected character U+000A at position 4 (remove line breaks and spaces from the token).";

    it('decode: a token wrapped over two lines', () => {
      assertThrows(() => decodeToken(wrapped()), 'TOKEN_BASE64URL', WRAPPED);
    });
    it('verify: the same wrapped token gets decode\'s message, not "changed or signed with another key"', async () => {
      await assertRefused(wrapped(), 'TOKEN_BASE64URL', WRAPPED);
    });
    it('verify: a space inside the signature', async () => {
      await assertRefused(`${jws.slice(0, -4)} ${jws.slice(-4)}`, 'TOKEN_BASE64URL',
        `The signature (part 3) is not valid base64url: unexpected character U+0020 at position ${jws.split('.')[2]!.length - 3} (remove line breaks and spaces from the token).`);
    });
    it('verify: a CRLF between the parts', async () => {
      const [h, p, s] = jws.split('.');
      await assertRefused(`${h}.\r\n${p}.${s}`, 'TOKEN_BASE64URL',
        'The payload (part 2) is not valid base64url: unexpected character U+000D at position 1 (remove line breaks and spaces from the token).');
    });
    it('verify: "=" padding on the signature', async () => {
      await assertRefused(`${jws}=`, 'TOKEN_BASE64URL',
        `The signature (part 3) is not valid base64url: unexpected character '=' at position ${jws.split('.')[2]!.length + 1} (a JWT part has no "=" padding).`);
    });
    it('verify: standard base64 ("+") in the signature', async () => {
      await assertRefused(`${jws.slice(0, -1)}+`, 'TOKEN_BASE64URL',
        `The signature (part 3) is not valid base64url: unexpected character '+' at position ${jws.split('.')[2]!.length} (that is standard base64; a JWT uses base64url, with '-' and '_').`);
    });
    it('verify: a tab inside the header', async () => {
      await assertRefused(`eyJh\t${jws.slice(4)}`, 'TOKEN_BASE64URL',
        'The header (part 1) is not valid base64url: unexpected character U+0009 at position 5 (remove line breaks and spaces from the token).');
    });
    it('verify: a non-ASCII character inside the payload', async () => {
      const [h, p, s] = jws.split('.');
      await assertRefused(`${h}.${p}é.${s}`, 'TOKEN_BASE64URL',
        `The payload (part 2) is not valid base64url: unexpected character 'é' at position ${p!.length + 1}.`);
    });
    it('verify: the well-formed token still verifies, with surrounding whitespace and "Bearer "', async () => {
      const r = await verifyToken(`  Bearer ${jws}\n`, secret, HS256);
      assert.equal(r.valid, true);
    });
    it('decrypt: a JWE wrapped over two lines', async () => {
      const at = jwe.indexOf('.', jwe.indexOf('.') + 1) + 3;
      await assertRejects(decryptToken(`${jwe.slice(0, at)}\n${jwe.slice(at)}`, aesKey), 'TOKEN_BASE64URL',
        'The initialization vector (part 3) is not valid base64url: unexpected character U+000A at position 3 (remove line breaks and spaces from the token).');
    });
    it('decrypt: "=" padding on the tag', async () => {
      const tag = jwe.split('.')[4]!;
      await assertRejects(decryptToken(`${jwe}=`, aesKey), 'TOKEN_BASE64URL',
        `The authentication tag (part 5) is not valid base64url: unexpected character '=' at position ${tag.length + 1} (a JWT part has no "=" padding).`);
    });
  });

  describe('b64: false (RFC 7797) reads one way in decode, explain, verify and sign', () => {
    const NO_CRIT = 'The header says "b64": false (an unencoded payload) without listing "b64" in "crit", as RFC 7797 requires: verifiers would read its payload in two different ways, so the token is refused.';
    // Signed over the base64url payload: jose (ignoring b64 without crit) would call it valid with {"sub":"admin"}.
    const withoutCrit = (): string => hs256({ alg: 'HS256', b64: false }, b64('{"sub":"admin"}'));
    const withCrit = (): string => hs256({ alg: 'HS256', b64: false, crit: ['b64'] }, '{"sub":"admin"}');

    it('decode: b64 false without crit is refused', () => {
      assertThrows(() => decodeToken(withoutCrit()), 'HEADER_INVALID', NO_CRIT);
    });
    it('decode: b64 that is not a boolean is refused', () => {
      assertThrows(() => decodeToken(hs256({ alg: 'HS256', b64: 'false', crit: ['b64'] }, 'e30')), 'HEADER_INVALID',
        'The header\'s "b64" must be true or false (RFC 7797); it is a string.');
    });
    it('decode: b64 false with crit reads the payload part as the payload itself', () => {
      const t = decodeToken(withCrit());
      assert.equal(t.kind === 'jws' && t.payload, '{"sub":"admin"}');
    });
    it('verify: b64 false without crit gets decode\'s refusal, though its HMAC over the base64url payload is right', async () => {
      await assertRefused(withoutCrit(), 'HEADER_INVALID', NO_CRIT);
    });
    it('verify: b64 false with crit is refused whatever its signature, before any key is read', async () => {
      await assertRefused(`${withCrit().slice(0, -2)}AA`, 'HEADER_INVALID', 'Unencoded payloads (b64: false, RFC 7797) are not supported for verification.', HS256, 'not a key at all');
    });
    it('explain: b64 false with crit is a warning', () => {
      const e = explainToken(decodeToken(withCrit()));
      assert.deepEqual(e.warnings.find(w => w.code === 'unencoded-payload'), {
        code: 'unencoded-payload', severity: 'warning',
        message: 'The payload is not base64url-encoded ("b64": false, RFC 7797): this is not a JWT, and JWT Workbench does not verify or sign such tokens.',
      });
    });
    it('explain: a hand-made decoded token with b64 false and no crit is an error', () => {
      const e = explainToken({ kind: 'jws', header: { alg: 'HS256', b64: false }, payload: 'x', signature: '', raw: { header: '', payload: 'x', signature: '' }, unsecured: false });
      assert.deepEqual(e.warnings.find(w => w.code === 'unencoded-payload'), {
        code: 'unencoded-payload', severity: 'error',
        message: 'The header has "b64" without listing it in "crit", as RFC 7797 requires: verifiers would read its payload in two different ways. JWT Workbench refuses this token.',
      });
    });
    it('sign: a header with b64 false and crit is refused', async () => {
      await assertRejects(signToken({ header: { alg: 'HS256', b64: false, crit: ['b64'] }, payload: 'x', key: secret }), 'HEADER_INVALID',
        'Unencoded payloads (b64: false, RFC 7797) are not supported for signing: remove "b64" from the header (the payload is then base64url, as every JWT is).');
    });
    it('sign: a header with b64 false and no crit is refused (jose would make a token whose header and payload disagree)', async () => {
      await assertRejects(signToken({ header: { alg: 'HS256', b64: false }, payload: { sub: 'a' }, key: secret }), 'HEADER_INVALID',
        'Unencoded payloads (b64: false, RFC 7797) are not supported for signing: remove "b64" from the header (the payload is then base64url, as every JWT is).');
    });
    it('sign: b64 true is the ordinary token', async () => {
      const t = decodeToken(await signToken({ header: { alg: 'HS256', b64: true }, payload: { sub: 'a' }, key: secret }));
      assert.deepEqual(t.kind === 'jws' && t.payload, { sub: 'a' });
    });
  });
});
