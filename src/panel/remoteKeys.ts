/**
 * JWKS URLs and issuers for the panel and *Verify Token…*: the engine's guarded fetchers (https only but
 * for loopback, no redirects, 10 s, 1 MB, each failure named) with the extension host's own `fetch`. Only
 * URLs a person typed reach here; a token's `jku` or `x5u` never does.
 */
import { discoverJwks, fetchJwks, type FetchLike } from '../core';
import type { RemoteKeys } from './panelActions';

/** Remote keys over `fetch` (the host's global one by default; tests may pass their own). */
export function remoteKeysWith(fetchFn: FetchLike = (url, init) => fetch(url, init)): RemoteKeys {
  return async ({ kind, url }) => {
    const found = kind === 'issuer' ? await discoverJwks(url, { fetch: fetchFn }) : await fetchJwks(url, { fetch: fetchFn });
    return { jwks: found.jwks, url: found.url };
  };
}
