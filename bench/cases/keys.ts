/**
 * `keys` case: reading keys and certificates through the engine against the least a caller could do
 * with the libraries alone.
 * - importKey of a PKCS#8 RSA PEM vs jose importPKCS8 + exportJWK + thumbprint (the engine also finds the
 *   algorithm in the DER and validates the JWK once more: target ≤ 2).
 * - importKey of a PKCS#1 RSA PEM (Node path) vs node:crypto createPrivateKey + JWK export (target ≤ 3,
 *   the engine goes through PKCS#8 and WebCrypto to end up with the same KeyMaterial as every other form).
 * - inspectCertificate vs node:crypto X509Certificate doing the same work (names, fingerprints, the
 *   self-signature check, the public key as JWK). No target: it runs once per user action (~2 ms), and
 *   @peculiar/x509 parses the ASN.1 in JavaScript so that it runs in the browser too; Node's parser is native.
 */
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { calculateJwkThumbprint, exportJWK, importPKCS8 } from 'jose';
import type { JWK } from 'jose';
import { compare } from '../lib';
import type { BenchResult } from '../lib';
import { importKey } from '../../src/core/keys';
import { inspectCertificate } from '../../src/core/certificates';

// Bundled into out/bench/run.js, like bench/run.ts finds bench/results.json from there.
const FIXTURES = path.resolve(__dirname, '..', '..', 'test', 'unit', 'fixtures', 'openssl');
const read = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

export async function keysCase(): Promise<BenchResult[]> {
  const pkcs8 = read('server.key');
  const pkcs1 = read('rsa.pkcs1.key');
  const cert = read('server.crt');
  return [
    await compare('importKey PKCS#8 RSA 2048 PEM', () => importKey(pkcs8),
      'jose importPKCS8 + exportJWK + thumbprint', async () => {
        const jwk = await exportJWK(await importPKCS8(pkcs8, 'RS256', { extractable: true }));
        return calculateJwkThumbprint(jwk);
      }, { target: 2 }),
    await compare('importKey PKCS#1 RSA 2048 PEM', () => importKey(pkcs1),
      'node:crypto createPrivateKey + JWK export', () => {
        const jwk = crypto.createPrivateKey(pkcs1).export({ format: 'jwk' }) as JWK;
        return jwk.n;
      }, { target: 3 }),
    await compare('inspectCertificate server.crt', () => inspectCertificate(cert),
      'node:crypto X509Certificate: same facts, self-signature checked', () => {
        const x = new crypto.X509Certificate(cert);
        const selfSigned = x.checkIssued(x) && x.verify(x.publicKey);
        return [x.subject, x.fingerprint256, x.fingerprint, x.validTo, selfSigned, x.publicKey.export({ format: 'jwk' })];
      }),
  ];
}
