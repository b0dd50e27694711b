import assert from 'node:assert/strict';
import { findTokenAt, findTokens, MAX_EXTENSION } from '../../src/core/find';
import { JWT_IO_SAMPLE, RFC7515_A2, RFC7515_A3, RFC7515_A5, RFC7516_A1, RFC7516_A3, RFC7519_3_1, RFC7520_5_6 } from './fixtures/rfc-tokens';

/** What a person checks: which tokens, where. Offsets come from indexOf on the text we built. */
function found(text: string, range?: { start: number; end: number }): Array<[string, number, string]> {
  return findTokens(text, range).map(m => {
    assert.equal(text.slice(m.start, m.end), m.token, 'token text matches its offsets');
    return [m.kind, m.start, m.token];
  });
}

describe('findTokens', () => {
  describe('finds tokens where people keep them', () => {
    it('in JSON string values', () => {
      const text = `{"access_token":"${RFC7515_A2}","id_token":"${RFC7516_A1}","n":1}`;
      assert.deepEqual(found(text), [
        ['jws', text.indexOf(RFC7515_A2), RFC7515_A2],
        ['jwe', text.indexOf(RFC7516_A1), RFC7516_A1],
      ]);
    });

    it('in a log line', () => {
      const text = `2026-11-23T16:30:00.123Z INFO  [http-nio-8080-exec-3] c.e.AuthFilter - user=joe token=${JWT_IO_SAMPLE} status=200 took=12ms`;
      assert.deepEqual(found(text), [['jws', text.indexOf(JWT_IO_SAMPLE), JWT_IO_SAMPLE]]);
    });

    it('in a .env file', () => {
      const text = `# local dev\nAPI_URL=https://api.example.com\nTOKEN=${RFC7519_3_1}\nDEBUG=1\n`;
      assert.deepEqual(found(text), [['jws', text.indexOf(RFC7519_3_1), RFC7519_3_1]]);
    });

    it('after Authorization: Bearer in an HTTP request', () => {
      const text = `GET /v1/orders HTTP/1.1\r\nHost: api.example.com\r\nAuthorization: Bearer ${RFC7515_A3}\r\nAccept: */*\r\n\r\n`;
      assert.deepEqual(found(text), [['jws', text.indexOf(RFC7515_A3), RFC7515_A3]]);
    });

    it('in a URL query string', () => {
      const text = `https://app.example.com/callback?access_token=${JWT_IO_SAMPLE}&x=1&state=af0ifjsldkj`;
      assert.deepEqual(found(text), [['jws', text.indexOf(JWT_IO_SAMPLE), JWT_IO_SAMPLE]]);
    });

    it('in markdown code, inline and fenced', () => {
      const text = `Send \`${JWT_IO_SAMPLE}\` as a header.\n\n\`\`\`\n${RFC7516_A3}\n\`\`\`\n`;
      assert.deepEqual(found(text), [
        ['jws', text.indexOf(JWT_IO_SAMPLE), JWT_IO_SAMPLE],
        ['jwe', text.indexOf(RFC7516_A3), RFC7516_A3],
      ]);
    });

    it('after = and : with no space', () => {
      const text = `id_token=${RFC7515_A2};jwt:${RFC7515_A3}`;
      assert.deepEqual(found(text).map(([kind, start]) => [kind, start]), [
        ['jws', text.indexOf(RFC7515_A2)],
        ['jws', text.indexOf(RFC7515_A3)],
      ]);
    });

    it('adjacent tokens separated by a space, a comma, a newline', () => {
      for (const sep of [' ', ',', '\n']) {
        const text = `${RFC7515_A2}${sep}${RFC7516_A3}${sep}${JWT_IO_SAMPLE}`;
        assert.deepEqual(found(text), [
          ['jws', 0, RFC7515_A2],
          ['jwe', RFC7515_A2.length + 1, RFC7516_A3],
          ['jws', RFC7515_A2.length + RFC7516_A3.length + 2, JWT_IO_SAMPLE],
        ], `separator ${JSON.stringify(sep)}`);
      }
    });

    it('an unsecured JWS with its empty signature (RFC 7515 A.5), including at the end of a sentence', () => {
      const inQuotes = `"${RFC7515_A5}"`;
      assert.deepEqual(found(inQuotes), [['jws', 1, RFC7515_A5]]);
      const sentence = `The token is ${RFC7515_A5}.`;
      assert.deepEqual(found(sentence), [['jws', 13, RFC7515_A5]]);
    });

    it('a signed token followed by a full stop, without the full stop', () => {
      const text = `Try ${JWT_IO_SAMPLE}. Then call the API.`;
      assert.deepEqual(found(text), [['jws', 4, JWT_IO_SAMPLE]]);
    });

    it('a JWE with an empty encrypted key (dir, RFC 7520 §5.6)', () => {
      const text = `jwe: ${RFC7520_5_6}\n`;
      assert.deepEqual(found(text), [['jwe', 5, RFC7520_5_6]]);
    });
  });

  describe('does not mistake other dotted things for tokens', () => {
    const falsePositives: Record<string, string> = {
      'dotted identifiers': 'a.b.c x.y.z com.example.Foo org.eyJfoo.bar',
      'version numbers': 'v1.2.3 1.2.3.4 node@20.19.43 eyJ1.2.3',
      'a plain base64 blob (no dots)': 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9 and eyJhIjoiYiJ9+abc/def==',
      'URLs and host names':
        'https://login.microsoftonline.com/common/oauth2/v2.0/token?a.b=c.d.e eyJabcdefg.example.com https://eyJhbGciOiJIUzI1.cdn.example.net/x',
      'eyJ… with only two parts': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0 and "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0"',
      'four parts': `${JWT_IO_SAMPLE}.eyJ4IjoxfQ`,
      'six parts': `${RFC7516_A3}.abcd`,
      'a token glued to other base64url characters on the left': `xyz${JWT_IO_SAMPLE} and 9${RFC7515_A2}`,
      'a token glued to a dot on the left': `jwt.${JWT_IO_SAMPLE}`,
      'a token followed by two dots': `${JWT_IO_SAMPLE}..`,
    };
    for (const [what, text] of Object.entries(falsePositives)) {
      it(what, () => assert.deepEqual(found(text), []));
    }
  });

  describe('stays linear on hostile text', () => {
    // Before the regex checked its left boundary, 300 KB of `eyJeyJ…` took 38 s (every `eyJ` rescanned
    // the run); mocha's timeout is the hang guard, the speed itself is in `npm run bench` (text case).
    it('300 KB of `eyJ` with no dot holds no token, and a real token after it is still found', function () {
      this.timeout(3000);
      const hostile = 'eyJ'.repeat(100_000);
      assert.deepEqual(findTokens(hostile), []);
      assert.deepEqual(findTokens(`${hostile} ${JWT_IO_SAMPLE}`).map(t => t.token), [JWT_IO_SAMPLE]);
      assert.equal(findTokenAt(hostile, hostile.length / 2), undefined);
    });
  });

  describe('with a range', () => {
    const before = 'x'.repeat(50) + ' ';
    const text = `${before}${RFC7515_A2} middle ${JWT_IO_SAMPLE} end`;
    const a2Start = before.length;
    const a2End = a2Start + RFC7515_A2.length;
    const jwtStart = text.indexOf(JWT_IO_SAMPLE);

    it('finds a token crossing the start of the window once, with its real boundaries', () => {
      assert.deepEqual(found(text, { start: a2Start + 100, end: a2End + 3 }), [['jws', a2Start, RFC7515_A2]]);
    });

    it('finds a token crossing the end of the window once, with its real boundaries', () => {
      assert.deepEqual(found(text, { start: a2End + 1, end: jwtStart + 10 }), [['jws', jwtStart, JWT_IO_SAMPLE]]);
    });

    it('finds a token that covers the whole window', () => {
      assert.deepEqual(found(text, { start: a2Start + 30, end: a2Start + 40 }), [['jws', a2Start, RFC7515_A2]]);
    });

    it('leaves out tokens outside the window', () => {
      assert.deepEqual(found(text, { start: 0, end: a2Start }), []);
      assert.deepEqual(found(text, { start: a2End, end: jwtStart }), []);
    });

    it('scans only the window of a 10 MB single line', () => {
      const filler = 'lorem ipsum dolor sit amet '.repeat(200_000); // ~5.4 MB on each side
      const line = `${JWT_IO_SAMPLE} ${filler}${RFC7515_A3} ${filler}${RFC7516_A3}`;
      assert.ok(line.length > 10_000_000);
      const middle = line.indexOf(RFC7515_A3);
      const result = found(line, { start: middle - 1000, end: middle + 1000 });
      assert.deepEqual(result, [['jws', middle, RFC7515_A3]]);
    });

    it('does not follow a token further than the extension limit beyond the window', () => {
      // A JWS whose payload alone is longer than the limit: seen from a window at its end, its start is out of reach.
      const payload = 'A'.repeat(MAX_EXTENSION + 1000);
      const huge = `eyJhbGciOiJub25lIn0.${payload}.`;
      const text = ` ${huge} `;
      assert.deepEqual(found(text, { start: text.length - 5, end: text.length }), []);
      // Nor from a window at its start: its end is out of reach.
      assert.deepEqual(found(text, { start: 0, end: 5 }), []);
      // A window that holds it finds it.
      assert.deepEqual(found(text, { start: 0, end: text.length }).map(([kind, start]) => [kind, start]), [['jws', 1]]);
    });
  });
});

describe('findTokenAt', () => {
  const text = `Authorization: Bearer ${RFC7515_A2}\nx-id: ${RFC7516_A1}\n`;
  const a2Start = text.indexOf(RFC7515_A2);
  const a2End = a2Start + RFC7515_A2.length;
  const jweStart = text.indexOf(RFC7516_A1);

  it('finds the token under the offset: first character, a dot, the middle, the last character', () => {
    for (const offset of [a2Start, a2Start + 20, a2Start + 100, a2End - 1]) {
      assert.equal(findTokenAt(text, offset)?.token, RFC7515_A2, `offset ${offset}`);
    }
    assert.equal(findTokenAt(text, jweStart + 300)?.kind, 'jwe');
  });

  it('finds the token just before a cursor placed right after it', () => {
    assert.deepEqual(findTokenAt(text, a2End), { kind: 'jws', start: a2Start, end: a2End, token: RFC7515_A2 });
  });

  it('finds nothing away from tokens', () => {
    assert.equal(findTokenAt(text, 3), undefined);
    assert.equal(findTokenAt(text, a2Start - 2), undefined);
    assert.equal(findTokenAt('no tokens here', 4), undefined);
    assert.equal(findTokenAt(text, -1), undefined);
    assert.equal(findTokenAt(text, text.length + 1), undefined);
  });

  it('finds nothing when the token start is further away than the window', () => {
    assert.equal(findTokenAt(text, a2Start + 300, 100), undefined);
    assert.equal(findTokenAt(text, a2Start + 300, 400)?.token, RFC7515_A2);
  });

  it('finds a token in the middle of a 10 MB single line', () => {
    const filler = 'x=1 '.repeat(1_300_000);
    const line = `${filler}${RFC7516_A3} ${filler}`;
    const start = line.indexOf(RFC7516_A3);
    assert.deepEqual(findTokenAt(line, start + 60), { kind: 'jwe', start, end: start + RFC7516_A3.length, token: RFC7516_A3 });
  });

  it('gives up inside a 10 MB run of base64url characters instead of scanning it', () => {
    const run = 'eyJ' + 'A'.repeat(10_000_000);
    assert.equal(findTokenAt(run, 5_000_000), undefined);
  });
});
