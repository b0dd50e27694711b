/**
 * "Looks like a token", the one rule behind the hover, the token-selected context key, Decode Token on a
 * selection and Decode from Clipboard. Vectors: RFC 7519 §3.1, RFC 7516 A.1 (JWE) and the sample
 * workspace's malformed string (a payload with a `*`).
 */
import * as assert from 'node:assert/strict';
import { firstTokenLike, tokenLikeAt } from '../../src/editor/cursor/tokenLike';
import { RFC7516_A1, RFC7519_3_1 } from './fixtures/rfc-tokens';

const BAD_B64 = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln'; // sample/malformed.txt

describe('editor: what looks like a token', () => {
  it('finds a well-formed JWS with its kind and offsets', () => {
    const text = `Authorization: Bearer ${RFC7519_3_1}`;
    assert.deepEqual(firstTokenLike(text), { start: 22, end: text.length, token: RFC7519_3_1, kind: 'jws' });
  });

  it('finds a well-formed JWE', () => {
    assert.equal(firstTokenLike(`"enc": "${RFC7516_A1}"`)?.kind, 'jwe');
  });

  it('prefers a well-formed token to a broken one before it', () => {
    assert.equal(firstTokenLike(`${BAD_B64} then ${RFC7519_3_1}`)?.token, RFC7519_3_1);
  });

  it('returns a broken token without a kind, so decoding it can say what is wrong', () => {
    assert.deepEqual(firstTokenLike(`bad: ${BAD_B64}`), { start: 5, end: 5 + BAD_B64.length, token: BAD_B64 });
  });

  it('leaves sentence punctuation after a broken token out of it', () => {
    assert.equal(firstTokenLike(`see ${BAD_B64}!`)?.token, BAD_B64);
  });

  it('is nothing for dotted identifiers and version numbers', () => {
    assert.equal(firstTokenLike('com.example.Foo a.b.c 1.2.3'), undefined);
  });

  it('is nothing for a header too short to be one (eyJ.only.two)', () => {
    assert.equal(firstTokenLike('eyJ.only.two'), undefined);
  });

  it('is nothing for eyJ glued inside a longer word', () => {
    assert.equal(firstTokenLike('keyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln'), undefined);
  });

  it('is nothing for eyJ right after a dot (a.eyJ… is a dotted name)', () => {
    assert.equal(firstTokenLike('a.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln'), undefined);
  });

  it('gives the hover the same answer as the selection for a broken token', () => {
    const line = `payload with bad base64url: ${BAD_B64}`;
    assert.deepEqual(tokenLikeAt(line, line.length - 5), firstTokenLike(line));
  });

  for (const [name, unit] of [['eyJeyJ…', 'eyJ'], ['*eyJ*eyJ…', '*eyJ'], ['many header-long words without a dot', 'eyJhbGciOiJIUzI1 ']] as const) {
    it(`answers 1 MiB of ${name} in well under a second (it runs on every selection pause)`, () => {
      const hostile = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      const started = performance.now();
      assert.equal(firstTokenLike(hostile), undefined);
      const ms = performance.now() - started;
      assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`);
    });
  }
});
