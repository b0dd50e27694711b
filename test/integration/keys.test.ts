/**
 * The Keys surface in a real extension host: every command through its argument object (no prompt),
 * against the extension's own store in VS Code's SecretStorage; the store's rules (concurrent writers,
 * unreadable entries, failed writes, changes from another window) on store instances over a shared
 * in-memory storage; and, at the end, that no private value reached any file of the VS Code server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generateKey, thumbprint, type KeyMaterial } from '../../src/core';
import { Command } from '../../src/commands';
import { ENTRY_PREFIX, INDEX_KEY, KeyStore, type FactsStore, type SecretStore } from '../../src/keys/keyStore';
import { KeyTreeProvider } from '../../src/keys/keyTree';
import type { KeyNode } from '../../src/keys/keyTreeModel';
import { EXTENSION_ID, activated, failure, run } from './automation';

interface Listed {
  id: string;
  label?: string;
  kid?: string;
  kty?: string;
  alg?: string;
  hasPrivate?: boolean;
  thumbprint?: string;
  certificate?: { subject: string; notAfter: string };
  unreadable?: true;
}

const list = (): Promise<Listed[]> => run<Listed[]>(Command.keysList);


let fixtures = '';
const fixture = (name: string): string => path.join(fixtures, name);
const readFixture = (name: string): string => fs.readFileSync(fixture(name), 'utf8');

/** Every private value the test stored, to look for on disk at the end. */
const secretsStored: string[] = [];

function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter(l => /^[A-Za-z0-9+/]{64}$/.test(l)).slice(2, 5);
}

async function deleteAll(): Promise<void> {
  for (const k of await list()) await run(Command.keysDelete, { id: k.id });
}

describe('Keys commands with argument objects (integration)', function () {
  this.timeout(60_000);

  before(async () => {
    const ext = await activated();
    fixtures = path.join(ext.extensionUri.fsPath, 'test', 'unit', 'fixtures', 'openssl');
    await deleteAll();
  });

  it('contributes every Keys command it registers, in the JWT category', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    const contributed = new Map(manifest.contributes.commands.map(c => [c.command, c.category]));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Command).filter(c => c.startsWith('jwtWorkbench.keys.'))) {
      assert.equal(contributed.get(id), 'JWT', `${id} is contributed`);
      assert.ok(registered.has(id), `${id} is registered`);
    }
  });

  it('generates each key type, with kid = RFC 7638 thumbprint and no private material in the result', async () => {
    const types = ['RSA-2048', 'RSA-3072', 'P-256', 'P-384', 'P-521', 'Ed25519', 'HS256', 'HS384', 'HS512'] as const;
    const expected: Record<(typeof types)[number], [string, string]> = {
      'RSA-2048': ['RSA', 'RS256'], 'RSA-3072': ['RSA', 'RS256'], 'P-256': ['EC', 'ES256'], 'P-384': ['EC', 'ES384'],
      'P-521': ['EC', 'ES512'], Ed25519: ['OKP', 'EdDSA'], HS256: ['oct', 'HS256'], HS384: ['oct', 'HS384'], HS512: ['oct', 'HS512'],
    };
    for (const type of types) {
      const result = await run<Record<string, unknown>>(Command.keysGenerate, { type, label: `gen ${type}` });
      assert.deepEqual(Object.keys(result).sort(), ['id', 'kid'], `${type}: the result is { id, kid } only`);
      const row = (await list()).find(k => k.id === result.id);
      assert.ok(row, `${type} is listed`);
      assert.deepEqual([row.kty, row.alg, row.label, row.hasPrivate], [...expected[type], `gen ${type}`, true], type);
      assert.equal(row.kid, row.thumbprint, `${type}: kid is the thumbprint`);
    }
  });

  it('refuses an unknown key type with the list of types', async () => {
    const message = await failure(Command.keysGenerate, { type: 'RSA-1024' }, 'OPTION_INVALID');
    assert.match(message, /"type" must be one of "RSA-2048", .*"HS512"/);
  });

  it('imports the seed 000 key with its passphrase, attaches its certificate, and recognises the same key unencrypted', async () => {
    await deleteAll();
    const [key] = await run<{ id: string; kid: string; status: string }[]>(Command.keysImport, { path: fixture('server.pass.key'), passphrase: 'SomePassword', label: 'Salesforce' });
    assert.equal(key?.status, 'added');
    const [cert] = await run<{ id: string; status: string }[]>(Command.keysImport, { path: fixture('server.crt') });
    assert.deepEqual([cert?.id, cert?.status], [key?.id, 'certificate-attached']);
    const [again] = await run<{ id: string; status: string }[]>(Command.keysImport, { text: readFixture('server.key') });
    assert.deepEqual([again?.id, again?.status], [key?.id, 'already-stored']);
    const rows = await list();
    assert.equal(rows.length, 1, 'one key, not three');
    assert.equal(rows[0]?.certificate?.subject, 'C=US, ST=CA, L=SF, O=Acme, CN=jwt-workbench-test');
    secretsStored.push(...pemBodyLines(readFixture('server.key')));
    const info = await run<{ sha256Fingerprint: string; matchesKey: boolean }>(Command.keysShowCertificate, { id: key?.id });
    assert.equal(`sha256 Fingerprint=${info.sha256Fingerprint}`, readFixture('server.crt.sha256.txt').trim());
    assert.equal(info.matchesKey, true);
  });

  it('exports the seed certificate as it was imported, and the public key without private members', async () => {
    const [row] = await list();
    const pem = await run<string>(Command.keysExport, { id: row?.id, format: 'certificate-pem' });
    assert.equal(pem.trim(), readFixture('server.crt').trim());
    const jwk = JSON.parse(await run<string>(Command.keysExport, { id: row?.kid, format: 'public-jwk' })) as Record<string, unknown>;
    assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'e', 'kid', 'kty', 'n']);
    const jwks = JSON.parse(await run<string>(Command.keysExport, { id: row?.id, format: 'public-jwks' })) as { keys: unknown[] };
    assert.deepEqual(jwks.keys, [jwk]);
    const spki = await run<string>(Command.keysExport, { id: row?.id, format: 'public-pem' });
    assert.match(spki, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(await thumbprint(spki), row?.thumbprint);
  });

  it('asks for the passphrase of an encrypted key by code, and a wrong one fails without storing anything', async () => {
    const before = (await list()).length;
    const required = await failure(Command.keysImport, { path: fixture('server.pass.key') }, 'KEY_PASSPHRASE_REQUIRED');
    assert.match(required, /passphrase/i);
    const wrong = await failure(Command.keysImport, { path: fixture('server.pass.key'), passphrase: 'NotThePassword' }, 'KEY_PASSPHRASE_WRONG');
    assert.ok(!wrong.includes('NotThePassword'), 'the message does not repeat what was typed');
    assert.equal((await list()).length, before);
  });

  it('refuses bad input with the engine\'s message and stores nothing', async () => {
    const before = (await list()).length;
    assert.equal(await failure(Command.keysImport, { text: '{"kty": "RSA", "n": ' }, 'KEY_FORMAT'),
      'This key starts with "{" like a JWK or JWK Set, but it is not valid JSON, so it cannot be read: check its quotes and commas.');
    assert.match(await failure(Command.keysImport, { text: '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----' }, 'KEY_TRUNCATED'), /cut short or damaged/);
    await failure(Command.keysImport, { text: 'x', path: 'y' }, 'OPTION_INVALID');
    await failure(Command.keysImport, { path: fixture('no-such-file.pem') }, 'OPTION_INVALID');
    assert.equal((await list()).length, before);
  });

  it('imports each key of a JWK Set, and private JWKs it was given', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const jwks = JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'keys', 'jwks.json'), 'utf8')) as { keys: unknown[] };
    const results = await run<{ status: string }[]>(Command.keysImport, { path: 'keys/jwks.json' });
    assert.equal(results.length, jwks.keys.length);
    assert.ok(results.every(r => r.status === 'added'));
    // Keys whose private values this test knows, to look for on disk at the end.
    const ec = await generateKey({ kty: 'EC', crv: 'P-384' });
    const hmac = await generateKey({ kty: 'oct', bits: 256 });
    await run(Command.keysImport, { text: JSON.stringify(ec.privateJwk), label: 'known EC' });
    await run(Command.keysImport, { text: JSON.stringify(hmac.privateJwk), label: 'known HMAC' });
    secretsStored.push(String(ec.privateJwk?.d), String(hmac.privateJwk?.k));
  });

  it('creates a self-signed certificate and a CSR, and shows the certificate', async () => {
    const { id } = await run<{ id: string }>(Command.keysGenerate, { type: 'P-256', label: 'Cert Test' });
    const { certificatePem } = await run<{ certificatePem: string }>(Command.keysCreateCertificate, { id, subject: 'CN=Test App, O=Acme', days: 30 });
    assert.match(certificatePem, /^-----BEGIN CERTIFICATE-----\n/);
    const row = (await list()).find(k => k.id === id);
    assert.equal(row?.certificate?.subject, 'CN=Test App, O=Acme');
    const days = (Date.parse(row?.certificate?.notAfter ?? '') - Date.now()) / 86_400_000;
    assert.ok(days > 29.9 && days <= 30, `valid 30 days (${days})`);
    const info = await run<{ matchesKey: boolean; selfSigned: boolean; signatureAlgorithm: string }>(Command.keysShowCertificate, { id });
    assert.deepEqual([info.matchesKey, info.selfSigned, info.signatureAlgorithm], [true, true, 'ECDSA with SHA-256']);
    assert.equal(await run<string>(Command.keysExportCertificate, { id }), certificatePem);
    const { csrPem } = await run<{ csrPem: string }>(Command.keysCreateCsr, { id, subject: 'CN=api.example.com' });
    assert.match(csrPem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
  });

  it('refuses certificates for HMAC secrets and public exports of them, with the engine\'s words', async () => {
    const { id } = await run<{ id: string }>(Command.keysGenerate, { type: 'HS256' });
    assert.match(await failure(Command.keysCreateCertificate, { id }, 'KEY_UNSUPPORTED'), /RSA, EC or Ed25519/);
    assert.match(await failure(Command.keysExport, { id, format: 'public-pem' }, 'KEY_UNSUPPORTED'), /is an HMAC secret: it has no public part/);
    assert.match(await failure(Command.keysExportCertificate, { id }, 'KEY_UNSUPPORTED'), /has no certificate/);
    const [rsa] = await list();
    assert.match(await failure(Command.keysExport, { id: rsa?.id, format: 'private-pem' }, 'OPTION_INVALID'), /"format" must be one of "public-pem"/);
  });

  it('renames and deletes by id, and says when there is no such key', async () => {
    const { id, kid } = await run<{ id: string; kid: string }>(Command.keysGenerate, { type: 'Ed25519', label: 'before' });
    assert.deepEqual(await run(Command.keysRename, { id, label: '  after  ' }), { id, kid, label: 'after' });
    assert.equal((await list()).find(k => k.id === id)?.label, 'after');
    await failure(Command.keysRename, { id, label: '' }, 'OPTION_INVALID');
    assert.equal(await run<string>(Command.keysCopyKid, { id }), kid);
    assert.equal(await vscode.env.clipboard.readText(), kid);
    assert.deepEqual(await run(Command.keysDelete, { id }), { deleted: id });
    assert.equal((await list()).some(k => k.id === id), false);
    assert.match(await failure(Command.keysDelete, { id }, 'KEY_NOT_FOUND'), new RegExp(`no stored key with id or kid "${id}"`));
  });

  it('backs up, and after deleting everything restores the same keys (same thumbprints), skipping those present', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.HOME ?? '/tmp', 'backup-'));
    const file = path.join(dir, 'keys.jwe');
    const before = (await list()).map(k => k.thumbprint).sort();
    const result = await run<{ keys: number }>(Command.keysBackup, { path: file, passphrase: 'correct horse battery' });
    assert.equal(result.keys, before.length);
    const [line] = fs.readFileSync(file, 'utf8').split('\n');
    const header = JSON.parse(Buffer.from(line?.split('.')[0] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual([header.alg, header.enc, header.p2c], ['PBES2-HS512+A256KW', 'A256GCM', 600_000]);
    await failure(Command.keysBackup, { path: file, passphrase: 'short' }, 'OPTION_INVALID');

    await deleteAll();
    assert.deepEqual(await list(), []);
    const wrong = await failure(Command.keysRestore, { path: file, passphrase: 'wrong horse battery' }, 'DECRYPTION_FAILED');
    assert.match(wrong, /passphrase is wrong.*Nothing was restored/);
    assert.deepEqual(await list(), []);
    assert.deepEqual(await run(Command.keysRestore, { path: file, passphrase: 'correct horse battery' }), { added: before.length, skipped: 0 });
    assert.deepEqual((await list()).map(k => k.thumbprint).sort(), before);
    assert.deepEqual(await run(Command.keysRestore, { path: file, passphrase: 'correct horse battery' }), { added: 0, skipped: before.length });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no private value in any file of the VS Code server (user data, extension storage, logs, browser profile)', async function () {
    // The harness gives the server HOME=<run>/home; its user data, extensions and browser profile sit beside it.
    const home = process.env.HOME;
    if (!process.env.JWT_WORKBENCH_TEST_RESULTS || !home) this.skip();
    assert.ok(secretsStored.length >= 5, 'the earlier tests stored keys whose private values are known');
    await new Promise(r => setTimeout(r, 1500)); // let VS Code flush globalState and logs
    const runDir = path.dirname(home);
    const hits: string[] = [];
    let files = 0;
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && fs.statSync(full).size < 64 * 1024 * 1024) {
          files++;
          const content = fs.readFileSync(full).toString('latin1');
          for (const s of secretsStored) if (content.includes(s)) hits.push(`${path.relative(runDir, full)} holds ${s.slice(0, 6)}…`);
        }
      }
    };
    walk(runDir);
    assert.ok(files > 10, `looked at ${files} files under ${runDir}`);
    assert.deepEqual(hits, []);
  });
});

/** An in-memory SecretStorage shared by several "windows", with delays so that their writes interleave. */
class SharedSecrets {
  readonly data = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => void>();
  failStores = false;

  window(): SecretStore {
    const jitter = (): Promise<void> => new Promise(r => setTimeout(r, Math.random() * 5));
    const onDidChange = (listener: (e: { key: string }) => void): vscode.Disposable => {
      this.listeners.add(listener);
      return new vscode.Disposable(() => this.listeners.delete(listener));
    };
    return {
      get: async key => {
        await jitter();
        return this.data.get(key);
      },
      store: async (key, value) => {
        await jitter();
        if (this.failStores) throw new Error('the keyring is locked');
        this.data.set(key, value);
        for (const l of this.listeners) l({ key });
      },
      delete: async key => {
        await jitter();
        this.data.delete(key);
        for (const l of this.listeners) l({ key });
      },
      onDidChange,
    };
  }
}

function memento(): FactsStore {
  const values = new Map<string, unknown>();
  return {
    get: <T>(key: string, fallback?: T): T => (values.has(key) ? (values.get(key) as T) : (fallback as T)),
    update: async (key: string, value: unknown) => {
      values.set(key, value);
    },
  } as FactsStore;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise(r => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe('the key store\'s rules (integration, two store instances over one storage)', function () {
  this.timeout(60_000);
  let keys: KeyMaterial[] = [];
  const stores: KeyStore[] = [];
  const open = (secrets: SharedSecrets, state = memento()): KeyStore => {
    const s = new KeyStore(secrets.window(), state);
    stores.push(s);
    return s;
  };

  before(async () => {
    keys = await Promise.all(Array.from({ length: 10 }, () => generateKey({ kty: 'EC', crv: 'P-256' })));
  });
  after(() => stores.forEach(s => s.dispose()));

  it('loses nothing when two windows add keys at the same moment', async () => {
    const shared = new SharedSecrets();
    const state = memento();
    const a = open(shared, state);
    const b = open(shared, state);
    await Promise.all([...keys.slice(0, 5).map(k => a.add([k])), ...keys.slice(5).map(k => b.add([k]))]);
    // Each window repairs what another's write dropped, as it hears of that write.
    for (let i = 0; i < 3; i++) await Promise.all([a.settled(), b.settled()]);
    const fresh = open(shared);
    assert.equal((await fresh.list()).length, 10, 'a new window sees all ten');
    const index = JSON.parse(shared.data.get(INDEX_KEY) ?? '[]') as string[];
    assert.equal(index.length, 10, 'the index names all ten');
    await until(async () => (await a.list()).length === 10 && (await b.list()).length === 10, 'both windows show ten keys');
  });

  it('tells a window about another window\'s changes, with ids and kids', async () => {
    const shared = new SharedSecrets();
    const a = open(shared);
    const b = open(shared);
    await b.ready();
    const seen: string[] = [];
    b.onDidChange(e => seen.push(...e.kids));
    const [facts] = await a.add([{ ...(keys[0] as KeyMaterial), label: 'from A' }]);
    await until(async () => seen.includes(facts?.kid ?? '?'), 'B hears of the new kid');
    assert.equal(b.facts(facts?.id ?? '')?.label, 'from A');
    await a.rename(facts?.id ?? '', 'renamed in A');
    await until(async () => b.facts(facts?.id ?? '')?.label === 'renamed in A', 'B shows the new label');
  });

  it('lists an entry it cannot parse as unreadable, and deletes it', async () => {
    const shared = new SharedSecrets();
    const a = open(shared);
    await a.add([keys[1] as KeyMaterial]);
    shared.data.set(`${ENTRY_PREFIX}broken`, '{"format":"jwt-workbench-key", "version": 1, trunc');
    shared.data.set(INDEX_KEY, JSON.stringify([...(JSON.parse(shared.data.get(INDEX_KEY) ?? '[]') as string[]), 'broken']));
    const b = open(shared);
    const entries = await b.list();
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[1], { kind: 'unreadable', entry: { id: 'broken', reason: 'the entry is not JSON' } });
    assert.equal(await b.raw('broken'), '{"format":"jwt-workbench-key", "version": 1, trunc');
    await b.delete('broken');
    assert.equal((await b.list()).length, 1);
    assert.equal(shared.data.has(`${ENTRY_PREFIX}broken`), false);
  });

  it('says so when a write fails, and changes nothing', async () => {
    const shared = new SharedSecrets();
    const a = open(shared);
    const [stored] = await a.add([keys[2] as KeyMaterial]);
    const before = new Map(shared.data);
    shared.failStores = true;
    await assert.rejects(a.add([keys[3] as KeyMaterial]), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'INTERNAL');
      assert.match(e.message, /^Could not save the key ".*": the keyring is locked\. Nothing was changed\.$/);
      return true;
    });
    await assert.rejects(a.rename(stored?.id ?? '', 'x'), /^WorkbenchError: Could not rename the key: the keyring is locked\. Nothing was changed\.$/);
    shared.failStores = false;
    assert.deepEqual(new Map(shared.data), before);
    assert.equal((await a.list()).length, 1);
  });

  it('draws the tree from facts alone: a key row with its certificate row, and an unreadable row', async () => {
    const shared = new SharedSecrets();
    const a = open(shared);
    const [facts] = await a.add([keys[4] as KeyMaterial]);
    const certs = await import('../../src/core/certificates');
    await a.attachCertificate(facts?.id ?? '', await certs.createSelfSignedCertificate(keys[4] as KeyMaterial, { subject: 'CN=Tree', days: 20 }));
    shared.data.set(`${ENTRY_PREFIX}odd`, '{}');
    shared.data.set(INDEX_KEY, JSON.stringify([facts?.id, 'odd']));
    const b = open(shared);
    const tree = new KeyTreeProvider(b);
    const roots = await tree.getChildren();
    const items = roots.map(n => tree.getTreeItem(n));
    assert.deepEqual(items.map(i => i.contextValue), ['key.private.ec.cert', 'unreadable']);
    assert.match(String(items[0]?.description), /^ES256 · EC P-256 · kid .{4}…$/);
    assert.match(String(items[0]?.tooltip), new RegExp(`Thumbprint \\(RFC 7638, SHA-256\\): ${facts?.thumbprint ?? '?'}`));
    const [certRow] = await tree.getChildren(roots[0] as KeyNode);
    const certItem = tree.getTreeItem(certRow as KeyNode);
    assert.deepEqual([certItem.label, certItem.description], ['CN=Tree', 'expires in 19 days']);
    assert.equal((certItem.iconPath as vscode.ThemeIcon).id, 'warning', 'expires within 30 days: a warning icon');
    assert.equal(items[1]?.label, 'Unreadable key odd');
    tree.dispose();
  });
});
