/**
 * The one key store every surface uses (Keys view, sign/verify panel, connected-app profiles).
 *
 * - Private material lives only in SecretStorage, one entry per key (`jwtWorkbench.key.<id>`), so a
 *   write to one key never rewrites another; the list of ids is one more entry (`jwtWorkbench.keys.index`).
 * - Public facts (label, kid, type, certificate subject and expiry) sit in globalState so the tree
 *   draws without reading a secret; they are a cache, rebuilt from the entry when missing.
 * - Nothing lost: writes go one at a time, each re-reads what it changes first; the index is read
 *   back after writing and merged again if another window wrote at the same moment; changes from
 *   other windows arrive through `SecretStorage.onDidChange`; an entry that cannot be parsed is
 *   listed as unreadable, never dropped; a failed write throws and leaves the store as it was.
 *
 * Only `import type` from vscode: the store runs in plain Node too (benchmarks, tests with a fake storage).
 */
import type * as vscode from 'vscode';
import { WorkbenchError, thumbprint, type KeyMaterial } from '../core';
import { keyTypeLabel } from '../core/keys';
import { Emitter, SerialQueue } from '../common/storeParts';
import { Disposable } from '../lifecycle';
import type { Logger } from '../log';
import {
  isKeyFacts,
  parseKeyEntry,
  type CertificateFacts,
  type KeyEntry,
  type KeyFacts,
  type StoreEntry,
  type StoredKey,
} from './keyEntry';

export const INDEX_KEY = 'jwtWorkbench.keys.index';
export const ENTRY_PREFIX = 'jwtWorkbench.key.';
export const FACTS_KEY = 'jwtWorkbench.keys.facts';

/** What changed: the ids, and the kids of the keys behind them (so the panel can match by kid). */
export interface KeyStoreChange {
  ids: string[];
  kids: string[];
}

/** The part of `vscode.SecretStorage` the store uses. */
export type SecretStore = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete' | 'onDidChange'>;
/** The part of `vscode.Memento` the store uses (globalState). */
export type FactsStore = Pick<vscode.Memento, 'get' | 'update'>;

const INDEX_ATTEMPTS = 5;

/** A number in [0, 1): spreads the retries of windows that wrote the index at the same moment. */
function jitter(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}

/** Reads the certificate facts (subject, expiry) of a PEM; certificates load lazily (@peculiar/x509 is large). */
async function certificateFacts(pem: string): Promise<CertificateFacts> {
  const certs = await import('../core/certificates');
  const info = await certs.inspectCertificate(pem);
  return { subject: info.subject, notAfter: info.notAfter.toISOString() };
}

/** Facts of `key`, computed from the key itself. */
export async function factsOf(key: KeyMaterial, id: string, created: string): Promise<KeyFacts> {
  const facts: KeyFacts = {
    id,
    label: key.label ?? key.kid,
    kid: key.kid,
    kty: key.kty,
    typeLabel: keyTypeLabel(key),
    thumbprint: await thumbprint(key),
    hasPrivate: key.privateJwk !== undefined,
    created,
  };
  if (key.alg) facts.alg = key.alg;
  if (key.use) facts.use = key.use;
  if (key.certificatePem) facts.certificate = await certificateFacts(key.certificatePem);
  return facts;
}

function writeFailed(what: string, e: unknown): WorkbenchError {
  const why = e instanceof Error && e.message ? e.message : 'the secret storage refused it';
  return new WorkbenchError('INTERNAL', `Could not ${what}: ${why}. Nothing was changed.`, undefined, { cause: e });
}

export class KeyStore extends Disposable {
  private readonly changed = this._register(new Emitter<KeyStoreChange>());
  /** Fires after any change, made here or in another window. */
  readonly onDidChange = this.changed.event;

  private entries = new Map<string, StoreEntry>();
  private loading: Promise<void> | undefined;
  /** Writes and refreshes run one at a time, in order. */
  private readonly queue = new SerialQueue();

  constructor(
    private readonly secrets: SecretStore,
    private readonly state: FactsStore,
    private readonly log?: Logger,
  ) {
    super();
    this._register(secrets.onDidChange(e => {
      if (e.key === INDEX_KEY || e.key.startsWith(ENTRY_PREFIX)) {
        void this.enqueue(() => this.refreshFrom(e.key)).catch((err: unknown) => this.log?.error('refresh after an outside change failed', err));
      }
    }));
  }

  /** Loads the list once (later calls wait for the same load). */
  ready(): Promise<void> {
    this.loading ??= this.enqueue(() => this.load());
    return this.loading;
  }

  /** Resolves once every write and refresh asked for so far has run (tests, benchmarks). */
  async settled(): Promise<void> {
    await this.ready();
    await this.queue.idle();
  }

  /** Every entry, keys by label then unreadable ones. Reads no secret once loaded. */
  async list(): Promise<StoreEntry[]> {
    await this.ready();
    return this.snapshot();
  }

  /** The entries already loaded (empty before {@link ready} resolves): what the tree draws. */
  snapshot(): StoreEntry[] {
    const all = [...this.entries.values()];
    const keys = all.filter((e): e is Extract<StoreEntry, { kind: 'key' }> => e.kind === 'key')
      .sort((a, b) => a.facts.label.localeCompare(b.facts.label) || a.facts.created.localeCompare(b.facts.created));
    return [...keys, ...all.filter(e => e.kind === 'unreadable')];
  }

  /** Facts of one key, without reading its secret. */
  facts(id: string): KeyFacts | undefined {
    const e = this.entries.get(id);
    return e?.kind === 'key' ? e.facts : undefined;
  }

  /** The key with its private part, read fresh from SecretStorage; undefined when there is none. */
  async get(id: string): Promise<StoredKey | undefined> {
    await this.ready();
    const raw = await this.secrets.get(ENTRY_PREFIX + id);
    if (raw === undefined) return undefined;
    const entry = parseKeyEntry(raw, id);
    if ('problem' in entry) throw new WorkbenchError('KEY_FORMAT', `The stored key ${id} cannot be read: ${entry.problem}.`);
    const facts = this.facts(id) ?? await factsOf(entry.key, id, entry.created);
    return { facts, key: entry.key };
  }

  /**
   * A stored key by its id, kid or RFC 7638 thumbprint — how the panel's resolver turns a `{ kid }`
   * reference into key material, so that private JWKs never travel through webview messages.
   */
  async findKey(ref: string): Promise<StoredKey | undefined> {
    await this.ready();
    if (this.entries.has(ref)) return this.get(ref);
    const facts = [...this.entries.values()].flatMap(e => (e.kind === 'key' ? [e.facts] : []));
    const hit = facts.find(f => f.kid === ref) ?? facts.find(f => f.thumbprint === ref);
    return hit ? this.get(hit.id) : undefined;
  }

  /** The raw text of an entry (for *Copy raw* on an unreadable one). */
  async raw(id: string): Promise<string | undefined> {
    return this.secrets.get(ENTRY_PREFIX + id);
  }

  /** Stores new keys, each under a new id; returns their facts. All or nothing per key. */
  add(keys: readonly KeyMaterial[], created = new Date()): Promise<KeyFacts[]> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const out: KeyFacts[] = [];
      for (const unlabelled of keys) {
        const key = unlabelled.label ? unlabelled : { ...unlabelled, label: `${keyTypeLabel(unlabelled)} ${created.toISOString().slice(0, 10)}` };
        const id = crypto.randomUUID();
        const entry: KeyEntry = { format: 'jwt-workbench-key', version: 1, id, created: created.toISOString(), key };
        const facts = await factsOf(key, id, entry.created);
        try {
          await this.secrets.store(ENTRY_PREFIX + id, JSON.stringify(entry));
        } catch (e) {
          throw writeFailed(`save the key "${facts.label}"`, e);
        }
        try {
          await this.updateIndex(ids => (ids.includes(id) ? ids : [...ids, id]), ids => ids.includes(id));
        } catch (e) {
          await Promise.resolve(this.secrets.delete(ENTRY_PREFIX + id)).catch(() => undefined);
          throw writeFailed(`add the key "${facts.label}" to the list of keys`, e);
        }
        this.entries.set(id, { kind: 'key', facts });
        await this.saveFacts();
        out.push(facts);
      }
      if (out.length > 0) this.changed.fire({ ids: out.map(f => f.id), kids: out.map(f => f.kid) });
      this.log?.info(`stored ${out.length} key(s): ${out.map(f => `${f.typeLabel} kid ${f.kid}`).join(', ')}`);
      return out;
    });
  }

  /** Gives a key a new label. */
  rename(id: string, label: string): Promise<KeyFacts> {
    const clean = label.trim();
    if (clean === '') return Promise.reject(new WorkbenchError('OPTION_INVALID', 'A key label cannot be empty.'));
    return this.rewrite(id, key => ({ ...key, label: clean }), 'rename the key');
  }

  /** Keeps `certificatePem` with the key (replacing an earlier certificate). */
  attachCertificate(id: string, certificatePem: string): Promise<KeyFacts> {
    return this.rewrite(id, key => ({ ...key, certificatePem }), 'attach the certificate');
  }

  /**
   * Removes a key (or an unreadable entry). The entry goes first: an entry that exists is a key,
   * whatever the index says (windows put back ids another window's write dropped by mistake).
   */
  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      const before = this.entries.get(id);
      if (!before && (await this.secrets.get(ENTRY_PREFIX + id)) === undefined) {
        throw new WorkbenchError('KEY_NOT_FOUND', `There is no stored key with id ${id}.`, { id });
      }
      try {
        await this.secrets.delete(ENTRY_PREFIX + id);
      } catch (e) {
        throw writeFailed('delete the key', e);
      }
      this.entries.delete(id);
      await this.updateIndex(ids => ids.filter(i => i !== id), ids => !ids.includes(id))
        // The key is gone already; a stale id in the index is dropped at the next load.
        .catch((e: unknown) => this.log?.warn(`deleted key ${id}, but the list of keys could not be updated: ${e instanceof Error ? e.message : 'unknown error'}`));
      await this.saveFacts();
      this.changed.fire({ ids: [id], kids: before?.kind === 'key' ? [before.facts.kid] : [] });
      this.log?.info(`deleted key ${id}`);
    });
  }

  private rewrite(id: string, change: (key: KeyMaterial) => KeyMaterial, what: string): Promise<KeyFacts> {
    return this.enqueue(async () => {
      await this.ensureLoaded();
      // Re-read: another window may have changed this key since it was listed here.
      const raw = await this.secrets.get(ENTRY_PREFIX + id);
      if (raw === undefined) throw new WorkbenchError('KEY_NOT_FOUND', `There is no stored key with id ${id}.`, { id });
      const entry = parseKeyEntry(raw, id);
      if ('problem' in entry) throw new WorkbenchError('KEY_FORMAT', `The stored key ${id} cannot be read: ${entry.problem}.`);
      const next: KeyEntry = { ...entry, key: change(entry.key) };
      const facts = await factsOf(next.key, id, entry.created);
      try {
        await this.secrets.store(ENTRY_PREFIX + id, JSON.stringify(next));
      } catch (e) {
        throw writeFailed(what, e);
      }
      this.entries.set(id, { kind: 'key', facts });
      await this.saveFacts();
      this.changed.fire({ ids: [id], kids: [facts.kid] });
      return facts;
    });
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    return this.queue.run(op);
  }

  /** Inside the queue: the load, when nothing asked for it yet. */
  private async ensureLoaded(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load();
      await this.loading;
    }
  }

  private async readIndex(): Promise<string[]> {
    const raw = await this.secrets.get(INDEX_KEY);
    if (raw === undefined) return [];
    try {
      const value: unknown = JSON.parse(raw);
      if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    } catch {
      /* reported below */
    }
    // The ids are also in globalState's facts: the load merges them back, so no key is lost.
    this.log?.warn('the list of stored keys is damaged; rebuilding it from the keys this window knows');
    return [];
  }

  /**
   * Applies `change` to the index as stored now, writes it, reads it back and checks `done`: another
   * window writing at the same moment would otherwise undo this change.
   */
  private async updateIndex(change: (ids: string[]) => string[], done: (ids: string[]) => boolean): Promise<void> {
    for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
      const next = change(await this.readIndex());
      await this.secrets.store(INDEX_KEY, JSON.stringify(next));
      if (done(await this.readIndex())) return;
      await new Promise(r => setTimeout(r, 10 + jitter() * 40 * (attempt + 1)));
    }
    throw new Error('another window kept changing the list of keys');
  }

  private async load(): Promise<void> {
    const index = await this.readIndex();
    const cached = this.state.get<Record<string, unknown>>(FACTS_KEY) ?? {};
    // Ids only the facts know about (a damaged index, an interrupted write) are checked too.
    const ids = [...new Set([...index, ...Object.keys(cached)])];
    const entries = new Map<string, StoreEntry>();
    const unknown: string[] = [];
    for (const id of ids) {
      const facts = cached[id];
      if (index.includes(id) && isKeyFacts(facts, id)) entries.set(id, { kind: 'key', facts });
      else unknown.push(id);
    }
    const read = await Promise.all(unknown.map(id => this.readEntry(id)));
    read.forEach((entry, i) => {
      const id = unknown[i];
      if (id !== undefined && entry) entries.set(id, entry);
    });
    this.entries = entries;
    const listed = [...entries.keys()];
    if (listed.length !== index.length || listed.some(id => !index.includes(id))) {
      // Merged with what is stored now: ids another window added since the read above stay.
      const keep = (ids: string[]): string[] => [...new Set([...ids.filter(id => entries.has(id) || !index.includes(id)), ...listed])];
      await this.updateIndex(keep, ids => listed.every(id => ids.includes(id))).catch((e: unknown) => this.log?.error('could not repair the list of keys', e));
    }
    await this.saveFacts();
    this.log?.info(`loaded ${entries.size} stored key(s)`);
    // Facts came from the cache: check each entry still reads, in the background (unreadable ones show up).
    void this.enqueue(() => this.verify(listed.filter(id => !unknown.includes(id))))
      .catch((e: unknown) => this.log?.error('checking the stored keys failed', e));
  }

  /** Reads entry `id`: a key, an unreadable entry, or undefined when there is no entry at all (deleted). */
  private async readEntry(id: string): Promise<StoreEntry | undefined> {
    const raw = await this.secrets.get(ENTRY_PREFIX + id);
    if (raw === undefined) return undefined;
    const entry = parseKeyEntry(raw, id);
    if ('problem' in entry) return { kind: 'unreadable', entry: { id, reason: entry.problem } };
    try {
      return { kind: 'key', facts: await factsOf(entry.key, id, entry.created) };
    } catch (e) {
      return { kind: 'unreadable', entry: { id, reason: e instanceof Error ? e.message : 'the key cannot be read' } };
    }
  }

  private async verify(ids: string[]): Promise<void> {
    const changedIds: string[] = [];
    const kids: string[] = [];
    await Promise.all(ids.map(async id => {
      const before = this.entries.get(id);
      if (!before) return;
      const now = await this.readEntry(id);
      if (!now) this.entries.delete(id);
      else if (now.kind === 'unreadable' || JSON.stringify(now) !== JSON.stringify(before)) this.entries.set(id, now);
      else return;
      changedIds.push(id);
      if (before.kind === 'key') kids.push(before.facts.kid);
    }));
    if (changedIds.length > 0) {
      await this.saveFacts();
      this.changed.fire({ ids: changedIds, kids });
    }
  }

  /** After SecretStorage says `key` changed (here or in another window): bring the list up to date. */
  private async refreshFrom(key: string): Promise<void> {
    if (!this.loading) return; // nothing shown yet: the first load reads everything
    await this.loading;
    if (key === INDEX_KEY) {
      const index = await this.readIndex();
      const added = index.filter(id => !this.entries.has(id));
      const removed: string[] = [];
      const dropped: string[] = [];
      for (const id of [...this.entries.keys()].filter(i => !index.includes(i))) {
        // Deleted (its entry is gone), or dropped by another window writing an index it read before our add.
        if ((await this.secrets.get(ENTRY_PREFIX + id)) === undefined) removed.push(id);
        else dropped.push(id);
      }
      if (dropped.length > 0) {
        await this.updateIndex(ids => [...new Set([...ids, ...dropped])], ids => dropped.every(id => ids.includes(id)))
          .catch((e: unknown) => this.log?.error('could not put keys back in the list of keys', e));
      }
      if (added.length === 0 && removed.length === 0) return;
      const kids: string[] = [];
      for (const id of removed) {
        const e = this.entries.get(id);
        if (e?.kind === 'key') kids.push(e.facts.kid);
        this.entries.delete(id);
      }
      for (const id of added) {
        const entry = await this.readEntry(id);
        if (!entry) continue;
        this.entries.set(id, entry);
        if (entry.kind === 'key') kids.push(entry.facts.kid);
      }
      await this.saveFacts();
      this.changed.fire({ ids: [...added, ...removed], kids });
      return;
    }
    const id = key.slice(ENTRY_PREFIX.length);
    if (!this.entries.has(id)) return; // a key being added: the index change brings it
    await this.verify([id]);
  }

  private async saveFacts(): Promise<void> {
    const facts: Record<string, KeyFacts> = {};
    for (const [id, e] of this.entries) if (e.kind === 'key') facts[id] = e.facts;
    try {
      await this.state.update(FACTS_KEY, facts);
    } catch (e) {
      // Only a cache: the entries in SecretStorage are what counts.
      this.log?.warn(`could not cache the key list in globalState: ${e instanceof Error ? e.message : 'unknown error'}`);
    }
  }
}
