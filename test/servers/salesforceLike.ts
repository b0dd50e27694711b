/**
 * A local stand-in for Salesforce's `/services/oauth2/token` with the OAuth 2.0 JWT bearer grant, written
 * from Salesforce's documented behaviour: it verifies the RS256 assertion against the connected app's
 * certificate with node:crypto, checks iss, aud, exp and sub in that order, and answers with Salesforce's
 * JSON errors (`invalid_grant` "audience is invalid", `invalid_client_id` "client identifier invalid", …).
 * Its `Date` header can run ahead or behind (clock skew), and modes make it redirect, stall, send 5 MB
 * or an HTML error page. Listens on 127.0.0.1, port 0. Used by unit tests, the bench, and (later) the
 * integration tests of the Connected Apps view.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { sendHuge } from './huge';
import { listenLocally } from './listen';

export type SalesforceLikeMode = 'normal' | 'redirect' | 'stall' | 'huge' | 'html';

export interface SalesforceLikeOptions {
  /** The connected app's consumer key (expected `iss`). */
  consumerKey: string;
  /** The certificate uploaded to the connected app ("Use digital signatures"). */
  certificatePem: string;
  /** Users pre-authorized for the app (expected `sub`). */
  users: string[];
  /** Users who exist but are not admin approved for the app (`invalid_app_access`). */
  notAdminApproved?: string[];
  /** Users whose profile refuses this IP address. */
  ipRestricted?: string[];
  /** Expected `aud` (default `https://login.salesforce.com`). */
  audience?: string;
  /** Seconds the server's clock runs ahead (positive) or behind (negative): its `Date` header and its `exp` check. */
  clockOffsetSeconds?: number;
  mode?: SalesforceLikeMode;
  /** False: the app is an External Client App not installed in this org. */
  installed?: boolean;
  /** The access token handed out (default a Salesforce-looking session id). */
  accessToken?: string;
}

/** What the server saw: never the assertion itself, only what a test needs to know. */
export interface SalesforceLikeRequest {
  method: string;
  path: string;
  contentType?: string;
  grantType?: string;
  /** The assertion's decoded header and claims, when it had any. */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  status?: number;
  error?: string;
}

export interface SalesforceLike {
  /** `http://127.0.0.1:<port>`: use as a profile's login URL. */
  url: string;
  /** `<url>/services/oauth2/token`. */
  tokenUrl: string;
  /** Change at will between requests (mode, clock offset, users…). */
  options: SalesforceLikeOptions;
  requests: SalesforceLikeRequest[];
  close(): Promise<void>;
}

export const SALESFORCE_ERRORS = {
  invalidAssertion: { error: 'invalid_grant', error_description: 'invalid assertion' },
  audience: { error: 'invalid_grant', error_description: 'audience is invalid' },
  expired: { error: 'invalid_grant', error_description: 'expired authorization code' },
  notApproved: { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
  ipRestricted: { error: 'invalid_grant', error_description: 'ip restricted or invalid login hours' },
  clientId: { error: 'invalid_client_id', error_description: 'client identifier invalid' },
  appAccess: { error: 'invalid_app_access', error_description: 'user is not admin approved to access this app' },
  notInstalled: { error: 'invalid_client', error_description: 'External client app is not installed in this org' },
  grantType: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
} as const;

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_PATH = '/services/oauth2/token';

/** Starts the server on 127.0.0.1 with a free port. */
export async function startSalesforceLike(options: SalesforceLikeOptions): Promise<SalesforceLike> {
  // The handler reads `live.options` at each request: a test may replace them between requests.
  const live = { options, requests: [] as SalesforceLikeRequest[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res, live.options, live.requests, origin));
  });
  const { origin, close } = await listenLocally(server);
  return Object.assign(live, { url: origin, tokenUrl: `${origin}${TOKEN_PATH}`, close });
}

function handle(
  req: http.IncomingMessage,
  body: string,
  res: http.ServerResponse,
  options: SalesforceLikeOptions,
  requests: SalesforceLikeRequest[],
  origin: string,
): void {
  const serverNow = Date.now() + (options.clockOffsetSeconds ?? 0) * 1000;
  // Node adds its own Date unless one is set: this one carries the configured offset.
  res.setHeader('Date', new Date(serverNow).toUTCString());
  const seen: SalesforceLikeRequest = { method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', contentType: req.headers['content-type'] };
  requests.push(seen);

  switch (options.mode ?? 'normal') {
    case 'redirect':
      seen.status = 302;
      res.writeHead(302, { Location: 'https://login.example.invalid/services/oauth2/token' }).end();
      return;
    case 'stall':
      return; // never answers
    case 'huge': {
      seen.status = 200;
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      sendHuge(res);
      return;
    }
    case 'html':
      seen.status = 503;
      res.writeHead(503, { 'Content-Type': 'text/html;charset=UTF-8' })
        .end('<!DOCTYPE html>\n<html><head><title>Service Unavailable - Maintenance</title></head><body><h1>We are down for maintenance</h1></body></html>');
      return;
    case 'normal':
      break;
  }

  const answer = (status: number, json: object): void => {
    seen.status = status;
    if ('error' in json && typeof json.error === 'string') seen.error = json.error;
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' })
      .end(JSON.stringify(json));
  };
  if (req.method !== 'POST' || seen.path !== TOKEN_PATH) {
    seen.status = 404;
    res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><head><title>404 Not Found</title></head><body></body></html>');
    return;
  }
  const form = new URLSearchParams(body);
  seen.grantType = form.get('grant_type') ?? undefined;
  if (seen.grantType !== JWT_BEARER) return answer(400, SALESFORCE_ERRORS.grantType);
  const assertion = form.get('assertion') ?? '';
  const parts = assertion.split('.');
  const [h = '', p = '', s = ''] = parts;
  const header = parts.length === 3 ? decodePart(h) : undefined;
  const claims = parts.length === 3 ? decodePart(p) : undefined;
  if (!header || !claims) return answer(400, SALESFORCE_ERRORS.invalidAssertion);
  seen.header = header;
  seen.claims = claims;

  if (claims.iss !== options.consumerKey) return answer(400, SALESFORCE_ERRORS.clientId);
  if (options.installed === false) return answer(400, SALESFORCE_ERRORS.notInstalled);
  const signatureOk = header.alg === 'RS256'
    && crypto.verify('sha256', Buffer.from(`${h}.${p}`), crypto.createPublicKey(options.certificatePem), Buffer.from(s, 'base64url'));
  if (!signatureOk) return answer(400, SALESFORCE_ERRORS.invalidAssertion);
  if (claims.aud !== (options.audience ?? 'https://login.salesforce.com')) return answer(400, SALESFORCE_ERRORS.audience);
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= serverNow) return answer(400, SALESFORCE_ERRORS.expired);
  const user = typeof claims.sub === 'string' ? claims.sub : '';
  if (options.notAdminApproved?.includes(user)) return answer(400, SALESFORCE_ERRORS.appAccess);
  if (!options.users.includes(user)) return answer(400, SALESFORCE_ERRORS.notApproved);
  if (options.ipRestricted?.includes(user)) return answer(400, SALESFORCE_ERRORS.ipRestricted);
  // Salesforce's JWT bearer answer: no refresh_token, no expires_in (the org's session policy decides).
  return answer(200, {
    access_token: options.accessToken ?? `00D5g000004ExAm!AQ0AQ${crypto.randomBytes(24).toString('base64url')}`,
    scope: 'api',
    instance_url: origin,
    id: `${origin}/id/00D5g000004ExAmEAK/0055g00000ExAmPAAV`,
    token_type: 'Bearer',
  });
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
