/**
 * What the panel's requests do, on the engine: verify, sign, encrypt, decrypt, and what a key can do. No
 * `vscode` here (the host and the automation commands share it, unit tests call it directly). Keys reach the
 * engine as the webview named them: a stored key by `{ ref }` through the one {@link KeyResolver}, pasted text
 * as it is, a URL through {@link RemoteKeys} (the extension host's fetch, only the URL the person typed;
 * never a token's `jku` or `x5u`), cached for the life of the panel and refreshed on request.
 */
import type { JWK } from 'jose';
import {
  JWE_CONTENT_ALGORITHMS,
  JWE_KEY_ALGORITHMS,
  WorkbenchError,
  decodeToken,
  decryptToken,
  encryptToken,
  jwsAlgorithmsForKey,
  signToken,
  verifyToken,
  type JWKSet,
  type KeyInput,
  type KeyResolver,
  type VerifyOptions,
  type VerifyResult,
} from '../core';
import { describeKeyType, keyFits } from '../core/algorithms';
import { claimChecks } from './claimChecks';
import type {
  DecryptParams, DecryptReply, EncryptParams, KeyInfo, KeySource, Requests, SignParams, VerifyParams, VerifyReply,
} from './protocol';

/** Reads the JWK Set behind a JWKS URL, or behind an issuer's OpenID configuration. */
export type RemoteKeys = (source: { kind: 'jwksUrl' | 'issuer'; url: string }) => Promise<{ jwks: JWKSet; url: string }>;

/** A key ready for the engine, and how to read it. */
interface ResolvedKey {
  input: KeyInput;
  secretEncoding?: VerifyOptions['secretEncoding'];
  passphrase?: string;
  /** Where it came from, for descriptions ("the JWKS at https://…"). */
  from?: string;
}

export class PanelActions {
  /** JWK Sets fetched by this panel, by kind and URL: kept for its life, replaced on refresh. */
  private readonly remote = new Map<string, Promise<{ jwks: JWKSet; url: string }>>();

  constructor(
    private readonly resolver: KeyResolver,
    private readonly remoteKeys: RemoteKeys | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs one request by its method name (the panel host's dispatcher). */
  run<M extends keyof Requests>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']>;
  run(method: keyof Requests, params: unknown): Promise<unknown> {
    switch (method) {
      case 'verify': return this.verify(params as VerifyParams);
      case 'sign': return this.sign(params as SignParams);
      case 'encrypt': return this.encrypt(params as EncryptParams);
      case 'decrypt': return this.decrypt(params as DecryptParams);
      case 'keyInfo': {
        const p = params as Requests['keyInfo']['params'];
        return this.keyInfo(p.key, p.refresh === true);
      }
    }
  }

  async verify(params: VerifyParams): Promise<VerifyReply> {
    return (await this.verifyWithResult(params)).reply;
  }

  /** The panel's reply and, once the key could be read, the engine's own result (no key material in either). */
  async verifyWithResult(params: VerifyParams): Promise<{ reply: VerifyReply; result?: VerifyResult }> {
    let algorithms = params.algorithms;
    let key: ResolvedKey;
    try {
      key = await this.resolve(params.key);
      if (algorithms.length === 0) algorithms = (await this.keyInfo(params.key)).jws;
    } catch (e) {
      return { reply: { valid: false, ...failure(e), checks: [], algorithms } };
    }
    const now = params.asOf !== undefined ? new Date(params.asOf) : this.now();
    const options: VerifyOptions = {
      algorithms,
      resolver: this.resolver,
      currentDate: now,
      ...(key.secretEncoding ? { secretEncoding: key.secretEncoding } : {}),
      ...(params.issuer !== undefined ? { issuer: params.issuer } : {}),
      ...(params.audience !== undefined ? { audience: params.audience } : {}),
      ...(params.clockTolerance !== undefined ? { clockTolerance: params.clockTolerance } : {}),
      ...(params.requiredClaims !== undefined ? { requiredClaims: params.requiredClaims } : {}),
    };
    const result = await verifyToken(params.token, key.input, options);
    let payload: unknown;
    try {
      const decoded = decodeToken(params.token.trim().replace(/^bearer\s+/i, ''));
      payload = decoded.kind === 'jws' ? decoded.payload : undefined;
    } catch {
      payload = undefined; // the engine's reason already says what is wrong with the token
    }
    const checks = claimChecks(payload, {
      now: Number.isNaN(now.getTime()) ? this.now() : now,
      ...(params.issuer !== undefined ? { issuer: params.issuer } : {}),
      ...(params.audience !== undefined ? { audience: params.audience } : {}),
      ...(params.clockTolerance !== undefined ? { clockTolerance: params.clockTolerance } : {}),
      ...(params.requiredClaims !== undefined ? { requiredClaims: params.requiredClaims } : {}),
    });
    if (!result.valid) return { result, reply: { valid: false, code: result.code, message: result.message, checks, algorithms } };
    const kid = result.key.kid !== undefined ? ` (kid ${result.key.kid})` : '';
    const keyUsed = `${result.key.kty} key${kid}${key.from ? ` from ${key.from}` : ''}`;
    return { result, reply: { valid: true, message: 'Signature valid', checks, algorithms, keyUsed } };
  }

  async sign(params: SignParams): Promise<{ token: string }> {
    if (params.key.kind === 'jwksUrl' || params.key.kind === 'issuer') {
      throw new WorkbenchError('KEY_NOT_PRIVATE', 'Keys from a JWKS URL or an issuer are public keys: they verify tokens but cannot sign them. Choose a stored key or paste a private key or secret.');
    }
    const key = await this.resolve(params.key);
    const token = await signToken({
      header: params.header,
      payload: params.payload,
      key: key.input,
      resolver: this.resolver,
      ...(key.secretEncoding ? { secretEncoding: key.secretEncoding } : {}),
      ...(key.passphrase ? { passphrase: key.passphrase } : {}),
    });
    return { token };
  }

  async encrypt(params: EncryptParams): Promise<{ token: string }> {
    const key = await this.resolve(params.key);
    const token = await encryptToken(params.plaintext, key.input, {
      alg: params.alg,
      enc: params.enc,
      resolver: this.resolver,
      ...(params.cty ? { header: { cty: params.cty } } : {}),
      ...(key.secretEncoding ? { secretEncoding: key.secretEncoding } : {}),
    });
    return { token };
  }

  async decrypt(params: DecryptParams): Promise<DecryptReply> {
    if (params.key.kind === 'jwksUrl' || params.key.kind === 'issuer') {
      throw new WorkbenchError('KEY_NOT_PRIVATE', 'Keys from a JWKS URL or an issuer are public keys: decrypting needs the private key or the shared secret.');
    }
    const key = await this.resolve(params.key);
    const result = await decryptToken(params.token, key.input, {
      resolver: this.resolver,
      ...(key.secretEncoding ? { secretEncoding: key.secretEncoding } : {}),
      ...(key.passphrase ? { passphrase: key.passphrase } : {}),
    });
    const nested = result.nested ? result.plaintext.trim() : undefined;
    return { header: result.header, plaintext: result.plaintext, ...(nested ? { nested } : {}) };
  }

  /** What the key can do: the algorithms the pickers offer, and the key in words. */
  async keyInfo(source: KeySource, refresh = false): Promise<KeyInfo> {
    const key = await this.resolve(source, refresh);
    const read = await this.resolver.read(key.input, {
      ...(key.secretEncoding ? { secretEncoding: key.secretEncoding } : {}),
      ...(key.passphrase ? { passphrase: key.passphrase } : {}),
    });
    const keys = read.keys;
    const jws = union(keys.map(k => jwsAlgorithmsForKey(k)));
    const jweKey = JWE_KEY_ALGORITHMS.filter(alg => alg !== 'dir' && keys.some(k => fitsJwe(k, alg)));
    const dirContent = JWE_CONTENT_ALGORITHMS.filter(enc => keys.some(k => keyFits(k, 'dir', 'encrypt', enc)));
    const jwe = dirContent.length > 0 ? ['dir', ...jweKey] : jweKey;
    return { description: describe(keys, read.material?.label, key.from), jws, jweKey: jwe, jweContent: [...JWE_CONTENT_ALGORITHMS] };
  }

  /** The engine input for a key source; URL sources are fetched once per panel unless `refresh`. */
  private async resolve(source: KeySource, refresh = false): Promise<ResolvedKey> {
    switch (source.kind) {
      case 'stored':
        return { input: { ref: source.ref } };
      case 'pasted': {
        if (source.text.trim() === '') throw new WorkbenchError('KEY_NOT_FOUND', 'No key was given: paste a secret, a PEM key or certificate, a JWK or a JWKS.');
        return { input: source.text, secretEncoding: source.encoding, ...(source.passphrase ? { passphrase: source.passphrase } : {}) };
      }
      case 'jwksUrl':
      case 'issuer': {
        const url = source.url.trim();
        if (url === '') {
          throw new WorkbenchError('OPTION_INVALID', source.kind === 'issuer' ? 'No issuer URL was given: type the issuer, e.g. https://accounts.google.com.' : 'No JWKS URL was given: type the URL of a JWK Set.');
        }
        if (!this.remoteKeys) throw new WorkbenchError('NETWORK_UNREACHABLE', 'Fetching keys from a URL is not available here.');
        const cacheKey = `${source.kind} ${url}`;
        let fetched = refresh ? undefined : this.remote.get(cacheKey);
        if (!fetched) {
          fetched = this.remoteKeys({ kind: source.kind, url });
          this.remote.set(cacheKey, fetched);
          fetched.catch(() => this.remote.delete(cacheKey));
        }
        const { jwks, url: from } = await fetched;
        return { input: jwks, from: `the JWKS at ${from}` };
      }
    }
  }
}

function fitsJwe(k: JWK, alg: string): boolean {
  return keyFits(k, alg, 'encrypt') || keyFits(k, alg, 'decrypt');
}

function union(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

function describe(keys: JWK[], label: string | undefined, from: string | undefined): string {
  if (from) return `${keys.length} key${keys.length === 1 ? '' : 's'} from ${from}`;
  const [only] = keys;
  if (keys.length === 1 && only) {
    const kind = describeKeyType(only).replace(/^an? /, '');
    return label ? `${label} (${kind})` : kind;
  }
  return `a JWK Set of ${keys.length} keys`;
}

/** A thrown value as the code and sentence the panel shows (never a stack). */
export function failure(e: unknown): { code: string; message: string } {
  if (e instanceof WorkbenchError) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error && e.message ? e.message : 'Unexpected error (no details available).' };
}
