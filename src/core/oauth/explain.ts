/**
 * Token endpoint errors in words. The server's own `error` and `error_description` always come first,
 * verbatim; then, for the answers we know (Salesforce's, Google's, RFC 6749 §5.2's), the likely cause and
 * the fix. An error nobody documented is shown as it is: no guessing.
 */
import type { TokenProfileKind } from './profiles';

/** An OAuth error response (RFC 6749 §5.2), as received. */
export interface OAuthErrorResponse {
  error: string;
  error_description?: string;
  error_uri?: string;
}

export interface ErrorExplanationContext {
  kind?: TokenProfileKind;
  /** Measured offset of the server's clock from the local one, in seconds (server minus local). */
  skewSeconds?: number;
  /** HTTP status of the answer. */
  status?: number;
}

export interface ErrorExplanation {
  error: string;
  errorDescription?: string;
  /** `error: error_description`, verbatim (what the server said). */
  serverSaid: string;
  /** The likely cause, when the answer is a known one. */
  cause?: string;
  /** What to do about it. */
  fix?: string;
  /** True when cause and fix come from documented behaviour; false for an error shown only verbatim. */
  known: boolean;
  /** The whole explanation as lines: what the server said, then cause and fix. */
  text: string;
}

/** Offsets beyond this many seconds are worth a warning and are named as the cause of time errors. */
export const SKEW_WARNING_SECONDS = 30;

interface Rule {
  /** The `error` code, or undefined for any. */
  error?: string;
  /** Matched against the description, lower-cased. */
  description?: RegExp;
  /** Match when either the code or the description matches (default: both must). */
  either?: boolean;
  kinds?: readonly TokenProfileKind[];
  /** The failure is about time, so a measured skew is the first suspect. */
  time?: boolean;
  cause: string;
  fix: string;
}

// Most specific first: descriptions before bare codes.
const RULES: readonly Rule[] = [
  {
    error: 'invalid_grant', description: /user hasn't approved this consumer|user hasn.t approved this consumer/,
    cause: 'The connected app is not authorized for this user: it was never approved by the user, or the app lets only admin-approved users in and the user\'s profile or permission set is not among them.',
    fix: 'In Setup → Connected Apps → Manage → Edit Policies, set Permitted Users to "Admin approved users are pre-authorized" and add the user\'s profile or a permission set; or approve the app once interactively as this user (with the refresh_token / offline_access scope).',
  },
  {
    error: 'invalid_grant', description: /invalid assertion/,
    cause: 'Salesforce could not accept the assertion\'s signature: the certificate uploaded to the connected app does not belong to this key, the consumer key (iss) is another app\'s, or the assertion is not RS256.',
    fix: 'Upload this key\'s certificate to the connected app ("Use digital signatures"), check the consumer key, and sign with RS256.',
  },
  {
    error: 'invalid_grant', description: /audience is invalid/,
    cause: 'The assertion\'s aud is not the login host Salesforce expects for this org.',
    fix: 'Use aud https://login.salesforce.com for production and https://test.salesforce.com for a sandbox — a My Domain still uses login or test as aud; an Experience Cloud site uses the site URL.',
  },
  {
    error: 'invalid_grant', description: /expired authorization code/, time: true,
    cause: 'The assertion\'s exp had already passed by Salesforce\'s clock.',
    fix: 'Set this computer\'s clock right (sync it with time servers), then request again: the assertion lives only 3 minutes.',
  },
  {
    description: /ip restricted|invalid login hours/,
    cause: 'The user\'s profile does not allow a login from this IP address, or at this hour.',
    fix: 'Set the connected app\'s IP Relaxation to "Relax IP restrictions", or add this address to the profile\'s Login IP Ranges, or check its Login Hours.',
  },
  {
    description: /external client app is not installed/,
    cause: 'The app is an External Client App that is not installed (or not enabled) in the org you are logging in to.',
    fix: 'Install the External Client App in this org (Setup → External Client App Manager), or log in to the org where it is installed.',
  },
  {
    error: 'invalid_client_id', description: /client identifier invalid/,
    cause: 'Salesforce does not know this consumer key (iss) in the org you are logging in to: a typo, or the app lives in another org (e.g. production when you log in to a sandbox made before the app existed).',
    fix: 'Copy the consumer key again from App Manager → the app → View → Manage Consumer Details, and log in to the org that has the app.',
  },
  {
    // Salesforce sends this as invalid_app_access; matched by its words too, whatever the code.
    error: 'invalid_app_access', description: /user is not admin approved/, either: true,
    cause: 'The user is not admin approved to access this app: the app lets only pre-authorized users in, and this user has none of its profiles or permission sets.',
    fix: 'In the connected app\'s Manage page, add the user\'s profile or a permission set the user has.',
  },
  {
    error: 'invalid_grant', description: /invalid jwt signature/,
    cause: 'Google could not verify the signature: the service-account key was deleted or disabled, or the assertion was signed with another key than the one private_key_id names.',
    fix: 'Check the key in IAM & Admin → Service Accounts → Keys; if it is gone, create a new JSON key and import it.',
  },
  {
    error: 'invalid_grant', description: /token must be a short-lived token|reasonable timeframe/, time: true,
    cause: 'Google refused iat/exp: the assertion lives longer than 1 hour, or its times are off by Google\'s clock.',
    fix: 'Keep exp at most 1 hour after iat, and set this computer\'s clock right.',
  },
  {
    error: 'invalid_grant', description: /invalid email or user id|not a valid email/,
    cause: 'Google does not know the user named in sub (domain-wide delegation), or the client_email is wrong.',
    fix: 'Check sub is a user of the Workspace domain that granted delegation, and that iss is the service account\'s client_email.',
  },
  {
    error: 'unauthorized_client', kinds: ['google'],
    cause: 'The service account is not allowed to act for users (domain-wide delegation), or not for these scopes.',
    fix: 'In the Workspace Admin console → Security → API controls → Domain-wide delegation, add the service account\'s client ID with exactly these scopes.',
  },
  {
    error: 'invalid_scope',
    cause: 'The server does not accept one of the scopes asked for (Google: an unknown scope URL, or none at all).',
    fix: 'Ask only for scopes this client is allowed (Google: full URLs such as https://www.googleapis.com/auth/cloud-platform, separated by spaces).',
  },
  {
    error: 'invalid_client',
    cause: 'The server could not authenticate the client from its assertion: the key is not registered with this client (JWKS or certificate), the client id is wrong, aud is not what the server expects (its token endpoint or its issuer), or the jti was already used.',
    fix: 'Register this key\'s public JWK (or certificate) with the client, check the client id, set aud to the token endpoint (or the issuer, as the server documents), and send a fresh jti each time.',
  },
  {
    error: 'unsupported_grant_type',
    cause: 'The server does not support this grant type at this endpoint, or does not allow it for this client.',
    fix: 'Check the token URL, and enable the grant (JWT bearer or client credentials) for this client on the server.',
  },
  {
    error: 'unauthorized_client',
    cause: 'This client is not allowed to use this grant type (RFC 6749 §5.2).',
    fix: 'Enable the grant (JWT bearer or client credentials) for this client on the server.',
  },
  {
    error: 'invalid_request',
    cause: 'The server found the request malformed: a parameter is missing, repeated or not understood (RFC 6749 §5.2).',
    fix: 'Read the description above: it usually names the parameter.',
  },
  {
    error: 'invalid_grant', time: true,
    cause: 'The server refused the assertion (RFC 7523 §3.1): its signature, iss, sub, aud or exp did not satisfy the server.',
    fix: 'Check that the server knows this key, and that iss, sub and aud are exactly what it expects.',
  },
];

/**
 * Explains a token endpoint's error answer: the server's words first, then, when the answer is a known one,
 * its likely cause and fix. A time-related failure names the measured clock skew when it exceeds 30 s.
 * @example explainTokenError({ error: 'invalid_grant', error_description: 'audience is invalid' }).fix
 */
export function explainTokenError(response: OAuthErrorResponse, context: ErrorExplanationContext = {}): ErrorExplanation {
  const error = response.error;
  const description = response.error_description;
  const serverSaid = description ? `${error}: ${description}` : error;
  const lower = (description ?? '').toLowerCase();
  const rule = RULES.find(r => {
    const code = r.error === undefined || r.error === error;
    const words = r.description === undefined || r.description.test(lower);
    return (r.either ? code || words : code && words)
      && (r.kinds === undefined || (context.kind !== undefined && r.kinds.includes(context.kind)));
  });
  const base = { error, ...(description !== undefined ? { errorDescription: description } : {}), serverSaid };
  if (!rule) {
    return { ...base, known: false, text: `The server answered ${context.status ?? 'with an error'}: ${serverSaid}` };
  }
  let cause = rule.cause;
  const skew = context.skewSeconds;
  if (rule.time && skew !== undefined && Math.abs(skew) > SKEW_WARNING_SECONDS) {
    cause = `The server's clock is ${describeSkew(skew)}: that is the likely cause. ${cause}`;
  }
  const text = [`The server answered ${context.status ?? 'with an error'}: ${serverSaid}`, `Likely cause: ${cause}`, `Fix: ${rule.fix}`].join('\n');
  return { ...base, cause, fix: rule.fix, known: true, text };
}

/** "95 s ahead of this computer's" / "2 min 5 s behind this computer's". */
export function describeSkew(skewSeconds: number): string {
  const s = Math.round(Math.abs(skewSeconds));
  const amount = s < 120 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${amount} ${skewSeconds > 0 ? 'ahead of' : 'behind'} this computer's`;
}
