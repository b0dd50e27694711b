/**
 * Verify reads a token's payload once (decode's reading), and the claims it checks are the ones jose's
 * jwtVerify would have read from the same bytes: these pin the payloads where the two readings could part.
 */
import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { decodeToken } from '../../src/core/decode';
import { verifyToken } from '../../src/core/verify';
import type { VerifyResult } from '../../src/core/verify';

const key: JWK = { kty: 'oct', k: base64url.encode(new Uint8Array(32).fill(5)) };
const HS256 = { algorithms: ['HS256'] };

/** An HS256 token over exactly these payload bytes. */
function signed(payload: Uint8Array): string {
  const input = `${base64url.encode('{"alg":"HS256"}')}.${base64url.encode(payload)}`;
  return `${input}.${base64url.encode(crypto.createHmac('sha256', Buffer.from(key.k!, 'base64url')).update(input).digest())}`;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(r: VerifyResult): { code: string; message: string } {
  assert.equal(r.valid, false, `expected a refusal, got ${JSON.stringify(r)}`);
  return r.valid ? { code: '', message: '' } : { code: r.code, message: r.message };
}

describe('verify reads the payload once, as jwtVerify would', () => {
  it('a JSON object that is not UTF-8 (a 0xFF byte in a claim): PAYLOAD_INVALID, its claims unread', async () => {
    const bytes = new Uint8Array([...utf8('{"exp":1,"sub":"'), 0xff, ...utf8('"}')]);
    assert.deepEqual(refusal(await verifyToken(signed(bytes), key, HS256)), {
      code: 'PAYLOAD_INVALID',
      message: 'The payload is a JSON object that could not be read as JWT claims, so its claims (exp, nbf…) could not be checked.',
    });
  });
  it('a U+FFFD written as UTF-8 is text like any other: the claims are checked (exp 1 is expired)', async () => {
    const r = refusal(await verifyToken(signed(utf8('{"exp":1,"sub":"\uFFFD"}')), key, HS256));
    assert.equal(r.code, 'CLAIM_EXPIRED');
  });
  it('a byte-order mark before the JSON object: the claims are checked (exp 1 is expired)', async () => {
    const r = refusal(await verifyToken(signed(utf8('\uFEFF{"exp":1}')), key, HS256));
    assert.equal(r.code, 'CLAIM_EXPIRED');
  });
  it('a JSON object after spaces and a line break: the claims are checked (exp 1 is expired)', async () => {
    const r = refusal(await verifyToken(signed(utf8(' \r\n {"exp":1}')), key, HS256));
    assert.equal(r.code, 'CLAIM_EXPIRED');
  });
  it('a JSON array: verified as a plain JWS, the payload given back as text', async () => {
    const r = await verifyToken(signed(utf8('[{"exp":1}]')), key, HS256);
    assert.equal(r.valid && r.payload, '[{"exp":1}]');
  });
  it('a JSON object: the claims come back as an object', async () => {
    const r = await verifyToken(signed(utf8('{"sub":"alice","n":[1,{"a":null}]}')), key, HS256);
    assert.deepEqual(r.valid && r.payload, { sub: 'alice', n: [1, { a: null }] });
  });
  it('a wrong signature over an expired payload: SIGNATURE_INVALID (the signature is checked before the claims)', async () => {
    const [h, p] = signed(utf8('{"exp":1}')).split('.');
    const r = refusal(await verifyToken(`${h}.${p}.${base64url.encode(new Uint8Array(32))}`, key, HS256));
    assert.equal(r.code, 'SIGNATURE_INVALID');
  });
});

describe('decode reads base64url exactly', () => {
  const bytes = crypto.randomBytes(64);
  for (let length = 0; length <= 64; length++) {
    it(`a payload of ${length} random bytes reads as those bytes`, () => {
      const part = base64url.encode(bytes.subarray(0, length));
      const t = decodeToken(`e30.${part}.`);
      assert.equal(t.kind === 'jws' && t.payload, new TextDecoder().decode(bytes.subarray(0, length)));
    });
  }
  it('a non-ASCII letter inside the payload part: TOKEN_BASE64URL naming it', () => {
    assert.throws(() => decodeToken('e30.e3é0.'), { code: 'TOKEN_BASE64URL', message: "The payload (part 2) is not valid base64url: unexpected character 'é' at position 3." });
  });
});

describe('decode refuses JSON nested deeper than 100 levels, and only that', () => {
  const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
  it('a payload nested 101 levels: TOKEN_JSON', () => {
    assert.throws(() => decodeToken(`e30.${base64url.encode(`{"a":${deep(100)}}`)}.`), {
      code: 'TOKEN_JSON',
      message: 'The payload (part 2) is JSON nested deeper than 100 levels; JWT Workbench does not read JSON that deep.',
    });
  });
  it('a payload of 150 flat lists (150 brackets, 2 levels) is read', () => {
    const t = decodeToken(`e30.${base64url.encode(`{"a":[${Array(150).fill('[]').join(',')}]}`)}.`);
    assert.equal(t.kind === 'jws' && typeof t.payload, 'object');
  });
});
