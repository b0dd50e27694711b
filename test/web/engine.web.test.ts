/**
 * The engine (src/core) in VS Code for the Web's web worker: no node:crypto, only WebCrypto. What the
 * platform allows must work (generate, sign, verify, encrypt, PKCS#8/SPKI/JWK/JWKS, certificates);
 * what needs Node (PKCS#1, SEC1, encrypted PEM) must say so clearly. Key files come from the sample
 * workspace and the unit-test fixtures (made by openssl), read through `vscode.workspace.fs`.
 */
import * as vscode from 'vscode';
import {
  decryptToken,
  encryptToken,
  generateKey,
  importKey,
  isWorkbenchError,
  publicKeyOf,
  signToken,
  verifyToken,
  type JWKSet,
} from '../../src/core';
import { createSelfSignedCertificate, inspectCertificate } from '../../src/core/certificates';
import { equal, fail, match, ok } from './assert';

async function readText(...segments: string[]): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0] ?? fail('the sample workspace is open');
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, ...segments)));
}

const fixture = (name: string): Promise<string> => readText('..', 'test', 'unit', 'fixtures', 'openssl', name);

describe('the engine in VS Code for the Web (web worker, WebCrypto only)', () => {
  it('generates EC, Ed25519 and RSA keys, signs and verifies, and rejects another key', async () => {
    for (const [spec, alg] of [
      [{ kty: 'EC', crv: 'P-256' }, 'ES256'],
      [{ kty: 'OKP', crv: 'Ed25519' }, 'EdDSA'],
      [{ kty: 'RSA', bits: 2048 }, 'PS256'],
    ] as const) {
      const key = await generateKey(spec);
      const token = await signToken({ header: { alg, kid: key.kid }, payload: { sub: 'web', exp: Math.floor(Date.now() / 1000) + 60 }, key });
      const good = await verifyToken(token, publicKeyOf(key), { algorithms: [alg] });
      equal(good.valid, true, `${alg} verifies with its own key`);
      const other = await generateKey(spec);
      const bad = await verifyToken(token, publicKeyOf(other), { algorithms: [alg] });
      ok(!bad.valid && bad.code === 'SIGNATURE_INVALID', `${alg} with another key: ${JSON.stringify(bad)}`);
    }
  });

  it('verifies the sample access token against sample/keys/jwks.json, with issuer and audience', async () => {
    const tokens = JSON.parse(await readText('tokens.json')) as Record<string, string>;
    const jwks = JSON.parse(await readText('keys', 'jwks.json')) as JWKSet;
    const result = await verifyToken(tokens.access_token ?? '', jwks, {
      algorithms: ['RS256'],
      issuer: 'https://login.example.com',
      audience: 'api://orders',
    });
    if (!result.valid) fail(result.message);
    equal(typeof result.payload === 'object' ? result.payload.sub : undefined, 'alice@example.com');
  });

  it('imports a PKCS#8 PEM (sample/keys/rs256-private.pem) and signs with it', async () => {
    const [key] = await importKey(await readText('keys', 'rs256-private.pem'));
    ok(key?.privateJwk, 'a private key');
    const token = await signToken({ header: { alg: 'RS256' }, payload: { sub: 'pem' }, key });
    equal((await verifyToken(token, publicKeyOf(key), { algorithms: ['RS256'] })).valid, true);
  });

  it('says that PKCS#1 PEM needs the desktop (no node:crypto here), with its code', async () => {
    try {
      await importKey(await fixture('rsa.pkcs1.key'));
      fail('a PKCS#1 key imported without node:crypto');
    } catch (e) {
      ok(isWorkbenchError(e, 'KEY_UNAVAILABLE_ON_PLATFORM'), String(e));
      match(e.message, /PKCS#1|RSA PRIVATE KEY/);
    }
  });

  it('encrypts and decrypts a JWE with RSA-OAEP-256 / A256GCM and with a PBES2 password', async () => {
    const key = await generateKey({ kty: 'RSA', bits: 2048 });
    const jwe = await encryptToken({ sub: 'secret-claims' }, publicKeyOf(key), { alg: 'RSA-OAEP-256', enc: 'A256GCM' });
    equal(jwe.split('.').length, 5);
    const opened = await decryptToken(jwe, key);
    equal(opened.payload?.sub, 'secret-claims');
    const pbes2 = await encryptToken('hello', 'correct horse battery staple', { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', header: { p2c: 1000 } });
    equal((await decryptToken(pbes2, 'correct horse battery staple')).plaintext, 'hello');
  });

  it('makes a self-signed certificate for an RSA key and inspects it as matching that key', async () => {
    const key = await generateKey({ kty: 'RSA', bits: 2048 });
    const pem = await createSelfSignedCertificate(key, { subject: 'CN=Web Connected App, O=Acme' });
    match(pem, /^-----BEGIN CERTIFICATE-----/);
    const info = await inspectCertificate(pem, key);
    equal(info.matchesKey, true);
    equal(info.selfSigned, true);
    match(info.subject, /CN=Web Connected App/);
    ok(info.daysLeft >= 364 && info.daysLeft <= 365, `daysLeft ${info.daysLeft}`);
  });
});
