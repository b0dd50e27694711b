/**
 * `oauth` case: one Salesforce JWT bearer token request to the local Salesforce-like endpoint through a
 * profile (requestToken: preflight with the certificate check, signToken, the guarded HTTP helper, response
 * parsing, skew) against the same request made by hand — jose SignJWT with the key imported once, Node's
 * fetch, response.json() — as a script would do it. Target ≤ 1.2.
 * Many short interleaved batches (40 × 50 ms, best kept): a loopback round trip is at the mercy of the other
 * processes on this 2-core machine, and long batches let one burst of their work decide the ratio.
 */
import { SignJWT, importJWK } from 'jose';
import { compare } from '../lib';
import type { BenchResult } from '../lib';
import { CertificateFactsCache, KeyResolver, generateKey } from '../../src/core';
import { createSelfSignedCertificate } from '../../src/core/certificates';
import { requestToken } from '../../src/core/oauth/request';
import type { SalesforceProfile } from '../../src/core/oauth/profiles';
import { startSalesforceLike } from '../../test/servers/salesforceLike';

export async function oauthCase(): Promise<BenchResult[]> {
  const generated = await generateKey({ kty: 'RSA', bits: 2048 });
  const key = { ...generated, certificatePem: await createSelfSignedCertificate(generated, { subject: 'CN=bench', days: 365 }) };
  const server = await startSalesforceLike({ consumerKey: '3MVG9bench', certificatePem: key.certificatePem, users: ['bench@acme.com'] });
  try {
    const profile: SalesforceProfile = { kind: 'salesforce', consumerKey: '3MVG9bench', username: 'bench@acme.com', org: 'production', loginUrl: server.url };
    const joseKey = await importJWK(key.privateJwk ?? {}, 'RS256');
    // What the extension keeps between requests: its KeyResolver and the certificate facts.
    const resolver = new KeyResolver();
    const certificates = new CertificateFactsCache();
    const viaProfile = async (): Promise<void> => {
      const outcome = await requestToken(profile, key, { fetch, resolver, certificates });
      if (!outcome.ok) throw new Error(outcome.failure?.message ?? outcome.explanation?.text);
    };
    const byHand = async (): Promise<void> => {
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer('3MVG9bench')
        .setSubject('bench@acme.com')
        .setAudience('https://login.salesforce.com')
        .setExpirationTime('3m')
        .sign(joseKey);
      const response = await fetch(server.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      });
      const json = (await response.json()) as { access_token?: string };
      if (!json.access_token) throw new Error('no token');
    };
    return [
      await compare('Salesforce token request via a profile (local endpoint)', viaProfile,
        'jose SignJWT + fetch by hand', byHand, { target: 1.2, minMs: 50, rounds: 40 }),
    ];
  } finally {
    await server.close();
  }
}
