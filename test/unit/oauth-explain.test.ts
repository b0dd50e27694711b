/**
 * The error explainer: the server's words verbatim first, then cause and fix for each known answer;
 * the measured clock skew named for time failures; unknown answers shown as they are.
 */
import assert from 'node:assert/strict';
import { describeSkew, explainTokenError } from '../../src/core/oauth/explain';
import type { ErrorExplanation } from '../../src/core/oauth/explain';
import type { TokenProfileKind } from '../../src/core/oauth/profiles';

interface Case {
  name: string;
  error: string;
  description?: string;
  kind?: TokenProfileKind;
  cause: RegExp;
  fix: RegExp;
}

const CASES: Case[] = [
  { name: 'Salesforce: user hasn\'t approved this consumer', error: 'invalid_grant', description: "user hasn't approved this consumer", kind: 'salesforce',
    cause: /^The connected app is not authorized for this user/, fix: /Admin approved users are pre-authorized.*profile or a permission set.*approve the app once interactively/ },
  { name: 'Salesforce: invalid assertion', error: 'invalid_grant', description: 'invalid assertion', kind: 'salesforce',
    cause: /certificate uploaded to the connected app does not belong to this key, the consumer key \(iss\) is another app's, or the assertion is not RS256/, fix: /Upload this key's certificate/ },
  { name: 'Salesforce: audience is invalid', error: 'invalid_grant', description: 'audience is invalid', kind: 'salesforce',
    cause: /aud is not the login host/, fix: /https:\/\/test\.salesforce\.com for a sandbox — a My Domain still uses login or test as aud/ },
  { name: 'Salesforce: expired authorization code', error: 'invalid_grant', description: 'expired authorization code', kind: 'salesforce',
    cause: /^The assertion's exp had already passed by Salesforce's clock\.$/, fix: /clock right/ },
  { name: 'Salesforce: client identifier invalid', error: 'invalid_client_id', description: 'client identifier invalid', kind: 'salesforce',
    cause: /does not know this consumer key \(iss\)/, fix: /Copy the consumer key again/ },
  { name: 'Salesforce: invalid_app_access', error: 'invalid_app_access', description: 'user is not admin approved to access this app', kind: 'salesforce',
    cause: /not admin approved to access this app/, fix: /add the user's profile or a permission set/ },
  { name: 'Salesforce: ip restricted', error: 'invalid_grant', description: 'ip restricted or invalid login hours', kind: 'salesforce',
    cause: /does not allow a login from this IP address, or at this hour/, fix: /Relax IP restrictions/ },
  { name: 'Salesforce: External client app is not installed', error: 'invalid_client', description: 'External client app is not installed in this org', kind: 'salesforce',
    cause: /External Client App that is not installed/, fix: /Install the External Client App/ },
  { name: 'Google: Invalid JWT Signature', error: 'invalid_grant', description: 'Invalid JWT Signature.', kind: 'google',
    cause: /key was deleted or disabled/, fix: /create a new JSON key/ },
  { name: 'Google: short-lived token', error: 'invalid_grant', kind: 'google',
    description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    cause: /^Google refused iat\/exp/, fix: /at most 1 hour after iat/ },
  { name: 'Google: invalid_scope', error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience provided.', kind: 'google',
    cause: /does not accept one of the scopes/, fix: /full URLs/ },
  { name: 'generic invalid_client', error: 'invalid_client', description: 'Client authentication failed', kind: 'client-credentials',
    cause: /key is not registered.*aud is not what the server expects \(its token endpoint or its issuer\).*jti was already used/, fix: /fresh jti/ },
  { name: 'unsupported_grant_type', error: 'unsupported_grant_type', description: 'grant type not supported',
    cause: /does not support this grant type/, fix: /enable the grant/ },
];

describe('oauth: error explainer', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const x = explainTokenError({ error: c.error, ...(c.description !== undefined ? { error_description: c.description } : {}) }, { status: 400, ...(c.kind ? { kind: c.kind } : {}) });
      assert.equal(x.known, true);
      assert.equal(x.error, c.error);
      assert.equal(x.errorDescription, c.description);
      assert.equal(x.serverSaid, c.description ? `${c.error}: ${c.description}` : c.error);
      assert.match(x.cause ?? '', c.cause);
      assert.match(x.fix ?? '', c.fix);
      assert.equal(x.text.split('\n')[0], `The server answered 400: ${x.serverSaid}`);
    });
  }

  it('invalid_app_access is explained from its words whatever the code', () => {
    const x = explainTokenError({ error: 'invalid_grant', error_description: 'user is not admin approved to access this app' });
    assert.match(x.cause ?? '', /not admin approved/);
  });

  it('an unknown error is shown verbatim, with no cause or fix', () => {
    const x: ErrorExplanation = explainTokenError({ error: 'temporarily_unavailable_x', error_description: 'Try again in 5 minutes.' }, { status: 503 });
    assert.deepEqual(x, {
      error: 'temporarily_unavailable_x',
      errorDescription: 'Try again in 5 minutes.',
      serverSaid: 'temporarily_unavailable_x: Try again in 5 minutes.',
      known: false,
      text: 'The server answered 503: temporarily_unavailable_x: Try again in 5 minutes.',
    });
  });

  it('an expiry failure names the measured skew first when it is over 30 s', () => {
    const x = explainTokenError({ error: 'invalid_grant', error_description: 'expired authorization code' }, { kind: 'salesforce', skewSeconds: 245 });
    assert.equal(x.cause, 'The server\'s clock is 4 min 5 s ahead of this computer\'s: that is the likely cause. The assertion\'s exp had already passed by Salesforce\'s clock.');
  });

  it('a skew of 30 s or less is not named', () => {
    const x = explainTokenError({ error: 'invalid_grant', error_description: 'expired authorization code' }, { kind: 'salesforce', skewSeconds: -30 });
    assert.equal(x.cause, 'The assertion\'s exp had already passed by Salesforce\'s clock.');
  });

  it('a failure that is not about time never names the skew', () => {
    const x = explainTokenError({ error: 'invalid_grant', error_description: 'audience is invalid' }, { kind: 'salesforce', skewSeconds: 600 });
    assert.doesNotMatch(x.cause ?? '', /clock/);
  });

  it('Google\'s short-lived failure names the skew too', () => {
    const x = explainTokenError({ error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.' }, { kind: 'google', skewSeconds: -400 });
    assert.match(x.cause ?? '', /^The server's clock is 6 min 40 s behind this computer's: that is the likely cause\./);
  });

  it('describes skews in seconds, then minutes', () => {
    assert.equal(describeSkew(95), '95 s ahead of this computer\'s');
    assert.equal(describeSkew(-120), '2 min behind this computer\'s');
    assert.equal(describeSkew(3725), '62 min 5 s ahead of this computer\'s');
  });
});
