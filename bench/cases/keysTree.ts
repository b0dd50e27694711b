/**
 * `keysTree` case: drawing the Keys view — the tree's getChildren (the root rows, and the certificate
 * row of each key that has one) and what getTreeItem shows for each row — with 500 stored keys vs 50.
 * Both sides draw 500 rows (500 keys once, 50 keys ten times), so the ratio is the per-key cost of a
 * large store against a small one: target ≤ 1.2. Rows come from the public facts the store keeps in
 * memory; a draw must read no secret (checked: the case fails if one is read).
 * The vscode-bound TreeItem wrapping is left out (plain Node has no `vscode`); it is constant per row.
 */
import { generateKey, type KeyMaterial } from '../../src/core';
import { createSelfSignedCertificate } from '../../src/core/certificates';
import { KeyStore, type FactsStore, type SecretStore } from '../../src/keys/keyStore';
import { childNodes, describeNode, rootNodes } from '../../src/keys/keyTreeModel';
import { compare, type BenchResult } from '../lib';

/** In-memory SecretStorage and globalState, counting secret reads. */
function storage(): { secrets: SecretStore; state: FactsStore; reads: () => number } {
  const data = new Map<string, string>();
  const values = new Map<string, unknown>();
  let reads = 0;
  const secrets: SecretStore = {
    get: async key => {
      reads++;
      return data.get(key);
    },
    store: async (key, value) => {
      data.set(key, value);
    },
    delete: async key => {
      data.delete(key);
    },
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const state = {
    get: (key: string) => values.get(key),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  } as FactsStore;
  return { secrets, state, reads: () => reads };
}

/** A store of `n` EC keys, every tenth with a certificate, opened afresh (as a new window would). */
async function storeOf(keys: readonly KeyMaterial[]): Promise<{ store: KeyStore; reads: () => number }> {
  const s = storage();
  const writer = new KeyStore(s.secrets, s.state);
  await writer.add(keys);
  writer.dispose();
  const store = new KeyStore(s.secrets, s.state);
  await store.settled();
  return { store, reads: s.reads };
}

/** What the tree does to draw every row: getChildren at the root and below each key, and each row's view. */
async function draw(store: KeyStore, now: Date): Promise<number> {
  let rows = 0;
  for (const node of rootNodes(await store.list())) {
    rows += describeNode(node, now).label.length > 0 ? 1 : 0;
    for (const child of childNodes(node)) rows += describeNode(child, now).label.length > 0 ? 1 : 0;
  }
  return rows;
}

export async function keysTreeCase(): Promise<BenchResult[]> {
  const keys: KeyMaterial[] = [];
  for (let i = 0; i < 500; i++) {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    keys.push({ ...key, label: `key ${String(i).padStart(3, '0')}`, ...(i % 10 === 0 ? { certificatePem: await createSelfSignedCertificate(key, { subject: `CN=key ${i}` }) } : {}) });
  }
  const large = await storeOf(keys);
  const small = await storeOf(keys.slice(0, 50));
  const now = new Date();
  const readsBefore = large.reads() + small.reads();
  const result = await compare(
    'Keys tree getChildren + rows, 500 keys (per key)',
    () => draw(large.store, now),
    '50 keys drawn 10 times (per key)',
    async () => {
      for (let i = 0; i < 10; i++) await draw(small.store, now);
    },
    { target: 1.2 },
  );
  const secretReads = large.reads() + small.reads() - readsBefore;
  if (secretReads > 0) throw new Error(`drawing the tree read ${secretReads} secrets: it must draw from the public facts alone`);
  large.store.dispose();
  small.store.dispose();
  return [result];
}
