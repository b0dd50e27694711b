/**
 * Token requests end to end against the Salesforce-like endpoint on 127.0.0.1 with Node's real fetch:
 * success, each documented error explained, clock skew, the network rules; then the other kinds' form
 * bodies and response parsing with an injected fetch.
 */
import assert from 'node:assert/strict';
import { requestToken } from '../../src/core/oauth/request';
import type { TokenRequestOutcome } from '../../src/core/oauth/request';
import type { FetchLike } from '../../src/core/http';
import type { ClientCredentialsProfile, GoogleProfile, JwtBearerProfile, SalesforceProfile } from '../../src/core/oauth/profiles';
import { startSalesforceLike } from '../servers/salesforceLike';
import type { SalesforceLike, SalesforceLikeOptions } from '../servers/salesforceLike';
import { oauthKeys } from './fixtures/oauth';
import type { OAuthKeys } from './fixtures/oauth';

const ACCESS_TOKEN = '00D5g000004ExAm!AQ0AQsecretSessionId';

describe('oauth: token requests against a Salesforce-like endpoint', () => {
  let keys: OAuthKeys;
  let server: SalesforceLike;
  let base: SalesforceLikeOptions;
  let profile: SalesforceProfile;

  before(async () => {
    keys = await oauthKeys();
    base = { consumerKey: '3MVG9consumerKey', certificatePem: keys.app.certificatePem ?? '', users: ['admin@acme.com'], accessToken: ACCESS_TOKEN };
    server = await startSalesforceLike(base);
    profile = { kind: 'salesforce', consumerKey: '3MVG9consumerKey', username: 'admin@acme.com', org: 'production', loginUrl: server.url };
  });
  afterEach(() => {
    server.options = base;
  });
  after(() => server.close());

  /** Every part of an outcome but the token itself, as it would reach a log. */
  const loggable = (o: TokenRequestOutcome): string => JSON.stringify({ ...o, token: undefined });

  it('gets a token: the answer parsed, Salesforce\'s missing expiry explained, nothing secret in the summary', async () => {
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.ok, true, loggable(outcome));
    assert.equal(outcome.token?.accessToken, ACCESS_TOKEN);
    assert.equal(outcome.token?.tokenType, 'Bearer');
    assert.equal(outcome.token?.scope, 'api');
    assert.equal(outcome.token?.instanceUrl, server.url);
    assert.equal(outcome.token?.id, `${server.url}/id/00D5g000004ExAmEAK/0055g00000ExAmPAAV`);
    assert.equal(outcome.token?.expiresAt, undefined);
    assert.equal(outcome.token?.expiryNote, 'Salesforce does not say when this token expires: the org\'s session timeout (Session Settings, or the connected app\'s session policy) decides.');
    const { summary } = outcome;
    assert.equal(summary.ok, true);
    assert.equal(summary.status, 200);
    assert.equal(summary.endpoint, `${server.url}/services/oauth2/token`);
    assert.equal(summary.kind, 'salesforce');
    assert.ok(summary.durationMs !== undefined && summary.durationMs >= 0);
    assert.ok(summary.skewSeconds !== undefined && Math.abs(summary.skewSeconds) <= 1);
    assert.deepEqual(outcome.findings, []);
    assert.ok(!loggable(outcome).includes(ACCESS_TOKEN), 'no token outside outcome.token');
    assert.ok(!loggable(outcome).includes('eyJ'), 'no assertion anywhere');
  });

  it('sends the JWT bearer grant form-encoded, with the assertion Salesforce expects', async () => {
    await requestToken(profile, keys.app, { fetch });
    const seen = server.requests.at(-1);
    assert.equal(seen?.contentType, 'application/x-www-form-urlencoded;charset=UTF-8');
    assert.equal(seen?.grantType, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.deepEqual(seen?.header, { alg: 'RS256' });
    assert.deepEqual(Object.keys(seen?.claims ?? {}), ['iss', 'sub', 'aud', 'exp']);
  });

  interface ErrorCase {
    name: string;
    server?: Partial<SalesforceLikeOptions>;
    profile?: Partial<SalesforceProfile>;
    key?: 'app' | 'other';
    error: string;
    description: string;
    cause: RegExp;
  }
  const cases: ErrorCase[] = [
    { name: 'the user has not approved the app', profile: { username: 'new.user@acme.com' },
      error: 'invalid_grant', description: "user hasn't approved this consumer", cause: /not authorized for this user/ },
    { name: 'the app\'s certificate is another key\'s', key: 'other',
      error: 'invalid_grant', description: 'invalid assertion', cause: /does not belong to this key/ },
    { name: 'the org expects test.salesforce.com', server: { audience: 'https://test.salesforce.com' },
      error: 'invalid_grant', description: 'audience is invalid', cause: /aud is not the login host/ },
    { name: 'a consumer key from another org', profile: { consumerKey: '3MVG9otherOrg' },
      error: 'invalid_client_id', description: 'client identifier invalid', cause: /does not know this consumer key/ },
    { name: 'the user is not admin approved', server: { notAdminApproved: ['admin@acme.com'] },
      error: 'invalid_app_access', description: 'user is not admin approved to access this app', cause: /not admin approved/ },
    { name: 'the user\'s IP is restricted', server: { ipRestricted: ['admin@acme.com'] },
      error: 'invalid_grant', description: 'ip restricted or invalid login hours', cause: /this IP address/ },
    { name: 'an External Client App not installed', server: { installed: false },
      error: 'invalid_client', description: 'External client app is not installed in this org', cause: /not installed/ },
  ];
  for (const c of cases) {
    it(`explains: ${c.name}`, async () => {
      server.options = { ...base, ...c.server };
      // The "other" key has its own matching certificate: the preflight passes, the server refuses.
      const outcome = await requestToken({ ...profile, ...c.profile }, keys[c.key ?? 'app'], { fetch });
      assert.equal(outcome.ok, false);
      assert.equal(outcome.summary.status, 400);
      assert.equal(outcome.summary.error, c.error);
      assert.equal(outcome.summary.errorDescription, c.description);
      assert.equal(outcome.explanation?.serverSaid, `${c.error}: ${c.description}`);
      assert.equal(outcome.explanation?.known, true);
      assert.match(outcome.explanation?.cause ?? '', c.cause);
      assert.equal(outcome.token, undefined);
    });
  }

  it('a server clock 10 min ahead: expired, the skew named as the cause, and a skew warning', async () => {
    server.options = { ...base, clockOffsetSeconds: 600 };
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.summary.errorDescription, 'expired authorization code');
    assert.ok(outcome.summary.skewSeconds !== undefined && Math.abs(outcome.summary.skewSeconds - 600) <= 1, String(outcome.summary.skewSeconds));
    assert.match(outcome.explanation?.cause ?? '', /^The server's clock is (9 min 59 s|10 min|10 min 1 s) ahead of this computer's: that is the likely cause\. The assertion's exp had already passed/);
    assert.deepEqual(outcome.findings.map(f => `${f.severity} ${f.code}`), ['warning CLOCK_SKEW']);
  });

  it('a server clock 2 min behind: the token comes, with a skew warning naming the offset', async () => {
    server.options = { ...base, clockOffsetSeconds: -120 };
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.ok, true);
    const [warning] = outcome.findings;
    assert.equal(warning?.code, 'CLOCK_SKEW');
    assert.match(warning?.message ?? '', /^The server's clock is (2 min|119 s|2 min 1 s) behind this computer's\. Assertions carry times \(exp, iat\): set this computer's clock right, or requests may fail as expired or not yet valid\.$/);
  });

  it('a skew of 20 s: no warning', async () => {
    server.options = { ...base, clockOffsetSeconds: 20 };
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.ok, true);
    assert.deepEqual(outcome.findings, []);
  });

  it('a redirect is refused and not followed: the assertion is sent once', async () => {
    server.options = { ...base, mode: 'redirect' };
    const before = server.requests.length;
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.failure?.code, 'NETWORK_REDIRECT');
    assert.equal(outcome.failure?.message, `The token endpoint ${server.url}/services/oauth2/token answered 302 redirecting to https://login.example.invalid/services/oauth2/token; redirects are never followed (a token request would be sent again to a host you did not choose). If that is the right address, use it instead.`);
    assert.equal(outcome.summary.error, 'NETWORK_REDIRECT');
    assert.equal(outcome.summary.status, 302);
    assert.equal(server.requests.length, before + 1);
  });

  it('a stalled endpoint fails by timeout', async () => {
    server.options = { ...base, mode: 'stall' };
    const started = Date.now();
    const outcome = await requestToken(profile, keys.app, { fetch, timeoutMs: 300 });
    assert.equal(outcome.failure?.code, 'NETWORK_TIMEOUT');
    assert.equal(outcome.failure?.message, `The token endpoint ${server.url}/services/oauth2/token did not answer within 300 ms: the server is slow or unreachable. Try again, or raise the timeout.`);
    assert.ok(Date.now() - started < 4000);
  });

  it('a 5 MB answer is cut at 1 MB', async () => {
    server.options = { ...base, mode: 'huge' };
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.failure?.code, 'NETWORK_TOO_LARGE');
    assert.match(outcome.failure?.message ?? '', /sent more than 1 MB, the limit for this request/);
  });

  it('an HTML error page is named by its title', async () => {
    server.options = { ...base, mode: 'html' };
    const outcome = await requestToken(profile, keys.app, { fetch });
    assert.equal(outcome.failure?.code, 'NETWORK_HTTP');
    assert.equal(outcome.failure?.message, `The token endpoint ${server.url}/services/oauth2/token answered HTTP 503 Service Unavailable (an HTML page titled "Service Unavailable - Maintenance"). The server failed; try again later.`);
    assert.equal(outcome.summary.status, 503);
  });

  it('a preflight error stops the request before anything is sent', async () => {
    const before = server.requests.length;
    const outcome = await requestToken(profile, keys.ec, { fetch });
    assert.equal(outcome.ok, false);
    assert.deepEqual(outcome.failure, { code: 'PREFLIGHT', message: 'Salesforce accepts only RS256 assertions, which need an RSA key; this key is an EC key.' });
    assert.equal(outcome.summary.error, 'PREFLIGHT');
    assert.equal(server.requests.length, before);
  });

  it('preflight warnings travel with a successful answer', async () => {
    const outcome = await requestToken(profile, keys.app, { fetch, now: () => Date.now() + 355 * 86_400_000 - 0 });
    // 355 days ahead locally: the certificate expires soon, and the server's clock is far behind.
    assert.deepEqual(outcome.findings.map(f => f.code).sort(), ['CERT_EXPIRING', 'CLOCK_SKEW']);
  });
});

describe('oauth: token requests of the other kinds (injected fetch)', () => {
  let keys: OAuthKeys;
  before(async () => {
    keys = await oauthKeys();
  });

  /** A fetch that records the form and answers `json` with `status`. */
  function recording(json: unknown, status = 200, headers: Record<string, string> = {}): { fetch: FetchLike; form: () => URLSearchParams } {
    let body: URLSearchParams | undefined;
    return {
      fetch: (_url, init) => {
        body = new URLSearchParams(String(init.body));
        return Promise.resolve(new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json', ...headers } }));
      },
      form: () => body ?? new URLSearchParams(),
    };
  }

  const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

  it('client credentials: client_assertion_type, client_assertion, client_id, scope; expires_in → expiresAt', async () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.com/oauth2/token', clientId: 'c1', scope: 'api.read api.write' };
    const r = recording({ access_token: 'at-1', token_type: 'Bearer', expires_in: 3600, scope: 'api.read' });
    const outcome = await requestToken(profile, keys.ec, { fetch: r.fetch, now: () => NOW });
    const form = r.form();
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('client_id'), 'c1');
    assert.equal(form.get('client_assertion_type'), 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    assert.match(form.get('client_assertion') ?? '', /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    assert.equal(form.get('scope'), 'api.read api.write');
    assert.equal(form.get('assertion'), null);
    assert.equal(outcome.token?.expiresIn, 3600);
    assert.equal(outcome.token?.expiresAt, NOW + 3_600_000);
    assert.equal(outcome.summary.expiresAt, new Date(NOW + 3_600_000).toISOString());
    assert.equal(outcome.summary.scope, 'api.read');
  });

  it('JWT bearer grant: assertion and scope; expires_in as a string', async () => {
    const profile: JwtBearerProfile = { kind: 'jwt-bearer', tokenUrl: 'https://idp.example.com/token', issuer: 'c1', subject: 'alice', scope: 'openid' };
    const r = recording({ access_token: 'at-2', token_type: 'Bearer', expires_in: '600' });
    const outcome = await requestToken(profile, keys.ec, { fetch: r.fetch, now: () => NOW });
    assert.equal(r.form().get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.equal(r.form().get('scope'), 'openid');
    assert.equal(outcome.token?.expiresAt, NOW + 600_000);
  });

  it('Google: the scope travels in the assertion, not the form', async () => {
    const profile: GoogleProfile = { kind: 'google', clientEmail: 'robot@p.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform' };
    const r = recording({ access_token: 'ya29.x', expires_in: 3599, token_type: 'Bearer' });
    const outcome = await requestToken(profile, { ...keys.other, kid: 'pkid' }, { fetch: r.fetch });
    assert.equal(outcome.ok, true);
    assert.deepEqual([...r.form().keys()], ['grant_type', 'assertion']);
  });

  it('Google\'s short-lived-token refusal, explained', async () => {
    const profile: GoogleProfile = { kind: 'google', clientEmail: 'robot@p.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform' };
    const r = recording({ error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.' }, 400);
    const outcome = await requestToken(profile, { ...keys.other, kid: 'pkid' }, { fetch: r.fetch });
    assert.match(outcome.explanation?.cause ?? '', /^Google refused iat\/exp/);
  });

  it('a 200 without access_token: NETWORK_RESPONSE', async () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.com/token', clientId: 'c1' };
    const outcome = await requestToken(profile, keys.ec, { fetch: recording({ token_type: 'Bearer' }).fetch });
    assert.deepEqual(outcome.failure, { code: 'NETWORK_RESPONSE', message: 'The token endpoint https://idp.example.com/token answered 200 without an access_token.' });
  });

  it('a server without expires_in: said so', async () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.com/token', clientId: 'c1' };
    const outcome = await requestToken(profile, keys.ec, { fetch: recording({ access_token: 'x' }).fetch });
    assert.equal(outcome.token?.expiryNote, 'The server did not say when this token expires (no expires_in).');
  });

  it('a server that quotes the assertion back: the assertion never reaches the summary or the explanation', async () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.com/token', clientId: 'c1' };
    let assertion = '';
    const echo: FetchLike = (_url, init) => {
      assertion = new URLSearchParams(String(init.body)).get('client_assertion') ?? '';
      return Promise.resolve(new Response(JSON.stringify({ error: 'invalid_client', error_description: `JWT ${assertion} is not valid` }), { status: 401 }));
    };
    const outcome = await requestToken(profile, keys.ec, { fetch: echo });
    assert.ok(assertion.length > 100);
    assert.equal(outcome.summary.errorDescription, 'JWT [the assertion] is not valid');
    assert.equal(outcome.explanation?.serverSaid, 'invalid_client: JWT [the assertion] is not valid');
    assert.ok(!JSON.stringify(outcome).includes(assertion.split('.')[2] ?? 'x'));
  });

  it('a DNS failure reaches the outcome with its code and sentence', async () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.cmo/token', clientId: 'c1' };
    const dns: FetchLike = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }));
    const outcome = await requestToken(profile, keys.ec, { fetch: dns });
    assert.deepEqual(outcome.failure, {
      code: 'NETWORK_UNREACHABLE',
      message: 'The token endpoint https://idp.example.cmo/token could not be reached: the host name idp.example.cmo was not found (DNS). Check the spelling, or your network.',
    });
  });
});
