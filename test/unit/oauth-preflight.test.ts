/**
 * The preflight: one profile or key per finding, asserting its severity, code and sentence.
 */
import assert from 'node:assert/strict';
import { preflight, sandboxSuffixOf } from '../../src/core/oauth/preflight';
import type { PreflightFinding } from '../../src/core/oauth/preflight';
import type { ClientCredentialsProfile, GoogleProfile, JwtBearerProfile, SalesforceProfile } from '../../src/core/oauth/profiles';
import { publicKeyOf } from '../../src/core';
import { oauthKeys } from './fixtures/oauth';
import type { OAuthKeys } from './fixtures/oauth';

const DAY = 86_400_000;

describe('oauth: preflight', () => {
  let keys: OAuthKeys;
  before(async () => {
    keys = await oauthKeys();
  });
  const salesforce: SalesforceProfile = { kind: 'salesforce', consumerKey: '3MVG9consumerKey', username: 'admin@acme.com', org: 'production' };
  const google: GoogleProfile = { kind: 'google', clientEmail: 'robot@p.iam.gserviceaccount.com', scope: 'https://www.googleapis.com/auth/cloud-platform' };
  const client: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://idp.example.com/token', clientId: 'c1' };
  const bearer: JwtBearerProfile = { kind: 'jwt-bearer', tokenUrl: 'https://idp.example.com/token', issuer: 'c1', subject: 'alice' };

  const only = (findings: PreflightFinding[]): PreflightFinding => {
    assert.equal(findings.length, 1, JSON.stringify(findings));
    return findings[0] as PreflightFinding;
  };

  it('a complete Salesforce profile with its key and a fresh certificate: nothing to say', async () => {
    assert.deepEqual(await preflight(salesforce, keys.app), []);
  });

  it('no key', async () => {
    assert.deepEqual(only(await preflight(salesforce, undefined)), {
      severity: 'error', code: 'NO_PRIVATE_KEY',
      message: 'No key is chosen for this profile: choose one from the Keys view, or generate one and its certificate.',
    });
  });

  it('a chosen key deleted since, with its label and kid known: KEY_DELETED naming both and the way back', async () => {
    assert.deepEqual(only(await preflight(salesforce, undefined, { missingKey: { label: 'Acme prod', kid: 'k-123' } })), {
      severity: 'error', code: 'KEY_DELETED',
      message: 'The key "Acme prod" (kid k-123) that this profile signs with no longer exists in the Keys view. Choose another key with Edit Profile…, or restore the key from a backup (Restore Keys…).',
    });
  });

  it('a chosen key deleted since, only its kid known: KEY_DELETED naming the kid', async () => {
    assert.equal(only(await preflight(bearer, undefined, { missingKey: { kid: 'k-123' } })).message,
      'The key with kid k-123 that this profile signs with no longer exists in the Keys view. Choose another key with Edit Profile…, or restore the key from a backup (Restore Keys…).');
  });

  it('a chosen key deleted since, nothing known of it: KEY_DELETED all the same', async () => {
    assert.equal(only(await preflight(bearer, undefined, { missingKey: {} })).message,
      'The key that this profile signs with no longer exists in the Keys view. Choose another key with Edit Profile…, or restore the key from a backup (Restore Keys…).');
  });

  it('a public key only', async () => {
    const pub = { ...publicKeyOf(keys.ec), label: 'partner key' };
    assert.deepEqual(only(await preflight(bearer, pub)), {
      severity: 'error', code: 'NO_PRIVATE_KEY',
      message: 'The key partner key is public only: the assertion must be signed with the private key whose certificate the server holds.',
    });
  });

  it('Salesforce with an EC key: not RS256', async () => {
    assert.deepEqual(only(await preflight(salesforce, keys.ec)), {
      severity: 'error', code: 'ALG_NOT_RS256', message: 'Salesforce accepts only RS256 assertions, which need an RSA key; this key is an EC key.',
    });
  });

  it('Google with an RSA key marked PS256: not RS256', async () => {
    assert.deepEqual(only(await preflight(google, { ...keys.other, alg: 'PS256', certificatePem: undefined })), {
      severity: 'error', code: 'ALG_NOT_RS256', message: 'Google accepts only RS256 assertions; this key is marked for PS256. Use an RSA key marked RS256 (or with no algorithm).',
    });
  });

  it('a sandbox username with the production login', async () => {
    assert.deepEqual(only(await preflight({ ...salesforce, username: 'admin@acme.com.uat' }, keys.app)), {
      severity: 'error', code: 'AUDIENCE_ORG_MISMATCH',
      message: 'The username admin@acme.com.uat looks like a sandbox username (".uat" after the domain), but the assertion\'s aud is https://login.salesforce.com: sandbox users log in with aud https://test.salesforce.com. Choose Sandbox (or the sandbox\'s My Domain).',
    });
  });

  it('a sandbox username with the sandbox login: fine', async () => {
    assert.deepEqual(await preflight({ ...salesforce, org: 'sandbox', username: 'admin@acme.com.uat' }, keys.app), []);
  });

  it('Production, but the request goes to test.salesforce.com', async () => {
    assert.deepEqual(only(await preflight({ ...salesforce, loginUrl: 'https://test.salesforce.com' }, keys.app)), {
      severity: 'error', code: 'AUDIENCE_ORG_MISMATCH',
      message: 'The request goes to test.salesforce.com, a sandbox login, but the org is set to Production (aud https://login.salesforce.com): choose Sandbox.',
    });
  });

  it('Production on a My Domain whose name merely contains "sandbox": fine', async () => {
    assert.deepEqual(await preflight({ ...salesforce, org: 'my-domain', loginUrl: 'https://sandboxcorp.my.salesforce.com' }, keys.app), []);
  });

  it('Production, but the request goes to a sandbox\'s My Domain', async () => {
    assert.equal(only(await preflight({ ...salesforce, loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' }, keys.app)).code, 'AUDIENCE_ORG_MISMATCH');
  });

  it('Sandbox, but the request goes to login.salesforce.com', async () => {
    assert.deepEqual(only(await preflight({ ...salesforce, org: 'sandbox', loginUrl: 'https://login.salesforce.com' }, keys.app)), {
      severity: 'error', code: 'AUDIENCE_ORG_MISMATCH',
      message: 'The org is set to Sandbox (aud https://test.salesforce.com) but the request goes to login.salesforce.com: sandboxes log in at test.salesforce.com or their My Domain.',
    });
  });

  it('an audience that cannot fit a My Domain (the My Domain host itself)', async () => {
    const profile: SalesforceProfile = { ...salesforce, org: 'my-domain', loginUrl: 'https://acme.my.salesforce.com', audience: 'https://acme.my.salesforce.com' };
    assert.deepEqual(only(await preflight(profile, keys.app)), {
      severity: 'error', code: 'AUDIENCE_ORG_MISMATCH',
      message: 'The audience https://acme.my.salesforce.com cannot fit this My Domain (production): Salesforce expects https://login.salesforce.com.',
    });
  });

  it('My Domain without its URL', async () => {
    assert.deepEqual(only(await preflight({ ...salesforce, org: 'my-domain' }, keys.app)), {
      severity: 'error', code: 'FIELD_MISSING', message: 'A My Domain profile needs its My Domain URL (for example https://acme.my.salesforce.com).',
    });
  });

  it('empty fields', async () => {
    assert.deepEqual(await preflight({ ...salesforce, consumerKey: ' ', username: '' }, keys.app), [
      { severity: 'error', code: 'FIELD_MISSING', message: 'The consumer key (iss) is empty.' },
      { severity: 'error', code: 'FIELD_MISSING', message: 'The username (sub) is empty.' },
    ]);
  });

  it('a JWT bearer grant without sub (RFC 7523 requires it)', async () => {
    assert.deepEqual(only(await preflight({ ...bearer, subject: undefined }, keys.ec)), {
      severity: 'error', code: 'FIELD_MISSING', message: 'The subject (sub; RFC 7523 requires it) is empty.',
    });
  });

  it('Google without a scope', async () => {
    assert.deepEqual(only(await preflight({ ...google, scope: '' }, keys.other)).code, 'FIELD_MISSING');
  });

  it('the certificate does not belong to the key', async () => {
    const finding = only(await preflight(salesforce, { ...keys.app, certificatePem: keys.other.certificatePem }));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.code, 'CERT_KEY_MISMATCH');
    assert.match(finding.message, /^The certificate \(CN=Someone else, SHA-256 [0-9A-F:]{23}…\) does not belong to this key: the server would check the signature against another public key\. Upload this key's certificate, or choose the key the certificate was made from\.$/);
  });

  it('the registered certificate, given apart from the key, is checked too', async () => {
    const findings = await preflight(salesforce, keys.app, { certificatePem: keys.other.certificatePem });
    assert.equal(only(findings).code, 'CERT_KEY_MISMATCH');
  });

  it('an expired certificate: a warning, the request goes on', async () => {
    const finding = only(await preflight(salesforce, keys.app, { now: Date.now() + 400 * DAY }));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.code, 'CERT_EXPIRED');
    assert.match(finding.message, /^The certificate expired on \d{4}-\d\d-\d\d\. Salesforce still accepts it for the JWT bearer flow, but make a new one and upload it to the app before something else relies on it\.$/);
  });

  it('a certificate expiring within 30 days: a warning', async () => {
    const finding = only(await preflight(salesforce, keys.app, { now: Date.now() + 355 * DAY }));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.code, 'CERT_EXPIRING');
    assert.match(finding.message, /^The certificate expires on \d{4}-\d\d-\d\d \(in (9|10) days\): make a new one and upload it to the app in time\.$/);
  });

  it('Google: a lifetime over 1 hour', async () => {
    assert.deepEqual(only(await preflight({ ...google, lifetimeSeconds: 7200 }, { ...keys.other, certificatePem: undefined })), {
      severity: 'error', code: 'LIFETIME_TOO_LONG', message: 'Google refuses assertions that live longer than 1 hour (3600 s); this one would live 7200 s.',
    });
  });

  it('other servers: a lifetime over 5 minutes is a warning', async () => {
    assert.deepEqual(only(await preflight({ ...client, lifetimeSeconds: 600 }, keys.ec)), {
      severity: 'warning', code: 'LIFETIME_LONG', message: 'The assertion would live 600 s; many servers refuse assertions that live longer than 5 minutes (300 s).',
    });
  });

  it('a lifetime of 0', async () => {
    assert.deepEqual(only(await preflight({ ...bearer, lifetimeSeconds: 0 }, keys.ec)), {
      severity: 'error', code: 'LIFETIME_INVALID', message: 'The lifetime must be a whole number of seconds above 0, not 0.',
    });
  });

  it('a token URL that is not https', async () => {
    assert.deepEqual(only(await preflight({ ...client, tokenUrl: 'http://idp.example.com/token' }, keys.ec)), {
      severity: 'error', code: 'TOKEN_URL_INSECURE',
      message: 'The token URL cannot be used: http://idp.example.com/token is not https: only https is allowed, or http to this machine (127.0.0.1, ::1, localhost).',
    });
  });

  it('http to this machine is allowed', async () => {
    assert.deepEqual(await preflight({ ...client, tokenUrl: 'http://127.0.0.1:9999/token' }, keys.ec), []);
  });

  it('a token URL that is not a URL', async () => {
    assert.deepEqual(only(await preflight({ ...client, tokenUrl: 'idp.example.com/token' }, keys.ec)), {
      severity: 'error', code: 'TOKEN_URL_INVALID', message: 'The token URL cannot be used: "idp.example.com/token" is not a URL: write it in full, starting with https://.',
    });
  });

  it('errors come before warnings', async () => {
    const findings = await preflight({ ...client, lifetimeSeconds: 600, clientId: '' }, keys.ec);
    assert.deepEqual(findings.map(f => `${f.severity} ${f.code}`), ['error FIELD_MISSING', 'warning LIFETIME_LONG']);
  });

  describe('sandbox usernames', () => {
    const cases: Array<[string, string | undefined]> = [
      ['admin@acme.com.uat', 'uat'],
      ['admin@acme.com.dev', 'dev'],
      ['admin@acme.org.fullcopy', 'fullcopy'],
      ['admin@acme.com', undefined],
      ['admin@acme.com.au', undefined],
      ['admin@mail.acme.dev', undefined],
      ['not-an-email', undefined],
    ];
    for (const [username, suffix] of cases) {
      it(`${username} → ${suffix ?? 'not a sandbox username'}`, () => assert.equal(sandboxSuffixOf(username), suffix));
    }
  });
});
