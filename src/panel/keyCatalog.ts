/**
 * What the panel needs from the key store: a list of facts for the picker (never material), the key behind a
 * reference for the resolver, and a change event (so the picker follows and the resolver forgets). The Keys
 * store satisfies it through {@link catalogFromStore}; without a store the catalog is empty and pasted keys
 * still work.
 */
import type { KeyMaterial } from '../core';
import type { KeySummary } from './protocol';

export interface Subscription {
  dispose(): unknown;
}

export interface KeyCatalog {
  list(): Promise<KeySummary[]>;
  find(ref: string): Promise<KeyMaterial | undefined>;
  /** Fires with the kids of the keys that changed. */
  onDidChange(listener: (kids: string[]) => unknown): Subscription;
}

export const EMPTY_CATALOG: KeyCatalog = {
  list: () => Promise.resolve([]),
  find: () => Promise.resolve(undefined),
  onDidChange: () => ({ dispose: () => undefined }),
};

/** The part of the Keys store the panel uses (its `KeyStore` has these members). */
export interface KeyStoreLike {
  list(): Promise<ReadonlyArray<{ kind: 'key'; facts: StoreFacts } | { kind: 'unreadable' }>>;
  findKey(ref: string): Promise<{ key: KeyMaterial } | undefined>;
  onDidChange(listener: (e: { kids: string[] }) => unknown): Subscription;
}

interface StoreFacts {
  id: string;
  label: string;
  kid: string;
  typeLabel: string;
  hasPrivate: boolean;
}

/** A catalog over the Keys store. */
export function catalogFromStore(store: KeyStoreLike): KeyCatalog {
  return {
    list: async () => (await store.list()).flatMap(e => e.kind === 'key'
      ? [{ ref: e.facts.id, label: e.facts.label, kind: e.facts.typeLabel, kid: e.facts.kid, hasPrivate: e.facts.hasPrivate }]
      : []),
    find: async ref => (await store.findKey(ref))?.key,
    onDidChange: listener => store.onDidChange(e => listener(e.kids)),
  };
}
