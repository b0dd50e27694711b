/**
 * From whatever the user gave as a key to a key jose can use, once: a {@link KeyResolver} reads the input (the
 * one reader), chooses the key (the one chooser), checks it fits, imports it, and keeps what it imported so
 * that signing or verifying again costs what jose alone costs. The cache is the resolver's own state, keyed
 * by the key's full content: a key edited in place is a new entry, never its old self. Keys and secrets are
 * never logged and never appear in an error message.
 */
import { base64url, importJWK } from 'jose';
import type { JWK } from 'jose';
import { WorkbenchError, isWorkbenchError } from '../errors';
import type { KeyInput } from '../types';
import { assertKeyFits } from '../algorithms';
import { KEY_MEMBERS, PUBLIC_MEMBERS, keyParams } from './jwk';
import { readKeys } from './read';
import type { KeyCandidates, KeyLookup, KeyReadOptions } from './read';
import { chooseOneKey } from './select';
import type { KeyPurpose } from './select';

/** A key ready for jose: a CryptoKey, or bytes for AES key wrap, `dir` and PBES2 passwords. */
export type JoseKey = CryptoKey | Uint8Array;

/** How a {@link KeyResolver} reads inputs: secret encoding and passphrase, per call. */
export type ResolveOptions = Omit<KeyReadOptions, 'lookup' | 'allowSecret'>;

/** What a {@link KeyResolver} is made with. */
export interface KeyResolverOptions {
  /** Finds stored keys named by `{ ref }` (the key store supplies it). */
  lookup?: KeyLookup;
  /** Imported keys kept (least recently used go first); default 64. */
  maxEntries?: number;
}

/** A small LRU whose entries remember the kids they hold, so that {@link KeyResolver.forget} can find them. */
class Lru<V> {
  private readonly map = new Map<string, { value: V; kids: Set<string> }>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    // Re-inserting keeps the recently used entries last in the Map's order.
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, kids: Iterable<string> = []): void {
    this.map.delete(key);
    this.map.set(key, { value, kids: new Set(kids) });
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }

  tag(key: string, kids: Iterable<string>): void {
    const entry = this.map.get(key);
    if (entry) for (const kid of kids) entry.kids.add(kid);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  forget(kid?: string): void {
    if (kid === undefined) return this.map.clear();
    for (const [key, entry] of this.map) if (entry.kids.has(kid)) this.map.delete(key);
  }
}

/**
 * Reads, chooses and imports keys for the engine's operations, and remembers what it imported. The extension
 * makes one (with its key store's lookup) and calls {@link forget} when keys change; tests and one-off
 * callers make their own. Sign, verify, encrypt and decrypt take it as `resolver` in their options.
 * @example
 * const keys = new KeyResolver({ lookup: ref => store.findKey(ref) });
 * await signToken({ header: { alg: 'ES256' }, payload, key: { ref: id }, resolver: keys });
 * keys.forget(kid); // after the stored key changed or was deleted
 */
export class KeyResolver {
  /** String inputs already read (PEM parsing is slow), by their full text. */
  private readonly reads: Lru<Promise<KeyCandidates>>;
  /** Imported keys, by purpose and the key's full content. */
  private readonly imports: Lru<Promise<JoseKey>>;

  constructor(private readonly options: KeyResolverOptions = {}) {
    const max = options.maxEntries ?? 64;
    this.reads = new Lru(max);
    this.imports = new Lru(max);
  }

  /** The candidate keys of `input` (see `readKeys`); text inputs are read once. */
  read(input: KeyInput, options: ResolveOptions = {}): Promise<KeyCandidates> {
    const readOptions: KeyReadOptions = { ...options, ...(this.options.lookup ? { lookup: this.options.lookup } : {}) };
    if (typeof input !== 'string') return readKeys(input, readOptions);
    const cacheKey = `${options.passphrase ?? ''}\u0000${options.secretEncoding ?? 'utf8'}\u0000${input}`;
    let found = this.reads.get(cacheKey);
    if (!found) {
      found = readKeys(input, readOptions);
      this.reads.set(cacheKey, found);
      found.then(read => this.reads.tag(cacheKey, kidsOf(read.keys)), () => this.reads.delete(cacheKey));
    }
    return found;
  }

  /**
   * One JWK as a jose key for `purpose`, checked for fit first: verify and encrypt use only the public part
   * of a key pair.
   * @throws WorkbenchError `KEY_ALG_MISMATCH`, `KEY_NOT_PRIVATE`, `KEY_TOO_WEAK`, `KEY_FORMAT`, `ALG_UNSUPPORTED`.
   */
  importFor(jwk: JWK, purpose: KeyPurpose): Promise<JoseKey> {
    const publicOnly = (purpose.use === 'verify' || purpose.use === 'encrypt') && jwk.kty !== 'oct';
    const cacheKey = cacheKeyOf(jwk, purpose, publicOnly);
    let key = this.imports.get(cacheKey);
    if (!key) {
      key = importChecked(jwk, purpose, publicOnly);
      this.imports.set(cacheKey, key, kidsOf([jwk]));
      key.catch(() => this.imports.delete(cacheKey));
    }
    return key;
  }

  /**
   * The one key for an operation, from anything the user gave (a JWK Set must then hold exactly one key that fits).
   * @throws WorkbenchError with a `KEY_*` code saying why this key cannot do this (`KEY_AMBIGUOUS` for several).
   * @example
   * const key = await new KeyResolver().resolve('my-32-byte-long-shared-secret!!!', { alg: 'HS256', use: 'sign' });
   */
  async resolve(input: KeyInput, purpose: KeyPurpose, options: ResolveOptions = {}, kid?: string): Promise<JoseKey> {
    return this.importFor(chooseOneKey(await this.read(input, options), purpose, kid), purpose);
  }

  /** Forgets what was read and imported for the key with `kid`, or everything (after keys changed or were deleted). */
  forget(kid?: string): void {
    this.reads.forget(kid);
    this.imports.forget(kid);
  }
}

function kidsOf(keys: JWK[]): string[] {
  return keys.map(k => k.kid).filter((kid): kid is string => typeof kid === 'string');
}

/**
 * The cache key: purpose, the key's own `alg`, `use` and `key_ops` (checked on import, so a key marked
 * otherwise must not hit an entry imported without the mark) and every key-making member, in a fixed order.
 */
function cacheKeyOf(jwk: JWK, purpose: KeyPurpose, publicOnly: boolean): string {
  const ops = Array.isArray(jwk.key_ops) ? jwk.key_ops.join(',') : String(jwk.key_ops ?? '');
  let s = `${purpose.use}|${purpose.alg}|${purpose.enc ?? ''}|${String(jwk.use ?? '')}|${ops}`;
  const members = publicOnly ? PUBLIC_MEMBERS : KEY_MEMBERS;
  for (const m of members) {
    const v: unknown = jwk[m];
    if (v !== undefined) s += `|${m}=${typeof v === 'string' ? v : `<${typeof v}>`}`;
  }
  return s;
}

async function importChecked(jwk: JWK, purpose: KeyPurpose, publicOnly: boolean): Promise<JoseKey> {
  const { alg, use } = purpose;
  try {
    assertKeyFits(jwk, alg, use, purpose.enc);
    const params = keyParams(jwk, publicOnly ? 'public' : 'private');
    const hmac = /^HS(256|384|512)$/.exec(alg);
    if (hmac) {
      // jose re-imports raw HMAC bytes on every call; a CryptoKey made once keeps repeated calls cheap.
      return await crypto.subtle.importKey('raw', base64url.decode(String(params.k)) as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: `SHA-${hmac[1]}` }, false, [use]);
    }
    if (params.kty === 'oct') return base64url.decode(String(params.k));
    return await importJWK(params, alg);
  } catch (e) {
    if (isWorkbenchError(e)) throw e;
    // jose's and WebCrypto's messages name what is wrong with the values, never the values themselves.
    throw new WorkbenchError('KEY_FORMAT',
      `The ${jwk.kty === 'oct' ? 'secret' : 'key'} could not be loaded for ${alg}: ${describeCause(e)}.`, { alg }, { cause: e });
  }
}

function describeCause(e: unknown): string {
  const text = e instanceof Error && e.message ? e.message : 'it is not a valid key';
  return text.replace(/\.$/, '');
}
