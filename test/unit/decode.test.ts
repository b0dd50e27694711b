import assert from 'node:assert/strict';
import { base64url } from 'jose';
import { decodeToken } from '../../src/core/decode';
import { isWorkbenchError, type WorkbenchErrorCode } from '../../src/core/errors';
import {
  JWT_IO_CLAIMS, JWT_IO_HEADER, JWT_IO_SAMPLE, RFC7515_A2, RFC7515_A3, RFC7515_A5, RFC7516_A1, RFC7516_A3,
  RFC7516_A3_PARTS, RFC7519_3_1, RFC7519_3_1_HEADER, RFC7520_5_6, RFC7797_4_2, RFC_EXAMPLE_CLAIMS,
} from './fixtures/rfc-tokens';

/** A base64url part holding `text` (jose's encoder, not ours). */
const part = (text: string): string => base64url.encode(text);

/** Asserts that decoding `input` throws a WorkbenchError with this code and exactly this message. */
function assertRejects(input: string, code: WorkbenchErrorCode, message: string | RegExp): void {
  assert.throws(
    () => decodeToken(input),
    (e: unknown) => {
      assert.ok(isWorkbenchError(e), `expected a WorkbenchError, got ${String(e)}`);
      assert.equal(e.code, code);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );
}

describe('decodeToken', () => {
  describe('RFC vectors', () => {
    it('RFC 7519 §3.1: header with line breaks, claims, signature', () => {
      const t = decodeToken(RFC7519_3_1);
      assert.equal(t.kind, 'jws');
      if (t.kind !== 'jws') return;
      assert.deepEqual(t.header, RFC7519_3_1_HEADER);
      assert.deepEqual(t.payload, RFC_EXAMPLE_CLAIMS);
      assert.equal(t.signature, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
      assert.deepEqual(t.raw, {
        header: 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9',
        payload: 'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ',
        signature: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      });
      assert.equal(t.unsecured, false);
    });

    it('RFC 7515 A.2 (RS256) and A.3 (ES256)', () => {
      const rs = decodeToken(RFC7515_A2);
      assert.deepEqual(rs.header, { alg: 'RS256' });
      assert.ok(rs.kind === 'jws' && rs.signature.startsWith('cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2Vt'));
      assert.deepEqual(rs.kind === 'jws' && rs.payload, RFC_EXAMPLE_CLAIMS);
      const es = decodeToken(RFC7515_A3);
      assert.deepEqual(es.header, { alg: 'ES256' });
      assert.deepEqual(es.kind === 'jws' && es.payload, RFC_EXAMPLE_CLAIMS);
    });

    it('RFC 7515 A.5: an unsecured JWS decodes, marked unsecured, with an empty signature', () => {
      const t = decodeToken(RFC7515_A5);
      assert.ok(t.kind === 'jws');
      assert.deepEqual(t.header, { alg: 'none' });
      assert.deepEqual(t.payload, RFC_EXAMPLE_CLAIMS);
      assert.equal(t.signature, '');
      assert.equal(t.unsecured, true);
    });

    it('alg "none" in any letter case is unsecured', () => {
      for (const alg of ['None', 'NONE', 'nOnE']) {
        const t = decodeToken(`${part(JSON.stringify({ alg }))}.${part('{}')}.`);
        assert.equal(t.kind === 'jws' && t.unsecured, true, alg);
      }
    });

    it('the jwt.io sample', () => {
      const t = decodeToken(JWT_IO_SAMPLE);
      assert.deepEqual(t.header, JWT_IO_HEADER);
      assert.deepEqual(t.kind === 'jws' && t.payload, JWT_IO_CLAIMS);
    });

    it('RFC 7516 A.1 (RSA-OAEP, A256GCM): protected header of a JWE', () => {
      const t = decodeToken(RFC7516_A1);
      assert.equal(t.kind, 'jwe');
      assert.deepEqual(t.header, { alg: 'RSA-OAEP', enc: 'A256GCM' });
      assert.ok(t.kind === 'jwe' && t.iv === '48V1_ALb6US04U3b' && t.tag === 'XFBoMYUZodetZdvTiFvSkQ');
    });

    it('RFC 7516 A.3 (A128KW, A128CBC-HS256): header and each part', () => {
      const t = decodeToken(RFC7516_A3);
      assert.ok(t.kind === 'jwe');
      assert.deepEqual(t.header, { alg: 'A128KW', enc: 'A128CBC-HS256' });
      assert.deepEqual(
        { encryptedKey: t.encryptedKey, iv: t.iv, ciphertext: t.ciphertext, tag: t.tag },
        RFC7516_A3_PARTS,
      );
      assert.deepEqual(t.raw, { header: 'eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0', ...RFC7516_A3_PARTS });
    });

    it('RFC 7520 §5.6 (dir): a JWE with an empty encrypted key', () => {
      const t = decodeToken(RFC7520_5_6);
      assert.ok(t.kind === 'jwe');
      assert.deepEqual(t.header, { alg: 'dir', kid: '77c7e2b8-6e13-45cf-8672-617b5b45243a', enc: 'A128GCM' });
      assert.equal(t.encryptedKey, '');
      assert.equal(t.iv, 'refa467QzzKx6QAB');
    });
  });

  describe('unencoded payloads (RFC 7797)', () => {
    it('§4.2: a detached payload decodes with its b64/crit header and an empty payload', () => {
      const t = decodeToken(RFC7797_4_2);
      assert.ok(t.kind === 'jws');
      assert.deepEqual(t.header, { alg: 'HS256', b64: false, crit: ['b64'] });
      assert.equal(t.payload, '');
      assert.equal(t.signature, 'A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY');
    });

    it('an attached unencoded payload is kept as the text it is, not read as base64url', () => {
      const header = 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19';
      const t = decodeToken(`${header}.$02 and more.A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY`);
      assert.equal(t.kind === 'jws' && t.payload, '$02 and more');
    });
  });

  describe('input as people paste it', () => {
    it('ignores surrounding whitespace and a leading Bearer (any case)', () => {
      for (const input of [`  ${JWT_IO_SAMPLE}\n`, `Bearer ${JWT_IO_SAMPLE}`, `bearer   ${JWT_IO_SAMPLE}`, `\tBEARER ${JWT_IO_SAMPLE} \r\n`]) {
        const t = decodeToken(input);
        assert.deepEqual(t.kind === 'jws' && t.payload, JWT_IO_CLAIMS, JSON.stringify(input));
      }
    });

    it('keeps a payload that is not a JSON object as text', () => {
      const text = decodeToken(`${part('{"alg":"HS256","cty":"text/plain"}')}.${part('Hello, world')}.c2ln`);
      assert.equal(text.kind === 'jws' && text.payload, 'Hello, world');
      const array = decodeToken(`${part('{"alg":"HS256"}')}.${part('[1,2]')}.c2ln`);
      assert.equal(array.kind === 'jws' && array.payload, '[1,2]');
      const broken = decodeToken(`${part('{"alg":"HS256"}')}.${part('{"sub":')}.c2ln`);
      assert.equal(broken.kind === 'jws' && broken.payload, '{"sub":');
    });

    it('reads non-ASCII claims as UTF-8', () => {
      const t = decodeToken(`${part('{"alg":"HS256"}')}.${part('{"name":"Zoë Ångström 🎉"}')}.c2ln`);
      assert.deepEqual(t.kind === 'jws' && t.payload, { name: 'Zoë Ångström 🎉' });
    });
  });

  describe('malformed input', () => {
    const header = 'eyJhbGciOiJSUzI1NiJ9'; // {"alg":"RS256"}

    it('empty', () => {
      assertRejects('', 'TOKEN_EMPTY', 'There is no token here: the text is empty (or only "Bearer").');
    });
    it('only whitespace', () => {
      assertRejects(' \n\t ', 'TOKEN_EMPTY', 'There is no token here: the text is empty (or only "Bearer").');
    });
    it('only "Bearer "', () => {
      assertRejects('Bearer ', 'TOKEN_EMPTY', 'There is no token here: the text is empty (or only "Bearer").');
    });
    it('four parts', () => {
      assertRejects(`${JWT_IO_SAMPLE}.e30`, 'TOKEN_PART_COUNT', 'A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has 4.');
    });
    it('one part', () => {
      assertRejects('hello', 'TOKEN_PART_COUNT', 'A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has 1.');
    });
    it('two parts', () => {
      assertRejects(`${header}.e30`, 'TOKEN_PART_COUNT', 'A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has 2.');
    });
    it('an unexpected character in the payload, with its position in the part', () => {
      assertRejects(`${header}.eyJpc3MiOiJqb2Ui!fQ.c2ln`, 'TOKEN_BASE64URL',
        "The payload (part 2) is not valid base64url: unexpected character '!' at position 17.");
    });
    it('standard base64 in the header', () => {
      assertRejects('eyJhbGciOiJSUzI1NiJ9+a.e30.c2ln', 'TOKEN_BASE64URL',
        "The header (part 1) is not valid base64url: unexpected character '+' at position 21 (that is standard base64; a JWT uses base64url, with '-' and '_').");
    });
    it('padding in the signature', () => {
      assertRejects(`${header}.e30.c2lnbmF0dXJl=`, 'TOKEN_BASE64URL',
        'The signature (part 3) is not valid base64url: unexpected character \'=\' at position 13 (a JWT part has no "=" padding).');
    });
    it('a line break inside the token', () => {
      assertRejects(`${header}.eyJz\ndWIiOiJ4In0.c2ln`, 'TOKEN_BASE64URL',
        'The payload (part 2) is not valid base64url: unexpected character U+000A at position 5 (remove line breaks and spaces from the token).');
    });
    it('padding in the payload', () => {
      assertRejects(`${header}.e30=.c2ln`, 'TOKEN_BASE64URL',
        'The payload (part 2) is not valid base64url: unexpected character \'=\' at position 4 (a JWT part has no "=" padding).');
    });
    it('a space inside the header', () => {
      // 'e3 0' has a decodable length: jose alone would skip the space and read {} (2 bytes of 3).
      assertRejects('e3 0.e30.c2ln', 'TOKEN_BASE64URL',
        'The header (part 1) is not valid base64url: unexpected character U+0020 at position 3 (remove line breaks and spaces from the token).');
    });
    it('a part of impossible length (a character lost or added)', () => {
      assertRejects(`${header}.e30.c2lnb`, 'TOKEN_BASE64URL',
        'The signature (part 3) is not valid base64url: its length (5) is one character too long or too short; the token looks truncated or corrupted.');
    });
    it('a bad character in a JWE part names that part', () => {
      assertRejects(`${part('{"alg":"dir","enc":"A128GCM"}')}..aXY!.Y3Q.dGFn`, 'TOKEN_BASE64URL',
        "The initialization vector (part 3) is not valid base64url: unexpected character '!' at position 4.");
    });
    it('a header that is not JSON', () => {
      assertRejects(`${part('{"alg":HS256}')}.e30.c2ln`, 'TOKEN_JSON',
        'The header (part 1) is not valid JSON: it cannot be parsed.');
    });
    it('a header that is not UTF-8', () => {
      assertRejects(`${base64url.encode(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x7d]))}.e30.c2ln`, 'TOKEN_JSON',
        'The header (part 1) is not valid JSON: it is not even UTF-8 text.');
    });
    it('an empty header', () => {
      assertRejects('.e30.c2ln', 'TOKEN_JSON', 'The header (part 1) is empty; it should be a JSON object such as {"alg":"HS256"}.');
    });
    it('a header that is a JSON array', () => {
      assertRejects(`${part('["HS256"]')}.e30.c2ln`, 'TOKEN_HEADER_NOT_OBJECT',
        'The header (part 1) is JSON but not an object (it is an array); a JOSE header is an object such as {"alg":"HS256"}.');
    });
    it('a header that is JSON null', () => {
      assertRejects(`${part('null')}.e30.c2ln`, 'TOKEN_HEADER_NOT_OBJECT',
        'The header (part 1) is JSON but not an object (it is null); a JOSE header is an object such as {"alg":"HS256"}.');
    });
    it('a token over 1 MiB', () => {
      const big = `${header}.${'A'.repeat(1.2 * 1024 * 1024)}.c2ln`;
      assertRejects(big, 'TOKEN_TOO_LARGE', 'This token is 1.2 MiB long; JWT Workbench reads tokens up to 1 MiB.');
    });
    it('a 50 MB paste is refused without being copied', () => {
      assertRejects(' '.repeat(50 * 1024 * 1024), 'TOKEN_TOO_LARGE', 'This token is 50.0 MiB long; JWT Workbench reads tokens up to 1 MiB.');
    });
  });
});
