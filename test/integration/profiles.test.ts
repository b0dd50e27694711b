/**
 * Connected Apps in a real extension host, against the Salesforce-like endpoint (test/servers) started
 * here on 127.0.0.1: profiles through their automation commands, every explained Salesforce error reaching
 * the command's result, the redirect refusal, the timeout setting, the 1 MB cap, the clock-skew warning,
 * the token reused by Copy Access Token, profiles in the Keys backup — and, at the end, that no access
 * token reached the log file or any other file of the VS Code server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Command } from '../../src/commands';
import type { RequestResult as Result } from '../../src/profiles/tokenService';
import { startSalesforceLike, type SalesforceLike } from '../servers/salesforceLike';
import { activated, failure, run } from './automation';

interface Listed {
  id: string;
  name: string;
  kind: string;
  keyId?: string;
  consumerKey?: string;
  last?: { ok: boolean; error?: string };
}

const CONSUMER_KEY = '3MVG9workbench.consumer.key';
const USER = 'integration@acme.com';
/** Every access token handed out: none may reach a file. */
const tokensIssued: string[] = [];
let tokenCount = 0;
function nextToken(): string {
  const t = `00Dworkbench!AQ${String(++tokenCount).padStart(4, '0')}${'x'.repeat(40)}secretpart`;
  tokensIssued.push(t);
  return t;
}

describe('Connected Apps against a Salesforce-like endpoint (integration)', function () {
  this.timeout(60_000);
  let server: SalesforceLike;
  let keyId = '';
  let certificatePem = '';
  let otherCertificatePem = '';
  let profileId = '';

  const request = (): Promise<Result> => run<Result>(Command.profilesRequestToken, { id: profileId });
  const reset = (): void => {
    server.options = { consumerKey: CONSUMER_KEY, certificatePem, users: [USER], accessToken: nextToken() };
  };

  before(async () => {
    await activated();
    for (const p of await run<Listed[]>(Command.profilesList)) await run(Command.profilesDelete, { id: p.id });
    ({ id: keyId } = await run<{ id: string }>(Command.keysGenerate, { type: 'RSA-2048', label: 'Connected app key' }));
    ({ certificatePem } = await run<{ certificatePem: string }>(Command.keysCreateCertificate, { id: keyId, subject: 'CN=Connected app', days: 365 }));
    const other = await run<{ id: string }>(Command.keysGenerate, { type: 'RSA-2048', label: 'Another key' });
    ({ certificatePem: otherCertificatePem } = await run<{ certificatePem: string }>(Command.keysCreateCertificate, { id: other.id }));
    server = await startSalesforceLike({ consumerKey: CONSUMER_KEY, certificatePem, users: [USER] });
    ({ id: profileId } = await run<{ id: string }>(Command.profilesCreate, {
      kind: 'salesforce', name: 'Acme production', keyId, consumerKey: CONSUMER_KEY, username: USER, loginUrl: server.url, org: 'production',
    }));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('jwtWorkbench').update('tokenRequest.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  beforeEach(() => reset());

  it('creates a Salesforce profile with argument objects and lists it, with no secret', async () => {
    const listed = await run<Listed[]>(Command.profilesList);
    const mine = listed.find(p => p.id === profileId);
    assert.equal(mine?.name, 'Acme production');
    assert.equal(mine?.kind, 'salesforce');
    assert.equal(mine?.consumerKey, CONSUMER_KEY);
    assert.equal(mine?.keyId, keyId);
  });

  it('refuses a profile whose fields cannot work, naming the field', async () => {
    assert.equal(await failure(Command.profilesCreate, { kind: 'salesforce', name: 'x', username: USER }, 'OPTION_INVALID'), 'The field "consumerKey" is required for this kind of profile.');
    assert.match(await failure(Command.profilesCreate, { kind: 'smtp', name: 'x' }, 'OPTION_INVALID'), /"kind" must be one of "salesforce", "jwt-bearer", "client-credentials", "google"/);
    assert.match(await failure(Command.profilesRequestToken, { id: 'nope' }, 'PROFILE_NOT_FOUND'), /no connected-app profile with id "nope"/);
  });

  it('requests a token: the result has what came with it, and never the token', async () => {
    const result = await request();
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.equal(result.status, 200);
    assert.equal(result.tokenType, 'Bearer');
    assert.equal(result.scope, 'api');
    assert.equal(result.instanceUrl, server.url);
    assert.equal(result.expiresAt, undefined, 'Salesforce sends no expires_in');
    assert.ok(!JSON.stringify(result).includes(server.options.accessToken ?? '?'), 'no token in the result');
    const claims = server.requests.at(-1)?.claims;
    assert.deepEqual(Object.keys(claims ?? {}).sort(), ['aud', 'exp', 'iss', 'sub']);
    assert.equal(claims?.aud, 'https://login.salesforce.com');
  });

  it('copies the access token: a new one when none is kept, then the kept one without asking again', async () => {
    const { id } = await run<{ id: string }>(Command.profilesDuplicate, { id: profileId, name: 'Acme for copying' });
    const issued = server.options.accessToken;
    const before = server.requests.length;
    const first = await run<{ copied: boolean; reused: boolean }>(Command.profilesCopyAccessToken, { id });
    assert.deepEqual(first, { copied: true, reused: false });
    assert.equal(await vscode.env.clipboard.readText(), issued);
    server.options.accessToken = nextToken();
    const second = await run<{ copied: boolean; reused: boolean }>(Command.profilesCopyAccessToken, { id });
    assert.deepEqual(second, { copied: true, reused: true });
    assert.equal(await vscode.env.clipboard.readText(), issued);
    assert.equal(server.requests.length, before + 1, 'one request for two copies');
    await vscode.env.clipboard.writeText('');
    await run(Command.profilesDelete, { id });
  });

  it('copies a curl command to the instance\'s REST API for Salesforce', async () => {
    await run(Command.profilesRequestToken, { id: profileId });
    const { url } = await run<{ url: string }>(Command.profilesCopyAsCurl, { id: profileId });
    assert.equal(url, `${server.url}/services/data/`);
    assert.equal(await vscode.env.clipboard.readText(), `curl -sS -H 'Authorization: Bearer ${server.options.accessToken ?? ''}' '${server.url}/services/data/'`);
    await vscode.env.clipboard.writeText('');
  });

  const explained: Array<{ name: string; set: (s: SalesforceLike) => void; error: string; description: string; cause: RegExp }> = [
    { name: 'user hasn\'t approved this consumer', set: s => { s.options.users = []; }, error: 'invalid_grant', description: 'user hasn\'t approved this consumer', cause: /not authorized for this user/ },
    { name: 'invalid assertion (the app holds another certificate)', set: s => { s.options.certificatePem = otherCertificatePem; }, error: 'invalid_grant', description: 'invalid assertion', cause: /certificate uploaded to the connected app does not belong to this key/ },
    { name: 'audience is invalid', set: s => { s.options.audience = 'https://test.salesforce.com'; }, error: 'invalid_grant', description: 'audience is invalid', cause: /aud is not the login host/ },
    { name: 'expired authorization code (server clock 10 min ahead)', set: s => { s.options.clockOffsetSeconds = 600; }, error: 'invalid_grant', description: 'expired authorization code', cause: /exp had already passed/ },
    { name: 'client identifier invalid', set: s => { s.options.consumerKey = 'another-app'; }, error: 'invalid_client_id', description: 'client identifier invalid', cause: /does not know this consumer key/ },
    { name: 'user is not admin approved', set: s => { s.options.notAdminApproved = [USER]; }, error: 'invalid_app_access', description: 'user is not admin approved to access this app', cause: /not admin approved/ },
    { name: 'ip restricted', set: s => { s.options.ipRestricted = [USER]; }, error: 'invalid_grant', description: 'ip restricted or invalid login hours', cause: /does not allow a login from this IP address/ },
    { name: 'External client app is not installed', set: s => { s.options.installed = false; }, error: 'invalid_client', description: 'External client app is not installed in this org', cause: /External Client App that is not installed/ },
  ];
  for (const c of explained) {
    it(`explains "${c.name}" in the command's result and the profile's last result`, async () => {
      c.set(server);
      const result = await request();
      assert.equal(result.ok, false);
      assert.equal(result.status, 400);
      assert.equal(result.error, c.error);
      assert.equal(result.errorDescription, c.description);
      assert.match(result.explanation ?? '', c.cause);
      assert.match(result.explanation ?? '', /^The server answered 400: /);
      const listed = (await run<Listed[]>(Command.profilesList)).find(p => p.id === profileId);
      assert.deepEqual(listed?.last?.error, c.error);
    });
  }

  it('names the measured clock offset as the likely cause of an expired assertion', async () => {
    server.options.clockOffsetSeconds = 600;
    const result = await request();
    assert.ok(result.skewSeconds !== undefined && Math.abs(result.skewSeconds - 600) <= 2, `skew ${result.skewSeconds}`);
    assert.match(result.explanation ?? '', /The server's clock is (9|10) min( \d+ s)? ahead of this computer's: that is the likely cause/);
  });

  it('warns about a server clock more than 30 s away, and still gets the token', async () => {
    server.options.clockOffsetSeconds = -120;
    const result = await request();
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.skewSeconds !== undefined && Math.abs(result.skewSeconds + 120) <= 2, `skew ${result.skewSeconds}`);
    const skew = result.findings?.find(f => f.code === 'CLOCK_SKEW');
    assert.equal(skew?.severity, 'warning');
    assert.match(skew?.message ?? '', /^The server's clock is .+ behind this computer's/);
  });

  it('refuses to follow a redirect, naming where it pointed', async () => {
    server.options.mode = 'redirect';
    const result = await request();
    assert.equal(result.ok, false);
    assert.equal(result.error, 'NETWORK_REDIRECT');
    assert.match(result.errorDescription ?? '', /login\.example\.invalid/);
    assert.equal(server.requests.filter(r => r.status === 302).length >= 1, true);
  });

  it('gives up after the timeout setting', async () => {
    await vscode.workspace.getConfiguration('jwtWorkbench').update('tokenRequest.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      server.options.mode = 'stall';
      const started = Date.now();
      const result = await request();
      assert.equal(result.error, 'NETWORK_TIMEOUT', JSON.stringify(result));
      assert.match(result.errorDescription ?? '', /1 s/);
      assert.ok(Date.now() - started < 5000, 'the 1 s setting was used, not the 15 s default');
    } finally {
      await vscode.workspace.getConfiguration('jwtWorkbench').update('tokenRequest.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('stops reading a response over 1 MB', async () => {
    server.options.mode = 'huge';
    const result = await request();
    assert.equal(result.error, 'NETWORK_TOO_LARGE', JSON.stringify(result));
    assert.match(result.errorDescription ?? '', /1 MB/);
  });

  it('names a non-JSON answer by its HTML title', async () => {
    server.options.mode = 'html';
    const result = await request();
    assert.equal(result.ok, false);
    assert.equal(result.status, 503);
    assert.match(result.errorDescription ?? '', /Service Unavailable - Maintenance/);
  });

  it('stops before sending when the profile has no key (preflight)', async () => {
    const { id } = await run<{ id: string }>(Command.profilesCreate, { kind: 'salesforce', name: 'No key yet', consumerKey: CONSUMER_KEY, username: USER, loginUrl: server.url });
    const before = server.requests.length;
    const result = await run<Result>(Command.profilesRequestToken, { id });
    assert.equal(result.ok, false);
    assert.equal(result.error, 'PREFLIGHT');
    assert.equal(result.findings?.[0]?.code, 'NO_PRIVATE_KEY');
    assert.equal(server.requests.length, before, 'nothing was sent');
    await run(Command.profilesDelete, { id });
  });

  it('names the deleted key a profile still points at, and how to get a key back (preflight)', async () => {
    const gone = await run<{ id: string; kid: string }>(Command.keysGenerate, { type: 'RSA-2048', label: 'Soon deleted' });
    const { id } = await run<{ id: string }>(Command.profilesCreate, { kind: 'salesforce', name: 'Key deleted', keyId: gone.id, consumerKey: CONSUMER_KEY, username: USER, loginUrl: server.url });
    await run(Command.keysDelete, { id: gone.id });
    const before = server.requests.length;
    const result = await run<Result>(Command.profilesRequestToken, { id });
    assert.equal(result.errorDescription, `The key "Soon deleted" (kid ${gone.kid}) that this profile signs with no longer exists in the Keys view. Choose another key with Edit Profile…, or restore the key from a backup (Restore Keys…).`);
    assert.equal(result.findings?.[0]?.code, 'KEY_DELETED');
    assert.equal(server.requests.length, before, 'nothing was sent');
    await run(Command.profilesDelete, { id });
  });

  it('updates, duplicates and deletes profiles; the kind cannot change', async () => {
    const { id } = await run<{ id: string }>(Command.profilesDuplicate, { id: profileId, name: 'Acme copy' });
    const updated = await run<Listed>(Command.profilesUpdate, { id, username: 'other@acme.com' });
    assert.equal((updated as unknown as { username: string }).username, 'other@acme.com');
    assert.match(await failure(Command.profilesUpdate, { id, kind: 'google' }, 'OPTION_INVALID'), /kind cannot change/);
    assert.deepEqual(await run(Command.profilesDelete, { id }), { deleted: id });
    assert.ok(!(await run<Listed[]>(Command.profilesList)).some(p => p.id === id));
  });

  it('backs profiles up with the keys and restores the missing ones, pointing at the restored key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-backup-'));
    const file = path.join(dir, 'backup.jwe');
    const backedUp = await run<{ profiles: number }>(Command.keysBackup, { path: file, passphrase: 'correct horse battery' });
    assert.equal(backedUp.profiles, 1);
    const before = await run<Listed[]>(Command.profilesList);
    assert.deepEqual((await run<{ profiles: { added: number; skipped: number } }>(Command.keysRestore, { path: file, passphrase: 'correct horse battery' })).profiles, { added: 0, skipped: 1 });
    await run(Command.profilesDelete, { id: profileId });
    const restored = await run<{ profiles: { added: number; skipped: number } }>(Command.keysRestore, { path: file, passphrase: 'correct horse battery' });
    assert.deepEqual(restored.profiles, { added: 1, skipped: 0 });
    assert.deepEqual((await run<Listed[]>(Command.profilesList)).map(p => [p.id, p.keyId]), before.map(p => [p.id, p.keyId]));
    assert.equal((await request()).ok, true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a redacted line per request to the log, and no access token to any file of the server', async function () {
    const home = process.env.HOME;
    if (!process.env.JWT_WORKBENCH_TEST_RESULTS || !home) this.skip();
    await new Promise(r => setTimeout(r, 1500)); // let VS Code flush globalState and logs
    const runDir = path.dirname(home);
    const logs: string[] = [];
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile() && fs.statSync(full).size < 64 * 1024 * 1024) {
          const content = fs.readFileSync(full).toString('latin1');
          const text = entry.name.endsWith('.log') ? fs.readFileSync(full, 'utf8') : '';
          if (text.includes('[profiles] token request for "Acme production"')) logs.push(text);
          for (const t of tokensIssued) if (content.includes(t) || content.includes(t.slice(-24))) hits.push(`${path.relative(runDir, full)} holds ${t.slice(0, 6)}…`);
        }
      }
    };
    walk(runDir);
    assert.equal(logs.length, 1, 'found the extension\'s log file');
    assert.match(logs[0] ?? '', /token request for "Acme production" \([\w-]+\): \S+ · http:\/\/127\.0\.0\.1:\d+\/services\/oauth2\/token · failed · HTTP 400 · invalid_grant: audience is invalid · \d+ ms/);
    assert.deepEqual(hits, []);
  });
});
