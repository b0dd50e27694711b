/**
 * The Keys commands in VS Code for the Web's web worker (WebCrypto only, SecretStorage in the browser):
 * generate, list, export and certify work; a key format only Node reads says so in the engine's words.
 */
import * as vscode from 'vscode';
import { Command } from '../../src/commands';
import { equal, fail, match, ok } from './assert';

const run = <T>(command: string, args?: unknown): Promise<T> => Promise.resolve(vscode.commands.executeCommand<T>(command, args));

interface Listed { id: string; kid?: string; kty?: string; alg?: string; hasPrivate?: boolean; thumbprint?: string; certificate?: { subject: string } }

async function fixture(name: string): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0] ?? fail('the sample workspace is open');
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '..', 'test', 'unit', 'fixtures', 'openssl', name)));
}

describe('Keys commands in VS Code for the Web (web worker)', () => {
  it('generates keys, lists them with kid = thumbprint, and exports the public part', async () => {
    const ec = await run<{ id: string; kid: string }>(Command.keysGenerate, { type: 'P-256', label: 'web EC' });
    const rsa = await run<{ id: string; kid: string }>(Command.keysGenerate, { type: 'RSA-2048', label: 'web RSA' });
    const rows = await run<Listed[]>(Command.keysList);
    const row = rows.find(r => r.id === ec.id) ?? fail(`the new key is listed: ${JSON.stringify(rows)}`);
    equal(row.kty, 'EC');
    equal(row.alg, 'ES256');
    equal(row.kid, row.thumbprint, 'kid is the RFC 7638 thumbprint');
    ok(rows.some(r => r.id === rsa.id), 'the RSA key is listed');
    const jwk = JSON.parse(await run<string>(Command.keysExport, { id: ec.id, format: 'public-jwk' })) as Record<string, unknown>;
    equal(jwk.kid, ec.kid);
    ok(!('d' in jwk), 'no private member in a public export');
    match(await run<string>(Command.keysExport, { id: rsa.kid, format: 'public-pem' }), /^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('creates a self-signed certificate with WebCrypto and lists it with the key', async () => {
    const { id } = await run<{ id: string }>(Command.keysGenerate, { type: 'Ed25519' });
    const { certificatePem } = await run<{ certificatePem: string }>(Command.keysCreateCertificate, { id, subject: 'CN=Web' });
    match(certificatePem, /^-----BEGIN CERTIFICATE-----\n/);
    const row = (await run<Listed[]>(Command.keysList)).find(r => r.id === id);
    equal(row?.certificate?.subject, 'CN=Web');
  });

  it('imports a PKCS#8 key and its certificate, and says an encrypted PEM needs desktop VS Code', async () => {
    const [added] = await run<{ status: string }[]>(Command.keysImport, { text: await fixture('ec.p256.pkcs8.key') });
    equal(added?.status, 'added');
    try {
      await run(Command.keysImport, { text: await fixture('server.pass.key'), passphrase: 'SomePassword' });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      equal(err.code, 'KEY_UNAVAILABLE_ON_PLATFORM', String(err.message));
      match(String(err.message), /desktop|Node/i);
      return;
    }
    fail('an encrypted PEM imported in the web worker');
  });
});
