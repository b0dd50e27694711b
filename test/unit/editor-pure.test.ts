/**
 * The pure parts behind CodeLens, diagnostics, the cursor window and the decoded document.
 * Vectors: RFC 7515 A.2 (RS256, exp 2011-03-22T18:43:00Z), RFC 7516 A.1 (JWE), RFC 7519 §3.1,
 * the sample workspace's malformed strings, and tokens built below from JSON spelled out in the test.
 */
import * as assert from 'node:assert/strict';
import { base64url } from 'jose';
import { renderDecodedDocument, stripJsonComments } from '../../src/editor/decodedView/decodedText';
import { HOVER_WINDOW, tokenAtCharacter } from '../../src/editor/cursor/lineWindow';
import { expiryProblem, indexTokens, lensTitle, nextStateChange, shortReason } from '../../src/editor/expiry/tokenIndex';
import { RFC7515_A2, RFC7515_A5, RFC7516_A1, RFC7519_3_1, RFC7519_3_1_HEADER, RFC_EXAMPLE_CLAIMS } from './fixtures/rfc-tokens';

function token(header: object, claims: object): string {
  const enc = (o: object): string => base64url.encode(new TextEncoder().encode(JSON.stringify(o)));
  return `${enc(header)}.${enc(claims)}.c2ln`;
}

const EXP = Date.UTC(2011, 2, 22, 18, 43); // RFC example exp, 1300819380 s
// nbf 2098-06-01T00:00:00Z = 4052419200 s, exp 2099-01-01T00:00:00Z = 4070908800 s (as in sample/tokens.json)
const FUTURE = token({ alg: 'ES256' }, { sub: 'dave', nbf: 4052419200, exp: 4070908800 });
const BAD_JSON = 'eyJhbGciOiJIUzI1NiIsfQ.eyJzdWIiOiJ4In0.c2ln'; // header {"alg":"HS256",}
const BAD_B64 = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln';

describe('editor: CodeLens titles and expiry diagnostics', () => {
  const text = [
    `access=${RFC7515_A2}`,
    `enc: "${RFC7516_A1}"`,
    `future ${FUTURE}`,
    `broken ${BAD_JSON}`,
    'not tokens: a.b.c com.example.Foo 1.2.3',
  ].join('\n');
  const found = indexTokens(text);

  it('finds one entry per token, at its offset', () => {
    assert.equal(found.length, 4);
    assert.equal(text.slice(found[0]?.start, found[0]?.end), RFC7515_A2);
    assert.equal(text.slice(found[1]?.start, found[1]?.end), RFC7516_A1);
  });

  it('titles a JWS by algorithm and time left, a JWE by alg / enc, a broken one by its reason', () => {
    const now = new Date(EXP - 12 * 60_000 - 30_000);
    assert.deepEqual(found.map(t => lensTitle(t, now)), [
      'JWT · RS256 · expires in 12 min',
      'JWE · RSA-OAEP / A256GCM',
      'JWT · ES256 · not yet valid (valid in 87 years)',
      'JWT · malformed: The header (part 1) is not valid JSON',
    ]);
    assert.equal(lensTitle(found[0]!, new Date(EXP + 3 * 86_400_000)), 'JWT · RS256 · expired 3 days ago');
  });

  it('says an alg "none" token is unsecured (RFC 7515 A.5)', () => {
    const [unsecured] = indexTokens(`token: ${RFC7515_A5}`);
    assert.ok(unsecured);
    assert.equal(lensTitle(unsecured, new Date(EXP - 60 * 60_000)), 'JWT · none (unsecured) · expires in 1 h');
  });

  it('reports expired and not-yet-valid tokens only, with dates in the chosen zone', () => {
    const now = new Date(EXP + 3 * 86_400_000 + 5_000);
    assert.deepEqual(found.map(t => expiryProblem(t, now, 'utc')), [
      'JWT expired 3 days ago (exp Tue, 22 Mar 2011 18:43 UTC)',
      undefined,
      'JWT not valid yet: valid in 87 years (nbf Sun, 1 Jun 2098 00:00 UTC)',
      undefined,
    ]);
    assert.equal(expiryProblem(found[0]!, new Date(EXP - 1000), 'utc'), undefined, 'valid one second before exp');
    assert.match(expiryProblem(found[0]!, new Date(EXP), 'utc') ?? '', /^JWT expired just now/, 'expired at exp (no tolerance)');
  });

  it('knows the next moment a status changes: the nearest exp or nbf still ahead', () => {
    assert.equal(nextStateChange(found, EXP - 1), EXP);
    assert.equal(nextStateChange(found, EXP), 4052419200_000);
    assert.equal(nextStateChange(found, 4070908800_000), undefined);
  });

  it('shortens engine messages to their first clause', () => {
    assert.equal(shortReason('A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots; this has 4.'), 'A JWT has 3 parts (JWS) or 5 parts (JWE) separated by dots');
  });
});

describe('editor: the token under the cursor, from a window of the line', () => {
  function reader(line: string): { read: (s: number, e: number) => string; widest: () => number } {
    let widest = 0;
    return {
      read: (s, e) => {
        widest = Math.max(widest, Math.min(e, line.length) - s);
        return line.slice(s, e);
      },
      widest: () => widest,
    };
  }

  it('finds a token in the middle of a 10 MB line reading only the window around the cursor', () => {
    const filler = 'x '.repeat(2_500_000);
    const line = `${filler}"${RFC7519_3_1}"${filler}`;
    const r = reader(line);
    const at = filler.length + 1 + 40;
    const found = tokenAtCharacter(r.read, at);
    assert.equal(found?.token, RFC7519_3_1);
    assert.equal(found?.start, filler.length + 1);
    assert.ok(r.widest() <= 2 * HOVER_WINDOW, `read ${r.widest()} characters`);
  });

  it('reads further when the token is longer than the window', () => {
    const big = token({ alg: 'HS256' }, { data: 'z'.repeat(60_000) });
    const line = `t=${big} end`;
    const found = tokenAtCharacter(reader(line).read, 30_000);
    assert.ok(found?.token === big, `found ${found?.token.length ?? 0} of ${big.length} characters`);
    assert.equal(found?.kind, 'jws');
  });

  it('returns text that only looks like a token (sample/malformed.txt) without a kind', () => {
    const line = `payload with bad base64url: ${BAD_B64}`;
    const found = tokenAtCharacter(reader(line).read, line.length - 5);
    assert.equal(found?.token, BAD_B64);
    assert.equal(found?.kind, undefined);
  });

  it('finds nothing on dotted identifiers and version numbers', () => {
    const line = 'version 1.2.3 of com.example.auth loaded; not tokens: a.b.c, eyJ.only.two';
    for (const word of ['1.2.3', 'com.example', 'a.b.c', 'eyJ.only']) {
      assert.equal(tokenAtCharacter(reader(line).read, line.indexOf(word) + 1), undefined, word);
    }
  });
});

describe('editor: the decoded document', () => {
  it('is JSON with comments whose header and payload are the RFC 7519 §3.1 ones', () => {
    const text = renderDecodedDocument(RFC7519_3_1, { now: new Date('2012-03-22T18:43:00Z'), timeZone: 'utc', origin: 'tokens.json, line 3' });
    const json = JSON.parse(stripJsonComments(text)) as { header: unknown; payload: unknown };
    assert.deepEqual(json.header, RFC7519_3_1_HEADER);
    assert.deepEqual(json.payload, RFC_EXAMPLE_CLAIMS);
    assert.match(text, /^\/\/ JWT \(HS256\) decoded from tokens\.json, line 3\. The signature is not verified\.$/m);
    assert.match(text, /^\/\/ Status: Expired 1 year ago$/m);
    assert.match(text, /^ {4}"exp": 1300819380, \/\/ 2011-03-22T18:43:00Z \(Tue, 22 Mar 2011 18:43 UTC\) — expired 1 year ago$/m);
  });

  describe('date comments follow jwtWorkbench.timeZone', () => {
    const originalTz = process.env.TZ;
    const render = (timeZone: 'local' | 'utc'): string =>
      renderDecodedDocument(RFC7519_3_1, { now: new Date('2012-03-22T18:43:00Z'), timeZone });
    before(() => {
      process.env.TZ = 'Asia/Tokyo'; // UTC+9, no daylight saving: 18:43 UTC is 03:43 the next day
    });
    after(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it('in local time when the setting is "local"', () => {
      assert.match(render('local'), /^ {4}"exp": 1300819380, \/\/ 2011-03-22T18:43:00Z \(Wed, 23 Mar 2011 03:43 local\) — expired 1 year ago$/m);
    });

    it('in UTC when the setting is "utc"', () => {
      assert.match(render('utc'), /^ {4}"exp": 1300819380, \/\/ 2011-03-22T18:43:00Z \(Tue, 22 Mar 2011 18:43 UTC\) — expired 1 year ago$/m);
    });
  });

  it('shows a JWE protected header and sizes, and no payload', () => {
    const text = renderDecodedDocument(RFC7516_A1);
    assert.match(text.split('\n')[0] ?? '', /^\/\/ JWE \(RSA-OAEP \/ A256GCM\) decoded\. Not decrypted: only the protected header is readable\.$/);
    const json = JSON.parse(stripJsonComments(text)) as Record<string, unknown>;
    assert.deepEqual(json.header, { alg: 'RSA-OAEP', enc: 'A256GCM' });
    assert.equal(json.payload, undefined);
    assert.deepEqual(Object.keys(json.encrypted as object), ['encryptedKeyBytes', 'ivBytes', 'ciphertextBytes', 'tagBytes']);
    assert.equal((json.encrypted as Record<string, number>).ivBytes, 12); // A256GCM uses a 96-bit IV
    assert.equal((json.encrypted as Record<string, number>).tagBytes, 16); // and a 128-bit tag
  });

  it("says what is wrong with a malformed token, in the engine's words", () => {
    const text = renderDecodedDocument(BAD_B64, { origin: 'the clipboard' });
    assert.equal(
      text.split('\n')[0],
      "// This is not a valid JWT from the clipboard: The payload (part 2) is not valid base64url: unexpected character '*' at position 14.",
    );
  });

  it('keeps "//" inside strings when stripping comments', () => {
    assert.equal(stripJsonComments('{"iss": "https://x"} // c'), '{"iss": "https://x"}');
  });
});
