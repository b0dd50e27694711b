/**
 * Hostile token input (issue 8, token side): one canonical token for decode, verify and decrypt; RFC 7797
 * `b64` read one way; no raw exception for any argument; linear time; no token text in an error object.
 * One input per assertion; each asserts the WorkbenchError code and message.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { inspect } from 'node:util';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { decodeToken } from '../../src/core/decode';
import { isWorkbenchError, type WorkbenchErrorCode } from '../../src/core/errors';
import { explainToken, timeValidity } from '../../src/core/explain';
import { findTokenAt, findTokens } from '../../src/core/find';
import { calendarTime, describeInstant, describeSpan, isoInstant, relativeTime } from '../../src/core/time';
import * as core from '../../src/core/index';
import { expiryProblem, indexTokens, lensTitle } from '../../src/editor/expiry/tokenIndex';
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

  describe('no raw exceptions: deeply nested JSON', () => {
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    const DEEP_HEADER = 'The header (part 1) is JSON nested deeper than 100 levels; JWT Workbench does not read JSON that deep.';
    const DEEP_PAYLOAD = 'The payload (part 2) is JSON nested deeper than 100 levels; JWT Workbench does not read JSON that deep.';
    const deepHeader = (): string => `${b64(`{"alg":"HS256","x":${deep(100_000)}}`)}.e30.c2ln`;
    const deepPayload = (): string => hs256({ alg: 'HS256' }, b64(`{"sub":${deep(100_000)}}`));

    it('decode: a header nested 100 000 levels', () => {
      assertThrows(() => decodeToken(deepHeader()), 'TOKEN_JSON', DEEP_HEADER);
    });
    it('decode: a payload nested 100 000 levels', () => {
      assertThrows(() => decodeToken(deepPayload()), 'TOKEN_JSON', DEEP_PAYLOAD);
    });
    it('decode: 100 levels are read', () => {
      const t = decodeToken(hs256({ alg: 'HS256' }, b64(`{"a":${deep(99)}}`)));
      assert.equal(t.kind === 'jws' && typeof t.payload, 'object');
    });
    it('decode: brackets inside strings do not count', () => {
      const t = decodeToken(hs256({ alg: 'HS256' }, b64(`{"a":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`)));
      assert.equal(t.kind === 'jws' && typeof t.payload, 'object');
    });
    it('decode: a payload of 100 000 "[" that is not an object stays text', () => {
      const t = decodeToken(hs256({ alg: 'HS256' }, b64(deep(100_000))));
      assert.equal(t.kind === 'jws' && t.payload, deep(100_000));
    });
    it('verify: a header nested 100 000 levels, as decode says', async () => {
      await assertRefused(deepHeader(), 'TOKEN_JSON', DEEP_HEADER);
    });
    it('verify: a correctly signed payload nested 100 000 levels, as decode says', async () => {
      await assertRefused(deepPayload(), 'TOKEN_JSON', DEEP_PAYLOAD);
    });
    it('decrypt: a plaintext nested 100 000 levels', async () => {
      const token = await encryptToken(`{"sub":${deep(100_000)}}`, aesKey, { alg: 'A128KW', enc: 'A128GCM' });
      await assertRejects(decryptToken(token, aesKey), 'PAYLOAD_INVALID',
        'The decrypted payload is JSON nested deeper than 100 levels; JWT Workbench does not read JSON that deep.');
    });
    it('explain: a hand-made decoded token with a cyclic claim shows it as text, never throws', () => {
      const payload: Record<string, unknown> = { sub: 'a' };
      payload.self = payload;
      const e = explainToken({ kind: 'jws', header: { alg: 'HS256' }, payload, signature: '', raw: { header: '', payload: '', signature: '' }, unsecured: false });
      assert.equal(e.claims.find(c => c.name === 'self')?.text, '(a value that cannot be shown as JSON)');
    });
  });

  describe('no raw exceptions: what sign and encrypt are asked to write', () => {
    const sign = (payload: unknown, header: unknown = { alg: 'HS256' }): Promise<string> =>
      signToken({ header, payload, key: secret } as unknown as Parameters<typeof signToken>[0]);
    const encrypt = (plaintext: unknown, options: unknown = { alg: 'A128KW', enc: 'A128GCM' }): Promise<string> =>
      encryptToken(plaintext as string, aesKey, options as Parameters<typeof encryptToken>[2]);

    it('sign: a cyclic payload', async () => {
      const payload: Record<string, unknown> = { sub: 'a' };
      payload.self = payload;
      await assertRejects(sign(payload), 'PAYLOAD_INVALID', 'The payload refers to itself at self; JSON cannot hold a cycle.');
    });
    it('sign: a BigInt claim', async () => {
      await assertRejects(sign({ n: 10n }), 'PAYLOAD_INVALID', 'The payload has a BigInt at n; JSON has no BigInt (give it as a number or a string).');
    });
    it('sign: exp NaN (JSON would write null)', async () => {
      await assertRejects(sign({ exp: Number.NaN }), 'PAYLOAD_INVALID', 'The payload has NaN at exp; JSON has no such number (it would be written as null).');
    });
    it('sign: Infinity deep in a list', async () => {
      await assertRejects(sign({ aud: ['a', { n: -Infinity }] }), 'PAYLOAD_INVALID',
        'The payload has -Infinity at aud[1].n; JSON has no such number (it would be written as null).');
    });
    it('sign: a payload object nested 1000 levels', async () => {
      let payload: Record<string, unknown> = {};
      for (let i = 0; i < 1000; i++) payload = { a: payload };
      await assertRejects(sign(payload), 'PAYLOAD_INVALID', `The payload nests deeper than 100 levels (at ${'a.'.repeat(40)}…).`);
    });
    it('sign: a claim whose toJSON throws', async () => {
      await assertRejects(sign({ when: { toJSON: () => { throw new Error('boom'); } } }), 'PAYLOAD_INVALID',
        'The payload cannot be written as JSON: the value at when failed to convert itself (its toJSON threw).');
    });
    it('sign: a Date claim is written as JSON writes it', async () => {
      const t = decodeToken(await sign({ at: new Date(0) }));
      assert.deepEqual(t.kind === 'jws' && t.payload, { at: '1970-01-01T00:00:00.000Z' });
    });
    for (const [payload, type] of [[null, 'null'], [42, 'a number'], [undefined, 'undefined'], [['a'], 'an array'], [true, 'a boolean']] as const) {
      it(`sign: a payload that is ${type}`, async () => {
        await assertRejects(sign(payload), 'PAYLOAD_INVALID', `The payload must be a JSON object (the claims) or text; it is ${type}.`);
      });
    }
    it('sign: a cyclic header', async () => {
      const header: Record<string, unknown> = { alg: 'HS256' };
      header.x = [header];
      await assertRejects(sign({}, header), 'HEADER_INVALID', 'The header refers to itself at x[0]; JSON cannot hold a cycle.');
    });
    it('sign: a BigInt in the header', async () => {
      await assertRejects(sign({}, { alg: 'HS256', v: 1n }), 'HEADER_INVALID', 'The header has a BigInt at v; JSON has no BigInt (give it as a number or a string).');
    });
    for (const [header, type] of [[null, 'null'], ['{"alg":"HS256"}', 'a string'], [[], 'an array']] as const) {
      it(`sign: a header that is ${type}`, async () => {
        await assertRejects(sign({}, header), 'HEADER_INVALID', `The header must be a JSON object; it is ${type}.`);
      });
    }
    for (const [alg, type] of [[['HS256'], 'an array'], [null, 'null'], [Object.create(null) as unknown, 'an object'], [256, 'a number']] as const) {
      it(`sign: an alg that is ${type}`, async () => {
        await assertRejects(sign({}, { alg }), 'HEADER_INVALID', `The header's "alg" must be a string such as "HS256"; it is ${type}.`);
      });
    }
    for (const [request, type] of [[null, 'null'], [undefined, 'undefined'], ['eyJ', 'a string'], [7, 'a number']] as const) {
      it(`sign: a request that is ${type}`, async () => {
        await assertRejects(signToken(request as unknown as Parameters<typeof signToken>[0]), 'OPTION_INVALID',
          `signToken needs a request object ({ header, payload, key }); it was given ${type}.`);
      });
    }
    it('encrypt: a cyclic plaintext', async () => {
      const plaintext: Record<string, unknown> = {};
      plaintext.me = plaintext;
      await assertRejects(encrypt(plaintext), 'PAYLOAD_INVALID', 'The payload refers to itself at me; JSON cannot hold a cycle.');
    });
    it('encrypt: a BigInt plaintext claim', async () => {
      await assertRejects(encrypt({ n: 1n }), 'PAYLOAD_INVALID', 'The payload has a BigInt at n; JSON has no BigInt (give it as a number or a string).');
    });
    it('encrypt: an Infinity claim', async () => {
      await assertRejects(encrypt({ exp: Infinity }), 'PAYLOAD_INVALID', 'The payload has Infinity at exp; JSON has no such number (it would be written as null).');
    });
    for (const [plaintext, type] of [[null, 'null'], [1, 'a number'], [undefined, 'undefined']] as const) {
      it(`encrypt: a plaintext that is ${type}`, async () => {
        await assertRejects(encrypt(plaintext), 'PAYLOAD_INVALID', `The payload must be a JSON object (the claims) or text; it is ${type}.`);
      });
    }
    for (const [options, type] of [[null, 'null'], ['A128KW', 'a string'], [[], 'an array']] as const) {
      it(`encrypt: options that are ${type}`, async () => {
        await assertRejects(encrypt('x', options), 'OPTION_INVALID', `The encryption options ({ alg, enc }) must be an object; it is ${type}.`);
      });
    }
    it('encrypt: an alg that is not a string', async () => {
      await assertRejects(encrypt('x', { alg: Object.create(null) as unknown, enc: 'A128GCM' }), 'OPTION_INVALID',
        'The key management algorithm ("alg") must be a string such as "RSA-OAEP-256"; it is an object.');
    });
    it('encrypt: an enc that is missing', async () => {
      await assertRejects(encrypt('x', { alg: 'A128KW' }), 'OPTION_INVALID',
        'The content encryption algorithm ("enc") must be a string such as "A256GCM"; it is undefined.');
    });
    it('encrypt: a header option that is a string', async () => {
      await assertRejects(encrypt('x', { alg: 'A128KW', enc: 'A128GCM', header: 'kid' }), 'HEADER_INVALID', 'The header must be a JSON object; it is a string.');
    });
    it('encrypt: a BigInt p2c', async () => {
      await assertRejects(encrypt('x', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', header: { p2c: 5000n } }), 'HEADER_INVALID',
        'The header has a BigInt at p2c; JSON has no BigInt (give it as a number or a string).');
    });
  });

  describe('no raw exceptions: arguments of the wrong type to the token side of the engine', () => {
    const anyArgs = <T extends (...args: never[]) => unknown>(fn: T) => fn as unknown as (...args: unknown[]) => ReturnType<T>;

    for (const [token, type] of [[null, 'null'], [undefined, 'undefined'], [42, 'a number'], [{}, 'an object'], [['eyJ'], 'an array']] as const) {
      it(`decode: a token that is ${type}`, () => {
        assertThrows(() => anyArgs(decodeToken)(token), 'OPTION_INVALID', `The token must be a string; it is ${type}.`);
      });
      it(`verify: a token that is ${type} resolves to a refusal`, async () => {
        await assertRefused(token, 'OPTION_INVALID', `The token must be a string; it is ${type}.`);
      });
      it(`decrypt: a token that is ${type}`, async () => {
        await assertRejects(anyArgs(decryptToken)(token, aesKey), 'OPTION_INVALID', `The token must be a string; it is ${type}.`);
      });
    }
    for (const [options, type] of [[null, 'null'], [42, 'a number'], ['HS256', 'a string'], [['HS256'], 'an array']] as const) {
      it(`verify: options that are ${type}`, async () => {
        await assertRefused(jws, 'OPTION_INVALID', `The verify options must be an object; it is ${type}.`, options);
      });
    }
    it('verify: a clock tolerance that is a BigInt', async () => {
      await assertRefused(jws, 'OPTION_INVALID', 'The clock tolerance must be a number of seconds, 0 or more; it is a BigInt.', { algorithms: ['HS256'], clockTolerance: 5n });
    });
    it('verify: an issuer that is a number', async () => {
      await assertRefused(jws, 'OPTION_INVALID', 'The expected issuer must be a string or a list of strings; it is a number.', { algorithms: ['HS256'], issuer: 42 });
    });
    it('verify: an audience list holding a number', async () => {
      await assertRefused(jws, 'OPTION_INVALID', 'The expected audience must be a string or a list of strings; it is a list holding something else.', { algorithms: ['HS256'], audience: ['a', 1] });
    });
    it('verify: a subject that is an object', async () => {
      await assertRefused(jws, 'OPTION_INVALID', 'The expected subject must be a string; it is an object.', { algorithms: ['HS256'], subject: {} });
    });
    for (const [key, type] of [[null, 'null'], [undefined, 'undefined'], [42, 'a number'], [[], 'an array']] as const) {
      it(`verify: a key that is ${type} resolves to a KEY_* refusal`, async () => {
        const r = await verifyToken(jws, key as unknown as JWK, HS256);
        assert.equal(r.valid, false);
        assert.match(r.valid ? '' : r.code, /^KEY_/);
      });
    }
    it('decrypt: options that are null', async () => {
      await assertRejects(anyArgs(decryptToken)(jwe, aesKey, null), 'OPTION_INVALID', 'The decryption options must be an object; it is null.');
    });
    it('decrypt: a PBES2 limit that is a BigInt', async () => {
      await assertRejects(anyArgs(decryptToken)(jwe, aesKey, { maxPbes2Count: 5n }), 'OPTION_INVALID',
        'The PBES2 iteration limit must be a positive whole number; it is a BigInt.');
    });
    for (const [text, type] of [[null, 'null'], [undefined, 'undefined'], [1, 'a number'], [{ length: 3 }, 'an object']] as const) {
      it(`findTokens: text that is ${type}`, () => {
        assertThrows(() => anyArgs(findTokens)(text), 'OPTION_INVALID', `The text to search must be a string; it is ${type}.`);
      });
      it(`findTokenAt: text that is ${type}`, () => {
        assertThrows(() => anyArgs(findTokenAt)(text, 0), 'OPTION_INVALID', `The text to search must be a string; it is ${type}.`);
      });
    }
    it('findTokens: a range that is a number', () => {
      assertThrows(() => anyArgs(findTokens)(jws, 5), 'OPTION_INVALID', 'The range to search must be { start, end } with two numbers; it is a number.');
    });
    it('findTokens: a range with text offsets', () => {
      assertThrows(() => anyArgs(findTokens)(jws, { start: '0', end: '9' }), 'OPTION_INVALID', 'The range to search must be { start, end } with two numbers; it is an object without them.');
    });
    it('findTokens: a range of NaN is clamped, not refused', () => {
      assert.deepEqual(findTokens(jws, { start: Number.NaN, end: Number.NaN }), []);
    });
    it('findTokenAt: an offset that is text', () => {
      assertThrows(() => anyArgs(findTokenAt)(jws, '3'), 'OPTION_INVALID', 'The offset must be a number; it is a string.');
    });
    it('findTokenAt: a window that is null', () => {
      assertThrows(() => anyArgs(findTokenAt)(jws, 3, null), 'OPTION_INVALID', 'The window must be a number; it is null.');
    });
    for (const [decoded, type] of [[null, 'null'], [undefined, 'undefined'], ['eyJ', 'a string'], [{}, 'an object of another shape'], [{ kind: 'jws', header: {}, payload: 5 }, 'an object of another shape']] as const) {
      it(`explain: a decoded token that is ${type}`, () => {
        assertThrows(() => anyArgs(explainToken)(decoded), 'OPTION_INVALID', `explainToken needs a decoded token (what decodeToken returns); it was given ${type}.`);
      });
    }
    it('explain: a current time that is a number', () => {
      assertThrows(() => anyArgs(explainToken)(decodeToken(jws), 0), 'OPTION_INVALID', 'The current time must be a Date; it is a number.');
    });
    it('explain: a current time that is an invalid Date (it would compare false with every exp: "valid")', () => {
      assertThrows(() => explainToken(decodeToken(jws), new Date('never')), 'OPTION_INVALID', 'The current time given to explain the token is not a valid date.');
    });
    it('explain: options that are null', () => {
      assertThrows(() => anyArgs(explainToken)(decodeToken(jws), new Date(), null), 'OPTION_INVALID', 'The explain options must be an object; it is null.');
    });
    it('explain: a time zone that is not local or utc', () => {
      assertThrows(() => anyArgs(explainToken)(decodeToken(jws), new Date(), { timeZone: 'Europe/Paris' }), 'OPTION_INVALID',
        'The time zone must be "local" or "utc"; it is another string.');
    });
    it('explain: an HMAC key length that is text', () => {
      assertThrows(() => anyArgs(explainToken)(decodeToken(jws), new Date(), { hmacKeyBytes: '32' }), 'OPTION_INVALID', 'The HMAC key length must be a number; it is a string.');
    });
    it('relativeTime: an instant that is null', () => {
      assertThrows(() => anyArgs(relativeTime)(null, new Date()), 'OPTION_INVALID', 'The instant must be a Date; it is null.');
    });
    it('relativeTime: a current time that is a number', () => {
      assertThrows(() => anyArgs(relativeTime)(new Date(), Date.now()), 'OPTION_INVALID', 'The current time must be a Date; it is a number.');
    });
    it('describeSpan: a duration that is text', () => {
      assertThrows(() => anyArgs(describeSpan)('5'), 'OPTION_INVALID', 'The duration must be a number; it is a string.');
    });
    it('describeSpan: an infinite duration is not "Infinity years"', () => {
      assert.equal(describeSpan(Infinity), 'an unknown length of time');
    });
    it('isoInstant: an instant that is a number', () => {
      assertThrows(() => anyArgs(isoInstant)(0), 'OPTION_INVALID', 'The instant must be a Date; it is a number.');
    });
    it('calendarTime: a zone that is neither local nor utc (it was shown in UTC but called "local")', () => {
      assertThrows(() => anyArgs(calendarTime)(new Date(0), 'pst'), 'OPTION_INVALID', 'The time zone must be "local" or "utc"; it is another string.');
    });
    it('calendarTime: an instant that is undefined', () => {
      assertThrows(() => anyArgs(calendarTime)(undefined, 'utc'), 'OPTION_INVALID', 'The instant must be a Date; it is undefined.');
    });
    it('describeInstant: an instant that is text', () => {
      assertThrows(() => anyArgs(describeInstant)('2026-01-01', 'utc'), 'OPTION_INVALID', 'The instant must be a Date; it is a string.');
    });
  });

  describe('times that are not usable are never valid forever: explain, CodeLens, diagnostics and verify agree', () => {
    const NOW = new Date('2026-11-23T16:18:00Z');
    const withClaims = (json: string): string => hs256({ alg: 'HS256' }, b64(json));
    const INF = '"exp" is Infinity, beyond the range of the calendar (NumericDates end in the year 275760)';
    const HUGE = '"exp" is 1e+300, beyond the range of the calendar (NumericDates end in the year 275760)';
    const refusedBecause = (reason: string): string => `The token's ${reason}: it is not a usable time, so the token is refused.`;

    it('explain: exp 1e400 (parsed as Infinity) is invalid', () => {
      const e = explainToken(decodeToken(withClaims('{"exp":1e400}')), NOW);
      assert.deepEqual([e.status, e.statusText], ['invalid', `Invalid — ${INF}: verification refuses it`]);
    });
    it('explain: exp 1e300 is invalid, not "valid, expires at an unknown time"', () => {
      const e = explainToken(decodeToken(withClaims('{"exp":1e300}')), NOW);
      assert.deepEqual([e.status, e.statusText], ['invalid', `Invalid — ${HUGE}: verification refuses it`]);
    });
    it('explain: the exp row of 1e400 shows Infinity, not null', () => {
      const e = explainToken(decodeToken(withClaims('{"exp":1e400}')), NOW, { timeZone: 'utc' });
      assert.equal(e.claims.find(c => c.name === 'exp')?.text, 'Infinity (not a NumericDate: expected seconds since 1970 as a number)');
    });
    it('explain: the exp row of 1e300 says it is beyond the calendar', () => {
      const e = explainToken(decodeToken(withClaims('{"exp":1e300}')), NOW, { timeZone: 'utc' });
      assert.equal(e.claims.find(c => c.name === 'exp')?.text, 'a date beyond the range of the calendar (1e+300): not a usable time');
    });
    it('timeValidity: an exp of NaN ms is invalid', () => {
      assert.equal(timeValidity(Number.NaN, undefined, NOW.getTime()), 'invalid');
    });
    it('CodeLens: exp 1e400', () => {
      const [t] = indexTokens(withClaims('{"exp":1e400}'));
      assert.equal(t && lensTitle(t, NOW), 'JWT · HS256 · invalid exp (not a usable time)');
    });
    it('CodeLens: nbf 1e300', () => {
      const [t] = indexTokens(withClaims('{"nbf":1e300}'));
      assert.equal(t && lensTitle(t, NOW), 'JWT · HS256 · invalid nbf (not a usable time)');
    });
    it('diagnostics: exp 1e300 is a problem', () => {
      const [t] = indexTokens(withClaims('{"exp":1e300}'));
      assert.equal(t && expiryProblem(t, NOW, 'utc'), 'JWT exp is not a usable time (not a number, or beyond the calendar): verification refuses it');
    });
    it('diagnostics: exp "tomorrow" is a problem', () => {
      const [t] = indexTokens(withClaims('{"exp":"tomorrow"}'));
      assert.equal(t && expiryProblem(t, NOW, 'utc'), 'JWT exp is not a usable time (not a number, or beyond the calendar): verification refuses it');
    });
    it('verify: exp 1e400 (jose alone would call it valid forever)', async () => {
      await assertRefused(withClaims('{"exp":1e400}'), 'CLAIM_INVALID', refusedBecause(INF));
    });
    it('verify: exp 1e300', async () => {
      await assertRefused(withClaims('{"exp":1e300}'), 'CLAIM_INVALID', refusedBecause(HUGE));
    });
    it('verify: exp -1e300 (jose alone calls it expired)', async () => {
      await assertRefused(withClaims('{"exp":-1e300}'), 'CLAIM_INVALID',
        refusedBecause('"exp" is -1e+300, beyond the range of the calendar (NumericDates end in the year 275760)'));
    });
    it('verify: nbf -1e400 (parsed as -Infinity: jose alone would accept it)', async () => {
      await assertRefused(withClaims('{"nbf":-1e400}'), 'CLAIM_INVALID',
        refusedBecause('"nbf" is -Infinity, beyond the range of the calendar (NumericDates end in the year 275760)'));
    });
    it('verify: nbf 1e300 (jose alone calls it not yet valid)', async () => {
      await assertRefused(withClaims('{"nbf":1e300}'), 'CLAIM_INVALID',
        refusedBecause('"nbf" is 1e+300, beyond the range of the calendar (NumericDates end in the year 275760)'));
    });
    it('verify: an exp in milliseconds by mistake is still a time (year 58 000)', async () => {
      const r = await verifyToken(withClaims(`{"exp":${Date.now() + 60_000}}`), secret, HS256);
      assert.equal(r.valid, true);
    });
  });

  describe('linear time: every regex over token text answers 1 MB of hostile input in well under a second', () => {
    const MB = 1024 * 1024;
    const fill = (unit: string, length = MB): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    /** Runs `fn` and asserts it took under a second (the point is catching quadratic or exponential blowups). */
    async function fast(what: string, fn: () => unknown): Promise<void> {
      const started = performance.now();
      try {
        await fn();
      } catch (e) {
        assert.ok(isWorkbenchError(e), `${what}: expected a WorkbenchError, got ${String(e)}`);
      }
      const ms = performance.now() - started;
      assert.ok(ms < 1000, `${what} took ${Math.round(ms)} ms`);
    }
    const hostile: Record<string, () => string> = {
      '-': () => fill('-'),
      '=': () => fill('='),
      '.': () => fill('.'),
      'eyJ': () => fill('eyJ'),
      'eyJ.': () => fill('eyJ.'),
      'eyJA.': () => fill('eyJA.'),
      'eyJA..': () => fill('eyJA..'),
      '.eyJ': () => fill('.eyJ'),
      'spaces': () => fill(' '),
      'eyJ and spaces': () => fill('eyJ '),
      '"Bearer" and spaces': () => `Bearer${fill(' ', MB - 8)}x`,
      'a token with 1 MB of "=" padding': () => `${jws}${fill('=', MB - jws.length - 1)}`,
      'a payload of spaces (/^\\s*\\{/)': () => `eyJhbGciOiJIUzI1NiJ9.${b64(fill(' ', 700_000))}x.c2ln`,
    };
    for (const [name, input] of Object.entries(hostile)) {
      it(`decode: ${name}`, async () => fast('decode', () => decodeToken(input())));
      it(`verify: ${name}`, async () => fast('verify', () => verifyToken(input(), secret, HS256)));
      it(`findTokens: ${name}`, async () => fast('findTokens', () => findTokens(input())));
      it(`findTokenAt (middle): ${name}`, async () => fast('findTokenAt', () => findTokenAt(input(), MB / 2)));
      it(`CodeLens index: ${name}`, async () => fast('indexTokens', () => indexTokens(input())));
    }
    for (const [name, kid] of Object.entries({
      // 700 KB: the token stays under decode's 1 MiB limit once base64url-encoded.
      'a URL-like run': () => `a${fill('+', 700_000)}`,
      'path separators': () => fill('../', 700_000),
      '"union" then spaces': () => `union${fill(' ', 700_000)}`,
      'many "union "': () => fill('union  ', 700_000),
      'dashes': () => fill('-', 700_000),
    })) {
      it(`explain: a kid of ${name}`, async () => {
        const decoded = decodeToken(hs256({ alg: 'HS256', kid: kid() }, b64('{"sub":"a"}')));
        await fast('explain', () => explainToken(decoded));
      });
    }
  });

  describe('no secret in an error object: a message or cause never quotes the token text', () => {
    const SECRET = 'hunter2-do-not-leak';
    /** The decode error for `input`, asserted to hold no `cause` and no trace of the secret anywhere. */
    function clean(input: string): unknown {
      try {
        decodeToken(input);
      } catch (e) {
        assert.ok(isWorkbenchError(e));
        assert.equal(e.cause, undefined);
        assert.ok(!inspect(e, { depth: 10 }).includes(SECRET), inspect(e));
        return e;
      }
      assert.fail('expected a refusal');
    }

    it('decode: a header whose JSON string is cut off (V8 would quote it)', () => {
      const input = `${b64(`{"alg":"HS256","k":"${SECRET}`)}.e30.c2ln`;
      clean(input);
      assertThrows(() => decodeToken(input), 'TOKEN_JSON', 'The header (part 1) is not valid JSON: the error is at character 40.');
    });
    it('decode: a header with a bare word (V8 quotes the whole text)', () => {
      const input = `${b64(`{"alg":${SECRET}}`)}.e30.c2ln`;
      clean(input);
      assertThrows(() => decodeToken(input), 'TOKEN_JSON', 'The header (part 1) is not valid JSON: it cannot be parsed.');
    });
    it('decode: a header that ends too early', () => {
      const input = `${b64(`{"k":"${SECRET}","v":`)}.e30.c2ln`;
      clean(input);
      assertThrows(() => decodeToken(input), 'TOKEN_JSON', 'The header (part 1) is not valid JSON: it ends before the JSON is complete.');
    });
    it('verify: the same header gives the same message, and the result holds no secret', async () => {
      const input = `${b64(`{"alg":${SECRET}}`)}.e30.c2ln`;
      const r = await verifyToken(input, secret, HS256);
      assert.deepEqual(r, { valid: false, code: 'TOKEN_JSON', message: 'The header (part 1) is not valid JSON: it cannot be parsed.' });
    });
    it('decrypt: a JWE whose header is not JSON', async () => {
      const input = `${b64(`{"alg":"dir","enc":${SECRET}}`)}..aXY.Y3Q.dGFn`;
      await assertRejects(decryptToken(input, aesKey), 'TOKEN_JSON', 'The header (part 1) is not valid JSON: it cannot be parsed.');
      await decryptToken(input, aesKey).catch((e: unknown) => {
        assert.ok(isWorkbenchError(e) && e.cause === undefined && !inspect(e, { depth: 10 }).includes(SECRET));
      });
    });
  });

  describe('bounded messages: lists taken from input stay short', () => {
    const many = (prefix: string, n = 1000): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

    it('verify: 1000 allowed algorithms, none the token\'s', async () => {
      await assertRefused(jws, 'ALG_NOT_ALLOWED',
        'The token says alg HS256, which is not in the allowed algorithms (X0, X1, X2, X3, X4, X5, X6, X7, X8, X9 and 990 more).', { algorithms: many('X') });
    });
    it('verify: 1000 expected audiences', async () => {
      const token = hs256({ alg: 'HS256' }, b64('{"aud":"me"}'));
      await assertRefused(token, 'CLAIM_AUDIENCE',
        'Audience is "me"; expected one of "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9" and 990 more.', { algorithms: ['HS256'], audience: many('A') });
    });
    it('verify: 1000 required claims of a text payload', async () => {
      const token = hs256({ alg: 'HS256' }, b64('plain text'));
      await assertRefused(token, 'PAYLOAD_INVALID',
        'The signature is valid, but the payload is not a JSON object, so its claims (c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 and 990 more) cannot be checked.',
        { algorithms: ['HS256'], requiredClaims: many('c') });
    });
    it('decrypt: 1000 allowed key algorithms, none the token\'s', async () => {
      await assertRejects(decryptToken(jwe, aesKey, { keyAlgorithms: many('K') }), 'ALG_NOT_ALLOWED',
        'The token says alg A128KW, which is not in the allowed algorithms (K0, K1, K2, K3, K4, K5, K6, K7, K8, K9 and 990 more).');
    });
    it('decrypt: allowed content encryptions with very long names', async () => {
      await assertRejects(decryptToken(jwe, aesKey, { contentEncryptionAlgorithms: many('E'.repeat(5000), 3) }), 'ALG_NOT_ALLOWED',
        `The token says enc A128GCM, which is not in the allowed content encryptions (${`"${'E'.repeat(39)}…`}, ${`"${'E'.repeat(39)}…`}, ${`"${'E'.repeat(39)}…`}).`);
    });
    it('explain: a crit list of 1000 members', () => {
      const e = explainToken(decodeToken(hs256({ alg: 'HS256', crit: many('x') }, b64('{}'))));
      assert.equal(e.warnings.find(w => w.code === 'crit')?.message,
        'The header marks extensions as critical (crit: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9" and 990 more): a verifier must reject the token unless it understands each of them.');
    });
    it('explain: an exp that is a 100 000-character string', () => {
      const e = explainToken(decodeToken(hs256({ alg: 'HS256' }, b64(JSON.stringify({ exp: 'y'.repeat(100_000) })))));
      assert.equal(e.warnings.find(w => w.code === 'exp-not-number')?.message,
        `Expiration Time (exp) is "${'y'.repeat(76)}…, not a number of seconds since 1970: verifiers reject or misread it.`);
    });
  });

  describe('no raw exceptions: a sweep of odd values through every token-side export of the engine', () => {
    // What a webview message or a command argument can carry. (A Proxy whose traps throw is left out: its own
    // error is what the caller gets.)
    const odd: [string, unknown][] = [
      ['null', null], ['undefined', undefined], ['0', 0], ['NaN', Number.NaN], ['-1', -1], ['Infinity', Infinity],
      ['""', ''], ['"x"', 'x'], ['{}', {}], ['[]', []], ['a BigInt', 10n], ['a symbol', Symbol('s')], ['a function', () => 0],
      ['a null-prototype object', Object.create(null)], ['an invalid Date', new Date(Number.NaN)],
    ];
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2ln';
    const jweToken = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..aXY.Y3Q.dGFn';
    const k32 = 'k'.repeat(32);
    const k16 = 'k'.repeat(16);
    type Call = (v: never) => unknown;
    const calls: Record<string, Call> = {
      'findTokens(text)': v => core.findTokens(v),
      'findTokens(text, range)': v => core.findTokens(token, v),
      'findTokenAt(text)': v => core.findTokenAt(v, 0),
      'findTokenAt(offset)': v => core.findTokenAt(token, v),
      'findTokenAt(window)': v => core.findTokenAt(token, 3, v),
      'decodeToken(token)': v => core.decodeToken(v),
      'explainToken(decoded)': v => core.explainToken(v),
      'explainToken(now)': v => core.explainToken(core.decodeToken(token), v),
      'explainToken(options)': v => core.explainToken(core.decodeToken(token), new Date(), v),
      'relativeTime(target)': v => core.relativeTime(v, new Date()),
      'relativeTime(now)': v => core.relativeTime(new Date(), v),
      'describeSpan(ms)': v => core.describeSpan(v),
      'describeInstant(date)': v => core.describeInstant(v, 'utc'),
      'describeInstant(zone)': v => core.describeInstant(new Date(), v),
      'calendarTime(date)': v => core.calendarTime(v, 'utc'),
      'calendarTime(zone)': v => core.calendarTime(new Date(), v),
      'isoInstant(date)': v => core.isoInstant(v),
      'signToken(request)': v => core.signToken(v),
      'signToken(header)': v => core.signToken({ header: v, payload: {}, key: k32 }),
      'signToken(payload)': v => core.signToken({ header: { alg: 'HS256' }, payload: v, key: k32 }),
      'encryptToken(plaintext)': v => core.encryptToken(v, k16, { alg: 'dir', enc: 'A128GCM' }),
      'encryptToken(options)': v => core.encryptToken('x', k16, v),
      'encryptToken(options.header)': v => core.encryptToken('x', k16, { alg: 'dir', enc: 'A128GCM', header: v }),
      'decryptToken(token)': v => core.decryptToken(v, k16),
      'decryptToken(options)': v => core.decryptToken(jweToken, k16, v),
    };
    for (const [name, call] of Object.entries(calls)) {
      it(`${name}: a WorkbenchError with a code (never a TypeError or RangeError), or a result`, async () => {
        for (const [label, value] of odd) {
          try {
            await call(value as never);
          } catch (e) {
            assert.ok(isWorkbenchError(e), `${name} with ${label}: ${String(e)}`);
            assert.notEqual(e.code, 'INTERNAL', `${name} with ${label}: ${e.message}`);
          }
        }
      });
    }
    for (const field of ['token', 'options', 'algorithms', 'issuer', 'audience', 'subject', 'clockTolerance', 'currentDate', 'requiredClaims', 'maxTokenAge']) {
      it(`verifyToken(${field}): always resolves, never INTERNAL`, async () => {
        for (const [label, value] of odd) {
          const r = field === 'token' ? await core.verifyToken(value as string, k32, HS256)
            : field === 'options' ? await core.verifyToken(token, k32, value as typeof HS256)
              : await core.verifyToken(token, k32, { ...HS256, [field]: value });
          assert.ok(!r.valid || field !== 'token', `${field} with ${label} verified`);
          if (!r.valid) assert.notEqual(r.code, 'INTERNAL', `${field} with ${label}: ${r.message}`);
        }
      });
    }
  });
});
