/**
 * The engine's one way onto the network: a guarded JSON request used by token requests and JWKS fetches.
 *
 * Rules (the same for every caller, so no surface can loosen them): `fetch` is passed in (the extension
 * host's, or a test's); only https URLs, or http to this machine (127.0.0.0/8, ::1, localhost); redirects are
 * never followed — a 3xx is an error naming its target, since following it would send a signed assertion
 * to a host nobody chose; a timeout covers the whole exchange, body included; the body is read as a stream
 * and abandoned past a byte cap. Each failure has its own code and a sentence saying what to do.
 */
import { WorkbenchError } from './errors';

/** The part of WHATWG `fetch` the engine uses: Node's global `fetch`, the browser's, or a test double. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** 10 s: the issue's limit for JWKS and OpenID configuration fetches. */
export const JWKS_TIMEOUT_MS = 10_000;
/** 15 s: the default limit for token requests (a setting in the adapter). */
export const TOKEN_TIMEOUT_MS = 15_000;
/** 1 MiB: far above any JWKS or token response, far below anything that could hurt the extension host. */
export const DEFAULT_MAX_BYTES = 1_048_576;

/** What {@link requestJson} sends. */
export interface HttpRequest {
  url: string;
  /** Injected so tests need no network and the browser build uses the browser's own. */
  fetch: FetchLike;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A form-encoded body (token requests). */
  body?: URLSearchParams;
  /** Names the URL in messages, e.g. "token endpoint", "JWKS URL". Default "URL". */
  purpose?: string;
  /** Default {@link JWKS_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** The caller's cancellation (e.g. a progress notification's Cancel button). */
  signal?: AbortSignal;
  /** Return a non-2xx response whose body is a JSON object instead of failing (OAuth error responses). */
  acceptErrorJson?: boolean;
  /** The local clock, in ms since the epoch (injectable for tests). Default `Date.now`. */
  now?: () => number;
}

/** A JSON response that passed every rule. */
export interface HttpResponse {
  /** The URL as requested (never a redirect target: those are refused). */
  url: string;
  status: number;
  statusText: string;
  /** Header names in lower case; `set-cookie` is left out. */
  headers: Record<string, string>;
  /** The server's `Date` header, when it sent a readable one. */
  serverDate?: Date;
  /** The local clock when the response headers arrived, ms since the epoch: compare with `serverDate`. */
  receivedAt: number;
  json: unknown;
  /** From the request being sent to the whole body read. */
  durationMs: number;
  bytes: number;
}

/**
 * Why `url` may not be fetched, as a sentence, or undefined when it may. Used by {@link requestJson} and by
 * callers that validate a URL as it is typed.
 * @example urlProblem('http://login.salesforce.com') // 'http://login.salesforce.com is not https: …'
 */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${clip(url, 80)}" is not a URL: write it in full, starting with https://.`;
  }
  if (parsed.username || parsed.password) {
    return `${shownUrl(parsed)} carries a user name or password in the URL; the workbench never sends credentials that way.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') {
    if (isLoopback(parsed.hostname)) return undefined;
    return `${shownUrl(parsed)} is not https: only https is allowed, or http to this machine (127.0.0.1, ::1, localhost).`;
  }
  return `${shownUrl(parsed)} uses ${parsed.protocol.replace(/:$/, '')}: only https is allowed (or http to this machine).`;
}

/** 127.0.0.0/8, ::1 and localhost: http there never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Origin and path of a URL, for messages and logs: the query and fragment are dropped (they may hold
 * a secret), and so is any user info.
 */
export function shownUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return `${u.origin}${u.pathname}`;
  } catch {
    return clip(String(url), 80);
  }
}

/**
 * Sends one request and returns its JSON body, or throws a {@link WorkbenchError} naming what went wrong:
 * `NETWORK_INSECURE` (URL rules), `OPTION_INVALID` (not a URL), `NETWORK_REDIRECT`, `NETWORK_TIMEOUT`,
 * `NETWORK_CANCELLED`, `NETWORK_UNREACHABLE` (DNS, refused, reset; CORS in the browser), `NETWORK_TLS`,
 * `NETWORK_HTTP` (a non-2xx status), `NETWORK_TOO_LARGE`, `NETWORK_RESPONSE` (a body that is not JSON).
 * @example
 * const { json, durationMs } = await requestJson({ url: 'https://issuer.example/jwks', fetch, purpose: 'JWKS URL' });
 */
export async function requestJson(request: HttpRequest): Promise<HttpResponse> {
  const purpose = request.purpose ?? 'URL';
  const problem = urlProblem(request.url);
  if (problem) {
    const notUrl = !URL.canParse(request.url);
    throw new WorkbenchError(notUrl ? 'OPTION_INVALID' : 'NETWORK_INSECURE', `The ${purpose} cannot be used: ${problem}`, { purpose });
  }
  const url = new URL(request.url);
  const shown = shownUrl(url);
  const timeoutMs = request.timeoutMs ?? JWKS_TIMEOUT_MS;
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = request.now ?? Date.now;
  const subject = `The ${purpose} ${shown}`;

  if (request.signal?.aborted) throw cancelled(subject);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = (): void => controller.abort();
  request.signal?.addEventListener('abort', onCancel, { once: true });
  const started = performance.now();
  const failure = (e: unknown): WorkbenchError => {
    if (e instanceof WorkbenchError) return e;
    if (timedOut) {
      return new WorkbenchError('NETWORK_TIMEOUT', `${subject} did not answer within ${seconds(timeoutMs)}: the server is slow or unreachable. Try again, or raise the timeout.`, { purpose, timeoutMs });
    }
    if (request.signal?.aborted) return cancelled(subject);
    return fetchFailure(e, url, subject, purpose);
  };

  try {
    let response: Response;
    try {
      response = await request.fetch(url.href, {
        method: request.method ?? 'GET',
        headers: { accept: 'application/json', ...request.headers },
        ...(request.body ? { body: request.body } : {}),
        redirect: 'manual',
        // No cookies or HTTP auth from the browser's jar (VS Code for the Web): the request carries only what we put in it.
        credentials: 'omit',
        signal: controller.signal,
      });
    } catch (e) {
      throw failure(e);
    }
    const receivedAt = now();
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel().catch(() => undefined);
      throw redirect(response, url, subject, purpose);
    }
    let text: string;
    let bytes: number;
    try {
      ({ text, bytes } = await readCapped(response, maxBytes, subject, purpose));
    } catch (e) {
      throw failure(e);
    }
    const durationMs = Math.round(performance.now() - started);
    const json = parseJson(text);
    const isObject = typeof json.value === 'object' && json.value !== null && !Array.isArray(json.value);
    if (!response.ok && !(request.acceptErrorJson && json.ok && isObject)) {
      throw httpStatusError(response, json.ok ? json.value : undefined, text, subject, purpose);
    }
    if (!json.ok) {
      const what = text.trim() === '' ? 'an empty body' : `a body that is not JSON (${describeBody(text, response.headers.get('content-type'))})`;
      throw new WorkbenchError('NETWORK_RESPONSE', `${subject} answered ${response.status} with ${what}.`, { purpose, status: response.status });
    }
    const dateHeader = response.headers.get('date');
    const serverDate = dateHeader ? new Date(dateHeader) : undefined;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers[name] = value;
    });
    return {
      url: url.href,
      status: response.status,
      statusText: response.statusText,
      headers,
      ...(serverDate && !Number.isNaN(serverDate.getTime()) ? { serverDate } : {}),
      receivedAt,
      json: json.value,
      durationMs,
      bytes,
    };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCancel);
  }
}

/** Reads the body chunk by chunk and stops (cancelling the stream) as soon as it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number, subject: string, purpose: string): Promise<{ text: string; bytes: number }> {
  const tooLarge = (): WorkbenchError => new WorkbenchError('NETWORK_TOO_LARGE',
    `${subject} sent more than ${sizeText(maxBytes)}, the limit for this request; reading stopped there. Check that the URL points at the JSON document and not at a page or a file.`,
    { purpose, maxBytes });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return { text: '', bytes: 0 };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return { text: new TextDecoder('utf-8').decode(all), bytes };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; value?: undefined } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A non-2xx answer: its status, and the OAuth `error` / `error_description` or a glimpse of the body. */
function httpStatusError(response: Response, json: unknown, text: string, subject: string, purpose: string): WorkbenchError {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  let said = '';
  if (typeof json === 'object' && json !== null && 'error' in json && typeof json.error === 'string') {
    const description = 'error_description' in json && typeof json.error_description === 'string' ? `: ${json.error_description}` : '';
    said = ` (${clip(json.error, 80)}${clip(description, 200)})`;
  } else if (text.trim() !== '') {
    said = ` (${describeBody(text, response.headers.get('content-type'))})`;
  }
  const hint = response.status === 404 ? ' Check the path of the URL.'
    : response.status === 401 || response.status === 403 ? ' The server refused access to this URL.'
      : response.status >= 500 ? ' The server failed; try again later.' : '';
  return new WorkbenchError('NETWORK_HTTP', `${subject} answered HTTP ${status}${said}.${hint}`, { purpose, status: response.status });
}

function redirect(response: Response, url: URL, subject: string, purpose: string): WorkbenchError {
  if (response.type === 'opaqueredirect') {
    return new WorkbenchError('NETWORK_REDIRECT',
      `${subject} answered with a redirect (the browser hides where to); redirects are never followed. Use the final URL instead.`, { purpose });
  }
  const location = response.headers.get('location');
  const target = location ? (URL.canParse(location, url) ? shownUrl(new URL(location, url)) : clip(location, 120)) : undefined;
  return new WorkbenchError('NETWORK_REDIRECT',
    target
      ? `${subject} answered ${response.status} redirecting to ${target}; redirects are never followed (a token request would be sent again to a host you did not choose). If that is the right address, use it instead.`
      : `${subject} answered ${response.status}, a redirect without a Location; redirects are never followed.`,
    { purpose, status: response.status, ...(target ? { location: target } : {}) });
}

function cancelled(subject: string): WorkbenchError {
  return new WorkbenchError('NETWORK_CANCELLED', `The request to ${subject.replace(/^The /, 'the ')} was cancelled.`);
}

/** Node error codes (undici's `cause.code`) for a certificate the client would not trust. */
const TLS_CODES: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain ends in a self-signed certificate that is not trusted here',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified (an intermediate certificate is missing, or a proxy re-signs traffic)',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of its certificate is unknown here',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of its certificate is not trusted here (a corporate proxy? add its root certificate to the system)',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet (or this computer\'s clock is wrong)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for a different host name',
  HOSTNAME_MISMATCH: 'its certificate is for a different host name',
  CERT_REVOKED: 'its certificate has been revoked',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS on that port (is it plain http?)',
  EPROTO: 'the TLS handshake failed',
};

const UNREACHABLE_CODES: Readonly<Record<string, (host: string) => string>> = {
  ENOTFOUND: host => `the host name ${host} was not found (DNS). Check the spelling, or your network.`,
  EAI_AGAIN: host => `the host name ${host} could not be looked up right now (DNS is not answering). Check your network and try again.`,
  ECONNREFUSED: host => `${host} refused the connection: nothing is listening on that port.`,
  ECONNRESET: host => `${host} closed the connection abruptly.`,
  UND_ERR_SOCKET: host => `${host} closed the connection before answering.`,
  ETIMEDOUT: host => `the connection to ${host} timed out.`,
  UND_ERR_CONNECT_TIMEOUT: host => `the connection to ${host} timed out.`,
  EHOSTUNREACH: host => `${host} cannot be reached from this network.`,
  ENETUNREACH: () => `the network is unreachable (are you offline?).`,
};

/** The `code` of a fetch failure's cause (undici: `TypeError('fetch failed', { cause })`), looking into AggregateErrors. */
function causeCode(e: unknown): string | undefined {
  let cause: unknown = e instanceof Error ? e.cause : undefined;
  for (let depth = 0; depth < 3 && cause !== undefined; depth++) {
    if (typeof cause === 'object' && cause !== null) {
      if ('code' in cause && typeof cause.code === 'string') return cause.code;
      if ('errors' in cause && Array.isArray(cause.errors)) {
        const first: unknown = cause.errors[0];
        if (typeof first === 'object' && first !== null && 'code' in first && typeof first.code === 'string') return first.code;
      }
      cause = 'cause' in cause ? cause.cause : undefined;
    } else {
      break;
    }
  }
  return undefined;
}

function fetchFailure(e: unknown, url: URL, subject: string, purpose: string): WorkbenchError {
  const code = causeCode(e);
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const options = { cause: e };
  if (code && TLS_CODES[code]) {
    return new WorkbenchError('NETWORK_TLS', `${subject} could not be reached securely: ${TLS_CODES[code]} (${code}).`, { purpose, code }, options);
  }
  const unreachable = code ? UNREACHABLE_CODES[code] : undefined;
  if (code && unreachable) {
    return new WorkbenchError('NETWORK_UNREACHABLE', `${subject} could not be reached: ${unreachable(host)}`, { purpose, code }, options);
  }
  if (code) {
    return new WorkbenchError('NETWORK_UNREACHABLE', `${subject} could not be reached (${code}).`, { purpose, code }, options);
  }
  // Browsers give no code at all, only a TypeError whose text is theirs ("Failed to fetch", "NetworkError …",
  // "Load failed"); there the usual cause is CORS, and the person can do something about it.
  if (e instanceof TypeError && /failed to fetch|networkerror|load failed/i.test(e.message)) {
    return new WorkbenchError('NETWORK_UNREACHABLE',
      `${subject} could not be reached. In VS Code for the Web the browser's CORS rules may be the cause: the server must allow this origin (Access-Control-Allow-Origin), or use desktop VS Code. Otherwise check the address and your network.`,
      { purpose, cors: true }, options);
  }
  return new WorkbenchError('NETWORK_UNREACHABLE', `${subject} could not be reached${e instanceof Error && e.message ? ` (${clip(e.message, 120)})` : ''}.`, { purpose }, options);
}

/** A glimpse of a body that is not JSON: an HTML page's `<title>`, else its first 200 characters. */
function describeBody(text: string, contentType: string | null): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  if (title !== undefined && title.trim() !== '') return `an HTML page titled "${clip(collapse(title), 200)}"`;
  // A token endpoint may answer form-encoded (GitHub does without Accept: application/json): never echo a token.
  if (/(access|refresh|id)_token/i.test(text) || /eyJ[\w-]{4,}\.[\w-]{4,}/.test(text)) {
    return `${contentType ?? 'no content type'}, not shown because it names a token`;
  }
  const start = collapse(text);
  return `${contentType ? `${contentType}: ` : ''}"${clip(start, 200)}"`;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function sizeText(n: number): string {
  return n >= 1_048_576 && n % 1_048_576 === 0 ? `${n / 1_048_576} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}
