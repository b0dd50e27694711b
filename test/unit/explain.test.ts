import assert from 'node:assert/strict';
import { base64url } from 'jose';
import { decodeToken } from '../../src/core/decode';
import { explainToken, type TokenExplanation } from '../../src/core/explain';
import { relativeTime } from '../../src/core/time';
import { JWT_IO_SAMPLE, RFC7515_A2, RFC7515_A5, RFC7516_A3, RFC7519_3_1, RFC7520_5_6 } from './fixtures/rfc-tokens';

/** The fixed clock of these tests: Monday 23 November 2026, 16:30:00 UTC. */
const NOW = new Date('2026-11-23T16:30:00Z');
const NOW_S = NOW.getTime() / 1000;

/** A JWS with this header and these claims (encoded with jose; the signature is a placeholder). */
function jws(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const enc = (v: unknown): string => base64url.encode(JSON.stringify(v));
  return `${enc(header)}.${enc(claims)}.c2ln`;
}

function explain(token: string, options: Parameters<typeof explainToken>[2] = { timeZone: 'utc' }): TokenExplanation {
  return explainToken(decodeToken(token), NOW, options);
}

function field(fields: TokenExplanation['claims'], name: string): TokenExplanation['claims'][number] {
  const f = fields.find(x => x.name === name);
  assert.ok(f, `no row for ${name}`);
  return f;
}

const codes = (e: TokenExplanation): string[] => e.warnings.map(w => w.code);

describe('relativeTime', () => {
  const cases: Array<[number, string]> = [
    [0, 'just now'],
    [0.4, 'just now'],
    [45, 'in 45 s'],
    [-45, '45 s ago'],
    [12 * 60 + 30, 'in 12 min'],
    [-59 * 60, '59 min ago'],
    [2 * 3600 + 5 * 60, 'in 2 h 5 min'],
    [12 * 3600 + 40 * 60, 'in 12 h'],
    [-(24 * 3600 + 60), '1 day ago'],
    [-3 * 86400, '3 days ago'],
    [125 * 86400, 'in 4 months'],
    [-(2 * 365 + 10) * 86400, '2 years ago'],
  ];
  for (const [seconds, words] of cases) {
    it(`${seconds} s from now is "${words}"`, () => {
      assert.equal(relativeTime(new Date(NOW.getTime() + seconds * 1000), NOW), words);
    });
  }
});

describe('explainToken', () => {
  describe('RFC 7519 §3.1 example', () => {
    const e = explain(RFC7519_3_1);

    it('is expired (exp 1300819380 is 22 March 2011 18:43 UTC)', () => {
      assert.equal(e.kind, 'jws');
      assert.equal(e.algorithm, 'HS256');
      assert.equal(e.status, 'expired');
      assert.equal(e.statusText, 'Expired 15 years ago');
      assert.deepEqual(e.expiresAt, new Date('2011-03-22T18:43:00Z'));
    });

    it('explains the header fields in words', () => {
      assert.deepEqual(e.header, [
        { name: 'typ', label: 'Type', value: 'JWT', text: 'JWT', registered: true },
        { name: 'alg', label: 'Algorithm', value: 'HS256', text: 'HS256 — HMAC with SHA-256', registered: true },
      ]);
    });

    it('explains registered and unregistered claims', () => {
      assert.deepEqual(e.claims, [
        { name: 'iss', label: 'Issuer', value: 'joe', text: 'joe', registered: true },
        {
          name: 'exp', label: 'Expiration Time', value: 1300819380, registered: true,
          text: '2011-03-22T18:43:00Z (Tue, 22 Mar 2011 18:43 UTC) — expired 15 years ago',
        },
        { name: 'http://example.com/is_root', label: 'http://example.com/is_root', value: true, text: 'true', registered: false },
      ]);
      assert.deepEqual(e.warnings, []);
    });
  });

  describe('status against the clock', () => {
    it('calls an exp beyond the calendar invalid, as verification and CodeLens do (no out-of-range Date)', () => {
      const e = explain(jws({ alg: 'HS256' }, { exp: -1e300 }));
      assert.equal(e.status, 'invalid');
      assert.equal(e.statusText,
        'Invalid — "exp" is -1e+300, beyond the range of the calendar (NumericDates end in the year 275760): verification refuses it');
    });

    it('calls an nbf beyond the calendar invalid', () => {
      assert.equal(explain(jws({ alg: 'HS256' }, { nbf: 1e300, exp: NOW_S + 60 })).status, 'invalid');
    });

    it('valid, expiring in 12 minutes', () => {
      const e = explain(jws({ alg: 'RS256' }, { sub: 'alice', exp: NOW_S + 12 * 60 + 30 }));
      assert.equal(e.status, 'valid');
      assert.equal(e.statusText, 'Valid — expires in 12 min');
      assert.equal(field(e.claims, 'exp').text, '2026-11-23T16:42:30Z (Mon, 23 Nov 2026 16:42 UTC) — expires in 12 min');
    });

    it('expired exactly now (no clock tolerance)', () => {
      const e = explain(jws({ alg: 'RS256' }, { exp: NOW_S }));
      assert.equal(e.status, 'expired');
      assert.equal(e.statusText, 'Expired just now');
    });

    it('not yet valid when nbf is ahead', () => {
      const e = explain(jws({ alg: 'RS256' }, { nbf: NOW_S + 2 * 3600, exp: NOW_S + 3 * 3600 }));
      assert.equal(e.status, 'not-yet-valid');
      assert.equal(e.statusText, 'Not valid until 2026-11-23T18:30:00Z (Mon, 23 Nov 2026 18:30 UTC) — in 2 h');
      assert.equal(field(e.claims, 'nbf').text, '2026-11-23T18:30:00Z (Mon, 23 Nov 2026 18:30 UTC) — becomes valid in 2 h');
      assert.deepEqual(e.expiresAt, new Date('2026-11-23T19:30:00Z'));
    });

    it('expired wins over not-yet-valid', () => {
      const e = explain(jws({ alg: 'RS256' }, { nbf: NOW_S + 60, exp: NOW_S - 60 }));
      assert.equal(e.status, 'expired');
    });

    it('no expiry: the jwt.io sample, with its iat in words', () => {
      const e = explain(JWT_IO_SAMPLE);
      assert.equal(e.status, 'no-expiry');
      assert.equal(e.statusText, 'No expiry (exp missing)');
      assert.equal(e.expiresAt, undefined);
      assert.equal(field(e.claims, 'iat').text, '2018-01-18T01:30:22Z (Thu, 18 Jan 2018 01:30 UTC) — issued 8 years ago');
      assert.equal(field(e.claims, 'name').registered, false);
      assert.equal(field(e.claims, 'name').text, '"John Doe"');
    });

    it('a payload that is not a claims set has no expiry and no claim rows', () => {
      const token = `${base64url.encode('{"alg":"HS256","cty":"text/plain"}')}.${base64url.encode('hello')}.c2ln`;
      const e = explain(token);
      assert.equal(e.status, 'no-expiry');
      assert.equal(e.statusText, 'No expiry (the payload is not a JSON claims set)');
      assert.deepEqual(e.claims, []);
    });
  });

  describe('times in the local zone or UTC', () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it('shows local time in the machine zone (Paris: UTC+1 in November)', () => {
      process.env.TZ = 'Europe/Paris';
      const e = explain(jws({ alg: 'RS256' }, { exp: NOW_S + 12 * 60 }), { timeZone: 'local' });
      assert.equal(field(e.claims, 'exp').text, '2026-11-23T16:42:00Z (Mon, 23 Nov 2026 17:42 local) — expires in 12 min');
    });

    it('shows local time in the machine zone (New York: UTC-5 in November)', () => {
      process.env.TZ = 'America/New_York';
      const e = explain(jws({ alg: 'RS256' }, { exp: NOW_S + 12 * 60 }));
      assert.equal(field(e.claims, 'exp').text, '2026-11-23T16:42:00Z (Mon, 23 Nov 2026 16:42 UTC) — expires in 12 min');
      const local = explainToken(decodeToken(jws({ alg: 'RS256' }, { exp: NOW_S + 12 * 60 })), NOW);
      assert.equal(field(local.claims, 'exp').text, '2026-11-23T16:42:00Z (Mon, 23 Nov 2026 11:42 local) — expires in 12 min');
    });
  });

  describe('fields in words', () => {
    it('aud arrays are joined', () => {
      const e = explain(jws({ alg: 'ES256' }, { aud: ['https://api.example.com', 'account'] }));
      assert.equal(field(e.claims, 'aud').text, 'https://api.example.com, account');
      assert.equal(field(e.claims, 'aud').label, 'Audience');
    });

    it('algorithms are spelled out', () => {
      const alg = (a: string): string => field(explain(jws({ alg: a }, {})).header, 'alg').text;
      assert.equal(alg('RS256'), 'RS256 — RSASSA-PKCS1-v1_5 with SHA-256');
      assert.equal(alg('ES512'), 'ES512 — ECDSA on P-521 with SHA-512');
      assert.equal(alg('XY999'), 'XY999 — an algorithm JWT Workbench does not know');
    });

    it('every header field present gets a row, in the token order', () => {
      const header = {
        alg: 'RS256', typ: 'at+jwt', cty: 'JWT', kid: 'k1', x5t: 'abc', 'x5t#S256': 'def', x5c: ['MIIB', 'MIIC'], custom: { a: 1 },
      };
      const e = explain(jws(header, {}));
      assert.deepEqual(e.header.map(f => [f.name, f.label, f.registered]), [
        ['alg', 'Algorithm', true],
        ['typ', 'Type', true],
        ['cty', 'Content Type', true],
        ['kid', 'Key ID', true],
        ['x5t', 'X.509 Certificate SHA-1 Thumbprint', true],
        ['x5t#S256', 'X.509 Certificate SHA-256 Thumbprint', true],
        ['x5c', 'X.509 Certificate Chain', true],
        ['custom', 'custom', false],
      ]);
      assert.equal(field(e.header, 'x5c').text, '2 certificates');
      assert.equal(field(e.header, 'custom').text, '{"a":1}');
    });
  });

  describe('warnings', () => {
    it('alg none is an error (RFC 7515 A.5)', () => {
      const e = explain(RFC7515_A5);
      assert.deepEqual(e.warnings.map(w => [w.code, w.severity]), [['alg-none', 'error']]);
      assert.match(e.warnings[0]?.message ?? '', /unsecured \(alg "none"\).*no signature/);
    });

    it('an embedded jwk, a jku and an x5u are never trusted', () => {
      const e = explain(jws({ alg: 'RS256', jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' }, jku: 'https://evil.example/jwks', x5u: 'https://evil.example/cert' }, {}));
      assert.deepEqual(e.warnings.map(w => [w.code, w.severity]), [['embedded-jwk', 'warning'], ['jku', 'warning'], ['x5u', 'warning']]);
      for (const w of e.warnings) assert.match(w.message, /never trusted by JWT Workbench/);
      assert.match(e.warnings[1]?.message ?? '', /jku: "https:\/\/evil\.example\/jwks"/);
    });

    const suspiciousKids: Array<[string, string]> = [
      ['../../../../dev/null', 'a file path'],
      ['/etc/passwd', 'a file path'],
      ['keys/../../etc/shadow', 'a file path'],
      ["x' or '1'='1", 'an SQL fragment'],
      ['k1; drop table keys', 'an SQL fragment'],
      ['k1 --', 'an SQL fragment'],
      ['https://evil.example/key.pem', 'a URL'],
      ['k1|id', 'a shell command or control characters'],
      ['k1\u0000', 'a shell command or control characters'],
    ];
    for (const [kid, looksLike] of suspiciousKids) {
      it(`kid ${JSON.stringify(kid)} looks like ${looksLike}`, () => {
        const e = explain(jws({ alg: 'HS256', kid }, {}));
        assert.deepEqual(codes(e), ['kid-injection']);
        assert.match(e.warnings[0]?.message ?? '', new RegExp(`looks like ${looksLike}`));
      });
    }

    it('ordinary kids are fine', () => {
      for (const kid of ['2011-04-29', 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs', 'HMAC key used in JWS A.1 example', 'rsa1.prod']) {
        assert.deepEqual(codes(explain(jws({ alg: 'HS256', kid }, {}))), [], kid);
      }
    });

    it('crit is flagged', () => {
      const e = explain(jws({ alg: 'HS256', b64: false, crit: ['b64'] }, {}));
      assert.ok(codes(e).includes('crit'));
      assert.match(e.warnings.find(w => w.code === 'crit')?.message ?? '', /crit: "b64"/);
    });

    it('a lifetime over 24 h is an info, 24 h exactly is not', () => {
      const long = explain(jws({ alg: 'RS256' }, { iat: NOW_S - 3600, exp: NOW_S - 3600 + 30 * 86400 }));
      assert.deepEqual(long.warnings.map(w => [w.code, w.severity]), [['long-lifetime', 'info']]);
      assert.match(long.warnings[0]?.message ?? '', /lives 30 days/);
      assert.deepEqual(codes(explain(jws({ alg: 'RS256' }, { iat: NOW_S, exp: NOW_S + 86400 }))), []);
    });

    it('an HMAC key shorter than the hash output', () => {
      const token = jws({ alg: 'HS256' }, {});
      const weak = explain(token, { timeZone: 'utc', hmacKeyBytes: 16 });
      assert.deepEqual(weak.warnings.map(w => [w.code, w.severity]), [['weak-hmac-key', 'warning']]);
      assert.match(weak.warnings[0]?.message ?? '', /16 bytes long; HS256 needs at least 32 bytes/);
      assert.deepEqual(codes(explain(token, { hmacKeyBytes: 32 })), []);
      assert.deepEqual(codes(explain(jws({ alg: 'HS512' }, {}), { hmacKeyBytes: 32 })), ['weak-hmac-key']);
      assert.deepEqual(codes(explain(RFC7515_A2, { hmacKeyBytes: 4 })), []);
    });

    it('iat in the future', () => {
      const e = explain(jws({ alg: 'RS256' }, { iat: NOW_S + 300 }));
      assert.deepEqual(codes(e), ['iat-in-future']);
      assert.match(e.warnings[0]?.message ?? '', /in 5 min, in the future/);
      assert.equal(field(e.claims, 'iat').text, '2026-11-23T16:35:00Z (Mon, 23 Nov 2026 16:35 UTC) — issued in 5 min (in the future)');
    });

    it('exp, nbf and iat that are not numbers are errors', () => {
      const e = explain(jws({ alg: 'RS256' }, { exp: '1795537800', nbf: null, iat: '2026-11-23' }));
      assert.deepEqual(e.warnings.map(w => [w.code, w.severity]), [
        ['exp-not-number', 'error'], ['nbf-not-number', 'error'], ['iat-not-number', 'error'],
      ]);
      assert.equal(e.status, 'invalid');
      assert.equal(e.statusText, 'Invalid — "exp" is "1795537800", not a number of seconds since 1970: verification refuses it');
      assert.equal(field(e.claims, 'exp').text, '"1795537800" (not a NumericDate: expected seconds since 1970 as a number)');
    });

    it('times in milliseconds by mistake, even beyond the calendar, do not break the explanation', () => {
      const e = explain(jws({ alg: 'RS256' }, { exp: NOW.getTime() + 60_000, iat: 1e300 }));
      assert.deepEqual(codes(e).sort(), ['iat-in-future', 'time-in-milliseconds', 'time-in-milliseconds']);
      assert.equal(e.status, 'valid');
      assert.match(field(e.claims, 'iat').text, /^a date beyond the range of the calendar/);
    });
  });

  describe('JWE', () => {
    it('RFC 7516 A.3: encrypted, header rows only, algorithm as alg / enc', () => {
      const e = explain(RFC7516_A3);
      assert.equal(e.kind, 'jwe');
      assert.equal(e.status, 'encrypted');
      assert.equal(e.algorithm, 'A128KW / A128CBC-HS256');
      assert.deepEqual(e.claims, []);
      assert.deepEqual(e.header.map(f => [f.name, f.text]), [
        ['alg', 'A128KW — AES key wrap, 128-bit key'],
        ['enc', 'A128CBC-HS256 — AES-128-CBC + HMAC-SHA-256'],
      ]);
    });

    it('RFC 7520 §5.6: dir with a kid', () => {
      const e = explain(RFC7520_5_6);
      assert.equal(e.algorithm, 'dir / A128GCM');
      assert.equal(field(e.header, 'kid').text, '77c7e2b8-6e13-45cf-8672-617b5b45243a');
      assert.deepEqual(e.warnings, []);
    });
  });
});
