/**
 * The assertion of each profile kind: header, claims, lifetime and where it goes; each signed assertion is
 * verified with jose alone (not the engine) against the public key.
 */
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import {
  certificateThumbprint,
  importGoogleServiceAccount,
  parseGoogleServiceAccount,
  planAssertion,
  salesforceTarget,
  signAssertion,
} from '../../src/core/oauth/assertion';
import type { ClientCredentialsProfile, GoogleProfile, JwtBearerProfile, SalesforceProfile } from '../../src/core/oauth/profiles';
import type { KeyMaterial } from '../../src/core';
import { oauthKeys, rejectsWith, throwsWith } from './fixtures/oauth';
import type { OAuthKeys } from './fixtures/oauth';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const IAT = NOW / 1000;

async function verified(assertion: string, key: KeyMaterial, alg: string): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown> }> {
  const { payload, protectedHeader } = await jwtVerify(assertion, await importJWK(key.publicJwk, alg), { currentDate: new Date(NOW) });
  return { header: protectedHeader as Record<string, unknown>, claims: payload as Record<string, unknown> };
}

describe('oauth: assertions', () => {
  let keys: OAuthKeys;
  before(async () => {
    keys = await oauthKeys();
  });

  describe('Salesforce (JWT bearer)', () => {
    const profile: SalesforceProfile = { kind: 'salesforce', consumerKey: '3MVG9consumerKey', username: 'admin@acme.com', org: 'production' };

    it('header {"alg":"RS256"} only, claims iss sub aud exp with exp 3 minutes ahead, verified by jose', async () => {
      const signed = await signAssertion(profile, keys.app, { now: NOW });
      assert.deepEqual(decodeProtectedHeader(signed.assertion), { alg: 'RS256' });
      const { claims } = await verified(signed.assertion, keys.app, 'RS256');
      assert.deepEqual(claims, { iss: '3MVG9consumerKey', sub: 'admin@acme.com', aud: 'https://login.salesforce.com', exp: IAT + 180 });
      assert.equal(signed.tokenUrl, 'https://login.salesforce.com/services/oauth2/token');
    });

    it('sandbox: aud and request go to test.salesforce.com', () => {
      assert.deepEqual(salesforceTarget({ ...profile, org: 'sandbox' }),
        { tokenUrl: 'https://test.salesforce.com/services/oauth2/token', audience: 'https://test.salesforce.com', sandbox: true });
    });

    it('My Domain: the request goes to the My Domain host, aud stays login.salesforce.com', () => {
      assert.deepEqual(salesforceTarget({ ...profile, org: 'my-domain', loginUrl: 'https://acme.my.salesforce.com/' }),
        { tokenUrl: 'https://acme.my.salesforce.com/services/oauth2/token', audience: 'https://login.salesforce.com', sandbox: false });
    });

    it('a sandbox\'s My Domain: aud is test.salesforce.com', () => {
      assert.deepEqual(salesforceTarget({ ...profile, org: 'my-domain', loginUrl: 'https://acme--uat.sandbox.my.salesforce.com' }),
        { tokenUrl: 'https://acme--uat.sandbox.my.salesforce.com/services/oauth2/token', audience: 'https://test.salesforce.com', sandbox: true });
    });

    it('Experience Cloud: aud is the site URL, and the request goes to the site', () => {
      assert.deepEqual(salesforceTarget({ ...profile, org: 'experience-cloud', loginUrl: 'https://acme.my.site.com/partners/' }),
        { tokenUrl: 'https://acme.my.site.com/partners/services/oauth2/token', audience: 'https://acme.my.site.com/partners', sandbox: false });
    });

    it('a login URL given as the full token URL is not doubled', () => {
      assert.equal(salesforceTarget({ ...profile, loginUrl: 'http://127.0.0.1:8443/services/oauth2/token' }).tokenUrl, 'http://127.0.0.1:8443/services/oauth2/token');
    });

    it('My Domain without its URL: OPTION_INVALID', () => {
      throwsWith(() => salesforceTarget({ ...profile, org: 'my-domain' }), 'OPTION_INVALID',
        'A My Domain profile needs its My Domain URL (for example https://acme.my.salesforce.com).');
    });

    it('a login URL that is not a URL: OPTION_INVALID', () => {
      throwsWith(() => salesforceTarget({ ...profile, org: 'my-domain', loginUrl: 'acme.my.salesforce.com' }), 'OPTION_INVALID',
        '"acme.my.salesforce.com" is not a URL: write it in full, starting with https://.');
    });
  });

  describe('generic JWT bearer grant (RFC 7523 §2.1)', () => {
    const profile: JwtBearerProfile = {
      kind: 'jwt-bearer',
      tokenUrl: 'https://idp.example.com/oauth2/token',
      issuer: 'my-client',
      subject: 'alice@example.com',
      claims: { tenant: 'acme', iss: 'ignored' },
      kid: 'key-2025',
    };

    it('iss, sub, aud = the token endpoint, iat, exp = iat + 300, extra claims; kid in the header', async () => {
      const signed = await signAssertion(profile, keys.ec, { now: NOW });
      const { header, claims } = await verified(signed.assertion, keys.ec, 'ES256');
      assert.deepEqual(header, { alg: 'ES256', typ: 'JWT', kid: 'key-2025' });
      assert.deepEqual(claims, { tenant: 'acme', iss: 'my-client', sub: 'alice@example.com', aud: 'https://idp.example.com/oauth2/token', iat: IAT, exp: IAT + 300 });
    });

    it('an audience and a lifetime of its own; the key\'s kid when the profile names none', async () => {
      const { header, claims } = await planAssertion({ ...profile, kid: undefined, audience: 'https://idp.example.com', lifetimeSeconds: 60 }, keys.ec, { now: NOW });
      assert.equal(header.kid, keys.ec.kid);
      assert.equal(claims.aud, 'https://idp.example.com');
      assert.equal(claims.exp, IAT + 60);
    });
  });

  describe('client credentials with private_key_jwt (RFC 7523 §2.2)', () => {
    const profile: ClientCredentialsProfile = { kind: 'client-credentials', tokenUrl: 'https://login.example.com/tenant/oauth2/v2.0/token', clientId: 'c1a2b3' };

    it('iss = sub = client id, aud = the token endpoint, jti, iat, exp; kid and x5t#S256 of the certificate', async () => {
      const signed = await signAssertion(profile, keys.app, { now: NOW, jti: () => 'jti-1' });
      const { header, claims } = await verified(signed.assertion, keys.app, 'RS256');
      const x5t = Buffer.from(new crypto.X509Certificate(keys.app.certificatePem ?? '').fingerprint256.replace(/:/g, ''), 'hex').toString('base64url');
      assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: keys.app.kid, 'x5t#S256': x5t });
      assert.deepEqual(claims, { iss: 'c1a2b3', sub: 'c1a2b3', aud: 'https://login.example.com/tenant/oauth2/v2.0/token', jti: 'jti-1', iat: IAT, exp: IAT + 300 });
    });

    it('no x5t#S256 without a certificate', async () => {
      const { header } = await planAssertion(profile, keys.ec, { now: NOW });
      assert.equal('x5t#S256' in header, false);
    });

    it('a fresh jti for every assertion (a UUID)', async () => {
      const a = await planAssertion(profile, keys.ec, { now: NOW });
      const b = await planAssertion(profile, keys.ec, { now: NOW });
      assert.match(String(a.claims.jti), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.notEqual(a.claims.jti, b.claims.jti);
    });

    it('aud can be the issuer instead', async () => {
      const { claims } = await planAssertion({ ...profile, audience: 'https://login.example.com/tenant/v2.0' }, keys.ec, { now: NOW });
      assert.equal(claims.aud, 'https://login.example.com/tenant/v2.0');
    });

    it('x5t#S256 is the base64url SHA-256 of the certificate DER', async () => {
      const pem = keys.app.certificatePem ?? '';
      const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
      assert.equal(await certificateThumbprint(pem), crypto.createHash('sha256').update(der).digest('base64url'));
    });
  });

  describe('Google service account', () => {
    const profile: GoogleProfile = {
      kind: 'google',
      clientEmail: 'robot@project.iam.gserviceaccount.com',
      scope: ' https://www.googleapis.com/auth/cloud-platform   https://www.googleapis.com/auth/drive ',
    };

    it('iss = client_email, scope, aud = token_uri, iat, exp = iat + 3600; kid = the key\'s (private_key_id)', async () => {
      const key = { ...keys.app, kid: 'a1b2c3private_key_id' };
      const signed = await signAssertion(profile, key, { now: NOW });
      const { header, claims } = await verified(signed.assertion, key, 'RS256');
      assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: 'a1b2c3private_key_id' });
      assert.deepEqual(claims, {
        iss: 'robot@project.iam.gserviceaccount.com',
        scope: 'https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/drive',
        aud: 'https://oauth2.googleapis.com/token',
        iat: IAT,
        exp: IAT + 3600,
      });
    });

    it('sub for domain-wide delegation; a shorter lifetime', async () => {
      const { claims } = await planAssertion({ ...profile, subject: 'alice@acme.com', lifetimeSeconds: 600 }, keys.app, { now: NOW });
      assert.equal(claims.sub, 'alice@acme.com');
      assert.equal(claims.exp, IAT + 600);
    });
  });

  describe('Google service-account key files', () => {
    const file = (over: Record<string, unknown> = {}): string => JSON.stringify({
      type: 'service_account',
      project_id: 'acme-prod',
      private_key_id: 'f00dfeed0123',
      private_key: keys.appPem,
      client_email: 'robot@acme-prod.iam.gserviceaccount.com',
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
      ...over,
    });

    it('reads client_email, token_uri, private_key and private_key_id', () => {
      const account = parseGoogleServiceAccount(file());
      assert.equal(account.clientEmail, 'robot@acme-prod.iam.gserviceaccount.com');
      assert.equal(account.tokenUri, 'https://oauth2.googleapis.com/token');
      assert.equal(account.privateKeyId, 'f00dfeed0123');
      assert.equal(account.privateKeyPem, keys.appPem.trim());
      assert.equal(account.projectId, 'acme-prod');
    });

    it('imports the key with kid = private_key_id, and a profile; the key signs what Google would verify', async () => {
      const { profile, key } = await importGoogleServiceAccount(file(), { scope: 'https://www.googleapis.com/auth/cloud-platform' });
      assert.deepEqual(profile, { kind: 'google', clientEmail: 'robot@acme-prod.iam.gserviceaccount.com', tokenUri: 'https://oauth2.googleapis.com/token', scope: 'https://www.googleapis.com/auth/cloud-platform' });
      assert.equal(key.kid, 'f00dfeed0123');
      const signed = await signAssertion(profile, key, { now: NOW });
      const { header } = await verified(signed.assertion, keys.app, 'RS256');
      assert.equal(header.kid, 'f00dfeed0123');
    });

    it('not JSON', () => {
      throwsWith(() => parseGoogleServiceAccount('-----BEGIN PRIVATE KEY-----'), 'KEY_FORMAT',
        'This is not a Google service-account key file: it is not JSON. Download the key as JSON (IAM & Admin → Service Accounts → Keys → Add key → JSON).');
    });
    it('a user credentials file', () => {
      throwsWith(() => parseGoogleServiceAccount(JSON.stringify({ type: 'authorized_user', client_id: 'x', refresh_token: 'secret' })), 'KEY_FORMAT',
        'This is a Google user credentials file (from gcloud auth application-default login), not a service-account key: it has no private key. Create a JSON key for the service account instead.');
    });
    it('a workload identity federation file', () => {
      throwsWith(() => parseGoogleServiceAccount(JSON.stringify({ type: 'external_account' })), 'KEY_FORMAT',
        'This Google credentials file is of type "external_account": it holds no private key. Create a JSON key for the service account instead.');
    });
    it('no type', () => {
      throwsWith(() => parseGoogleServiceAccount(JSON.stringify({ client_email: 'x' })), 'KEY_FORMAT',
        'This is not a Google service-account key file: it has no "type": "service_account".');
    });
    it('no private_key_id', () => {
      throwsWith(() => parseGoogleServiceAccount(file({ private_key_id: undefined })), 'KEY_FORMAT',
        'This service-account key file has no "private_key_id": download a new JSON key for the service account.');
    });
    it('a private_key that is not PEM, never quoted', () => {
      assert.throws(() => parseGoogleServiceAccount(file({ private_key: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' })), (e: unknown) => {
        assert.equal((e as { code?: unknown }).code, 'KEY_FORMAT');
        assert.equal((e as Error).message, 'This service-account key file\'s "private_key" is not a PEM private key: download a new JSON key for the service account.');
        return true;
      });
    });
    it('a private_key that is damaged PEM: the engine\'s key error', async () => {
      await rejectsWith(importGoogleServiceAccount(file({ private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' })), 'KEY_TRUNCATED',
        'The PEM block "PRIVATE KEY" is cut short or damaged: its base64 body is incomplete. Paste the whole block again.');
    });
  });
});
