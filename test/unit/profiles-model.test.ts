/**
 * The Connected Apps adapter's pure rules: fields to an engine profile (one bad input per assertion, code
 * and message), the row's words, the log line, the masked token, the token reuse window, and the result
 * view's text and curl command.
 */
import assert from 'node:assert/strict';
import type { IssuedToken, TokenRequestSummary } from '../../src/core';
import { WorkbenchError } from '../../src/core/errors';
import { inferOrg, lastResultWords, maskToken, missingKeyOf, profileFromFields, stillFresh, summaryLine, type StoredProfile } from '../../src/profiles/profileModel';
import { curlFor, defaultCurlUrl, renderResult } from '../../src/profiles/resultText';

function rejects(run: () => unknown, message: string): void {
  assert.throws(run, (e: unknown) => e instanceof WorkbenchError && e.code === 'OPTION_INVALID' && e.message === message);
}

const NOW = new Date('2026-12-02T10:00:00Z');
const okSummary: TokenRequestSummary = {
  time: '2026-12-02T09:56:00.000Z', kind: 'salesforce', endpoint: 'https://login.salesforce.com/services/oauth2/token', ok: true, status: 200, durationMs: 312, skewSeconds: 1, tokenType: 'Bearer',
};
const failed: TokenRequestSummary = {
  time: '2026-12-02T09:59:30.000Z', kind: 'salesforce', endpoint: 'https://login.salesforce.com/services/oauth2/token', ok: false, status: 400, error: 'invalid_grant', errorDescription: 'audience is invalid', durationMs: 200,
};
const token: IssuedToken = {
  accessToken: '00D5g000004ExAm!AQ0AQabcdefghijklmnopqrstuvwxyz1234', tokenType: 'Bearer', scope: 'api', instanceUrl: 'https://acme.my.salesforce.com', id: 'https://login.salesforce.com/id/00D/005',
  receivedAt: Date.parse(okSummary.time), expiryNote: 'Salesforce does not say when this token expires: the org\'s session timeout decides.',
};
function stored(last?: TokenRequestSummary): StoredProfile {
  return {
    id: 'p1', name: 'Acme', created: '2026-12-01T00:00:00Z', history: last ? [last] : [],
    profile: { kind: 'salesforce', consumerKey: 'ck', username: 'admin@acme.com', org: 'production' },
    ...(last ? { last: { summary: last, findings: [] } } : {}),
  };
}

describe('profiles: fields to a profile', () => {
  it('builds a Salesforce profile, trimming and inferring the org from the login URL', () => {
    assert.deepEqual(profileFromFields('salesforce', { consumerKey: ' ck ', username: 'u@acme.com.uat', loginUrl: 'https://test.salesforce.com' }),
      { kind: 'salesforce', consumerKey: 'ck', username: 'u@acme.com.uat', org: 'sandbox', loginUrl: 'https://test.salesforce.com' });
  });
  it('infers My Domain, Experience Cloud and production', () => {
    assert.equal(inferOrg('https://acme.my.salesforce.com'), 'my-domain');
    assert.equal(inferOrg('https://acme.my.site.com/partners'), 'experience-cloud');
    assert.equal(inferOrg('http://127.0.0.1:8080'), 'production');
    assert.equal(inferOrg(undefined), 'production');
  });
  it('refuses a missing consumer key', () => rejects(() => profileFromFields('salesforce', { username: 'u@a.com' }), 'The field "consumerKey" is required for this kind of profile.'));
  it('refuses an unknown org', () => rejects(() => profileFromFields('salesforce', { consumerKey: 'c', username: 'u@a.com', org: 'prod' }), 'The field "org" must be one of "production", "sandbox", "my-domain", "experience-cloud".'));
  it('refuses a My Domain without its URL', () => rejects(() => profileFromFields('salesforce', { consumerKey: 'c', username: 'u@a.com', org: 'my-domain' }), 'A My Domain profile needs "loginUrl": the My Domain URL, e.g. https://acme.my.salesforce.com.'));
  it('refuses a token URL that is not a URL', () => rejects(() => profileFromFields('jwt-bearer', { tokenUrl: 'idp/token', issuer: 'i' }), 'The field "tokenUrl" must be a full URL starting with https:// ("idp/token" is not).'));
  it('refuses extra claims that are not a JSON object', () => rejects(() => profileFromFields('jwt-bearer', { tokenUrl: 'https://idp/token', issuer: 'i', claims: '[1]' }), 'The extra claims must be a JSON object, e.g. {"scp": "read"}.'));
  it('refuses a lifetime that is not a whole number', () => rejects(() => profileFromFields('client-credentials', { tokenUrl: 'https://idp/token', clientId: 'c', lifetimeSeconds: 1.5 }), 'The field "lifetimeSeconds" must be a whole number of seconds above 0.'));
  it('reads extra claims given as JSON text and a lifetime given as text', () => {
    assert.deepEqual(profileFromFields('jwt-bearer', { tokenUrl: 'https://idp/token', issuer: 'i', subject: 's', claims: '{"tenant":"acme"}', lifetimeSeconds: '120' }),
      { kind: 'jwt-bearer', tokenUrl: 'https://idp/token', issuer: 'i', subject: 's', claims: { tenant: 'acme' }, lifetimeSeconds: 120 });
  });
});

describe('profiles: what a person reads', () => {
  it('says "token 4 min ago" after a success', () => assert.equal(lastResultWords(stored(okSummary), NOW), 'token 4 min ago'));
  it('says "failed: audience is invalid" after a failure', () => assert.equal(lastResultWords(stored(failed), NOW), 'failed: audience is invalid'));
  it('says "no request yet" before the first', () => assert.equal(lastResultWords(stored(), NOW), 'no request yet'));
  it('writes a log line with time, endpoint, status, error, duration and skew', () => {
    assert.equal(summaryLine(failed), '2026-12-02T09:59:30.000Z · https://login.salesforce.com/services/oauth2/token · failed · HTTP 400 · invalid_grant: audience is invalid · 200 ms');
    assert.equal(summaryLine(okSummary), '2026-12-02T09:56:00.000Z · https://login.salesforce.com/services/oauth2/token · ok · HTTP 200 · 312 ms · skew +1 s');
  });
  it('masks a token to its first 6 and last 4 characters', () => assert.equal(maskToken(token.accessToken), '00D5g0…1234'));
  it('masks a short token entirely', () => assert.equal(maskToken('short'), '•••••'));
});

describe('profiles: naming a deleted key', () => {
  it('by the label and kid the profile remembers', () => {
    assert.deepEqual(missingKeyOf({ ...stored(), keyId: 'k1', keyLabel: 'Acme prod', keyKid: 'kid-1' }), { label: 'Acme prod', kid: 'kid-1' });
  });
  it('a profile saved before they were remembered: by the kid it sends, when it sets one', () => {
    const profile = { kind: 'jwt-bearer', tokenUrl: 'https://idp.example.com/token', issuer: 'c1', kid: 'header-kid' } as const;
    assert.deepEqual(missingKeyOf({ ...stored(), keyId: 'k1', profile }), { kid: 'header-kid' });
  });
  it('nothing known: no name', () => {
    assert.deepEqual(missingKeyOf({ ...stored(), keyId: 'k1' }), {});
  });
});

describe('profiles: token reuse', () => {
  const at = Date.parse('2026-12-02T10:00:00Z');
  it('reuses a token until a minute before it expires', () => {
    assert.equal(stillFresh({ accessToken: 't', receivedAt: at, expiresAt: at + 61_000 }, at), true);
    assert.equal(stillFresh({ accessToken: 't', receivedAt: at, expiresAt: at + 60_000 }, at), false);
  });
  it('reuses a token without expiry for at most 15 minutes', () => {
    assert.equal(stillFresh({ accessToken: 't', receivedAt: at - 14 * 60_000 }, at), true);
    assert.equal(stillFresh({ accessToken: 't', receivedAt: at - 15 * 60_000 }, at), false);
  });
});

describe('profiles: the result view', () => {
  it('shows what came with the token, the token masked and the Salesforce expiry note', () => {
    const text = renderResult(stored(okSummary), token, false, NOW);
    assert.match(text, /^access_token {2}00D5g0…1234 {3}\(masked/m);
    assert.match(text, /^token_type {4}Bearer$/m);
    assert.match(text, /^scope {9}api$/m);
    assert.match(text, /^instance_url {2}https:\/\/acme\.my\.salesforce\.com$/m);
    assert.match(text, /^id {12}https:\/\/login\.salesforce\.com\/id\/00D\/005$/m);
    assert.match(text, /^expires {7}Salesforce does not say when this token expires/m);
    assert.ok(!text.includes(token.accessToken), 'masked');
  });
  it('shows the whole token once revealed', () => assert.ok(renderResult(stored(okSummary), token, true, NOW).includes(`access_token  ${token.accessToken}`)));
  it('shows what the server said after a failure', () => {
    const text = renderResult({ ...stored(failed), last: { summary: failed, findings: [], explanation: 'The server answered 400: invalid_grant: audience is invalid\nLikely cause: x\nFix: y' } }, undefined, false, NOW);
    assert.match(text, /^The server answered 400: invalid_grant: audience is invalid$/m);
    assert.match(text, /^Fix: y$/m);
  });
  it('builds curl for the instance\'s REST API root, quoting the header', () => {
    const url = defaultCurlUrl(stored(okSummary), token);
    assert.equal(url, 'https://acme.my.salesforce.com/services/data/');
    assert.equal(curlFor(token, url ?? ''), `curl -sS -H 'Authorization: Bearer ${token.accessToken}' 'https://acme.my.salesforce.com/services/data/'`);
  });
  it('escapes single quotes in a typed URL', () => assert.equal(curlFor({ ...token, accessToken: 'abc' }, "https://x/it's"), "curl -sS -H 'Authorization: Bearer abc' 'https://x/it'\\''s'"));
});
