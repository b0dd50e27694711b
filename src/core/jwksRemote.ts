/**
 * Keys from the network, for verifying: a JWKS URL, or an issuer whose OpenID configuration names its
 * `jwks_uri`. Only URLs a person typed: there is deliberately no way to follow a token's own `jku` or `x5u`
 * (that would let the token choose the key that verifies it). Every fetch goes through {@link requestJson},
 * so the https-only, no-redirect, timeout and size rules hold here too.
 */
import { WorkbenchError } from './errors';
import { JWKS_TIMEOUT_MS, requestJson, shownUrl, urlProblem } from './http';
import type { FetchLike } from './http';
import type { JWKSet } from './types';

/** Options of {@link fetchJwks} and {@link discoverJwks}. */
export interface RemoteKeyOptions {
  fetch: FetchLike;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Default 1 MB. */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** A JWK Set read from a URL. */
export interface RemoteJwks {
  jwks: JWKSet;
  /** The URL it was read from. */
  url: string;
  durationMs: number;
}

/** What {@link discoverJwks} found. */
export interface DiscoveredJwks extends RemoteJwks {
  /** The `issuer` of the configuration (equal to the one asked for). */
  issuer: string;
  /** Where the configuration was read. */
  configurationUrl: string;
}

const WELL_KNOWN = '/.well-known/openid-configuration';

/**
 * Fetches a JWK Set and checks that it is one: an object with a `keys` array of JWKs, each with a `kty`.
 * @throws WorkbenchError the network codes of {@link requestJson}; `NETWORK_RESPONSE` when the JSON is not a JWK Set.
 * @example const { jwks } = await fetchJwks('https://www.googleapis.com/oauth2/v3/certs', { fetch });
 */
export async function fetchJwks(url: string, options: RemoteKeyOptions): Promise<RemoteJwks> {
  const response = await requestJson({ ...requestOptions(options), url, purpose: 'JWKS URL' });
  return { jwks: asJwkSet(response.json, shownUrl(url)), url, durationMs: response.durationMs };
}

/**
 * Reads `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery 1.0 §4), checks that its
 * `issuer` is the one asked for (§4.3), and fetches its `jwks_uri` under the same URL rules. The full
 * configuration URL is accepted too.
 * @throws WorkbenchError the network codes of {@link requestJson}; `NETWORK_RESPONSE` for a configuration
 *   that is not one, names another issuer or has no `jwks_uri`; `NETWORK_INSECURE` for a `jwks_uri` that is not https.
 * @example const { jwks, issuer } = await discoverJwks('https://accounts.google.com', { fetch });
 */
export async function discoverJwks(issuerUrl: string, options: RemoteKeyOptions): Promise<DiscoveredJwks> {
  const typed = issuerUrl.trim();
  const issuer = typed.endsWith(WELL_KNOWN) ? typed.slice(0, -WELL_KNOWN.length) : typed;
  const configurationUrl = `${issuer.replace(/\/$/, '')}${WELL_KNOWN}`;
  const response = await requestJson({ ...requestOptions(options), url: configurationUrl, purpose: 'OpenID configuration' });
  const where = `The OpenID configuration at ${shownUrl(configurationUrl)}`;
  const config = response.json;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new WorkbenchError('NETWORK_RESPONSE', `${where} is not a JSON object.`);
  }
  const named = 'issuer' in config ? config.issuer : undefined;
  if (typeof named !== 'string') {
    throw new WorkbenchError('NETWORK_RESPONSE', `${where} has no "issuer": it is not an OpenID configuration.`);
  }
  // §4.3: the issuer must be identical to the URL the configuration was retrieved for. A trailing "/" typed
  // or left out is forgiven; anything else means keys for someone else.
  if (named.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) {
    throw new WorkbenchError('NETWORK_RESPONSE',
      `${where} names the issuer "${clip(named)}", not "${clip(issuer)}": its keys belong to another issuer. Use the issuer exactly as the tokens name it in "iss".`,
      { issuer: clip(named) });
  }
  const jwksUri = 'jwks_uri' in config ? config.jwks_uri : undefined;
  if (typeof jwksUri !== 'string' || jwksUri === '') {
    throw new WorkbenchError('NETWORK_RESPONSE', `${where} has no "jwks_uri": this issuer publishes no keys to verify with.`);
  }
  const problem = urlProblem(jwksUri);
  if (problem) throw new WorkbenchError('NETWORK_INSECURE', `${where} names a jwks_uri that cannot be used: ${problem}`);
  const keys = await fetchJwks(jwksUri, options);
  return { ...keys, issuer: named, configurationUrl, durationMs: response.durationMs + keys.durationMs };
}

function requestOptions(options: RemoteKeyOptions): Omit<Parameters<typeof requestJson>[0], 'url'> {
  return {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? JWKS_TIMEOUT_MS,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/** The JSON as a JWK Set, or a sentence naming the first thing that makes it none. */
function asJwkSet(json: unknown, url: string): JWKSet {
  const where = `The JWKS URL ${url}`;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !('keys' in json)) {
    const single = typeof json === 'object' && json !== null && 'kty' in json;
    throw new WorkbenchError('NETWORK_RESPONSE', single
      ? `${where} returned a single JWK, not a JWK Set ({"keys": [...]}).`
      : `${where} did not return a JWK Set: the JSON has no "keys" array.`);
  }
  const keys: unknown = json.keys;
  if (!Array.isArray(keys)) throw new WorkbenchError('NETWORK_RESPONSE', `${where} returned "keys" that is not an array.`);
  if (keys.length === 0) throw new WorkbenchError('NETWORK_RESPONSE', `${where} returned a JWK Set with no keys.`);
  keys.forEach((key: unknown, i) => {
    const n = i + 1;
    if (typeof key !== 'object' || key === null || Array.isArray(key)) {
      throw new WorkbenchError('NETWORK_RESPONSE', `${where} returned a JWK Set whose key ${n} is not a JSON object.`);
    }
    if (!('kty' in key) || typeof key.kty !== 'string' || key.kty === '') {
      throw new WorkbenchError('NETWORK_RESPONSE', `${where} returned a JWK Set whose key ${n} has no "kty".`);
    }
  });
  return { keys } as JWKSet;
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}
