import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createCertificateSigningRequest,
  createSelfSignedCertificate,
  inspectCertificate,
} from '../../src/core/certificates';
import { generateKey, importKey, publicKeyOf } from '../../src/core/keys';
import type { WorkbenchErrorCode } from '../../src/core/errors';
import type { KeyMaterial } from '../../src/core/types';

// Fixtures made by test/unit/fixtures/make-openssl-fixtures.sh; the *.txt files hold what openssl
// itself printed about server.crt (fingerprints, subject, dates, serial).
const OPENSSL_DIR = path.resolve(__dirname, '../../../test/unit/fixtures/openssl');
const ossl = (name: string): string => readFileSync(path.join(OPENSSL_DIR, name), 'utf8');
/** The value after "=" on the line of an openssl `-noout` print that starts with `prefix`. */
function opensslField(file: string, prefix: string): string {
  const line = ossl(file).split('\n').find(l => l.startsWith(prefix));
  assert.ok(line, `${prefix} in ${file}`);
  return line.slice(line.indexOf('=') + 1).trim();
}

const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;
const DAY = 86_400_000;

async function keyOf(pem: string): Promise<KeyMaterial> {
  const [key] = await importKey(pem);
  assert.ok(key);
  return key;
}

async function rejectsWith(p: Promise<unknown>, code: WorkbenchErrorCode, message: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof Error, 'expected an Error');
    assert.equal((e as { code?: unknown }).code, code);
    assert.equal(e.message, message);
    return true;
  });
}

/** Writes `files` to a fresh temporary directory, runs openssl there, returns status and all output. */
function opensslIn(files: Record<string, string>, args: string[]): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'jwtwb-cert-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "CN=a, O=b" or "CN=a,O=b" → sorted RDN components, so openssl's RFC 2253 order compares equal. */
const rdns = (dn: string): string[] => dn.split(/,\s*/).map(s => s.trim()).sort();

describe('certificates: inspect server.crt (made by openssl x509 -req -sha256 -signkey)', () => {
  it('reads subject, serial, validity and fingerprints exactly as openssl prints them', async () => {
    const info = await inspectCertificate(ossl('server.crt'));
    assert.deepEqual(rdns(info.subject), rdns(opensslField('server.crt.subject.txt', 'subject=')));
    assert.equal(info.issuer, info.subject);
    assert.equal(info.sha256Fingerprint, opensslField('server.crt.sha256.txt', 'sha256 Fingerprint='));
    assert.equal(info.sha1Fingerprint, opensslField('server.crt.sha1.txt', 'sha1 Fingerprint='));
    assert.equal(info.serialNumber, opensslField('server.crt.dates.txt', 'serial='));
    assert.equal(info.notBefore.getTime(), Date.parse(opensslField('server.crt.dates.txt', 'notBefore=')));
    assert.equal(info.notAfter.getTime(), Date.parse(opensslField('server.crt.dates.txt', 'notAfter=')));
    assert.equal(info.selfSigned, true);
    assert.equal(info.publicKeyAlgorithm, 'RSA 2048-bit');
    assert.equal(info.signatureAlgorithm, 'SHA-256 with RSA (PKCS#1 v1.5)');
    assert.equal(info.matchesKey, undefined);
  });

  it('says the certificate matches server.key and not another key', async () => {
    assert.equal((await inspectCertificate(ossl('server.crt'), await keyOf(ossl('server.key')))).matchesKey, true);
    assert.equal((await inspectCertificate(ossl('server.crt'), await keyOf(ossl('rsa.pkcs1.key')))).matchesKey, false);
  });

  it('counts days left and expiry against the given moment', async () => {
    const notAfter = Date.parse(opensslField('server.crt.dates.txt', 'notAfter='));
    const before = await inspectCertificate(ossl('server.crt'), undefined, new Date(notAfter - 10 * DAY - 1000));
    assert.equal(before.daysLeft, 10);
    assert.equal(before.expired, false);
    const after = await inspectCertificate(ossl('server.crt'), undefined, new Date(notAfter + DAY));
    assert.equal(after.daysLeft, -1);
    assert.equal(after.expired, true);
  });

  it('reads the first certificate of a bundle (the Ed25519 one)', async () => {
    const info = await inspectCertificate(ossl('bundle.pem'), await keyOf(ossl('ed25519.key')));
    assert.equal(info.subject, 'CN=ed25519-bundle');
    assert.equal(info.publicKeyAlgorithm, 'Ed25519');
    assert.equal(info.signatureAlgorithm, 'Ed25519');
    assert.equal(info.matchesKey, true);
  });
});

describe('certificates: what is not a certificate', () => {
  it('text without PEM', async () => {
    await rejectsWith(inspectCertificate('not a certificate'), 'CERT_INVALID',
      'This is not a readable X.509 certificate: there is no -----BEGIN CERTIFICATE----- line.');
  });

  it('PEM holding only a key', async () => {
    await rejectsWith(inspectCertificate(ossl('rsa.spki.pub')), 'CERT_INVALID',
      'This is not a readable X.509 certificate: the PEM text holds "PUBLIC KEY" but no CERTIFICATE block.');
  });

  it('a CERTIFICATE block whose contents are a key', async () => {
    const fake = ossl('rsa.spki.pub').replace(/PUBLIC KEY/g, 'CERTIFICATE');
    await rejectsWith(inspectCertificate(fake), 'CERT_INVALID', 'This is not a readable X.509 certificate: its contents are damaged.');
  });

  it('a certificate cut short', async () => {
    const cert = ossl('server.crt');
    await rejectsWith(inspectCertificate(cert.slice(0, cert.indexOf('-----END'))), 'CERT_INVALID',
      'The PEM block "CERTIFICATE" has a BEGIN line but no matching END line: the text looks cut short. Paste the whole block, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.');
  });
});

describe('certificates: create self-signed', () => {
  const cases = [
    ['RSA (server.key)', async () => keyOf(ossl('server.key')), 'sha256WithRSAEncryption', 'SHA-256 with RSA (PKCS#1 v1.5)'],
    ['EC P-256', async () => generateKey({ kty: 'EC', crv: 'P-256' }), 'ecdsa-with-SHA256', 'ECDSA with SHA-256'],
    ['EC P-384', async () => generateKey({ kty: 'EC', crv: 'P-384' }), 'ecdsa-with-SHA384', 'ECDSA with SHA-384'],
    ['EC P-521', async () => generateKey({ kty: 'EC', crv: 'P-521' }), 'ecdsa-with-SHA512', 'ECDSA with SHA-512'],
    ['Ed25519', async () => generateKey({ kty: 'OKP', crv: 'Ed25519' }), 'ED25519', 'Ed25519'],
  ] as const;
  for (const [name, makeKey, opensslSigAlg, sigAlg] of cases) {
    it(`${name}: openssl parses it, verifies it against itself, and it carries the key`, async function () {
      const key = await makeKey();
      const notBefore = new Date('2026-01-01T00:00:00Z');
      const pem = await createSelfSignedCertificate(key, { subject: 'CN=My App, O=Acme', days: 730, serialNumber: '0A1B2C', notBefore });
      const info = await inspectCertificate(pem, key);
      assert.deepEqual(rdns(info.subject), ['CN=My App', 'O=Acme']);
      assert.equal(info.serialNumber, '0A1B2C');
      assert.equal(info.notBefore.getTime(), notBefore.getTime());
      assert.equal(info.notAfter.getTime() - info.notBefore.getTime(), 730 * DAY);
      assert.equal(info.signatureAlgorithm, sigAlg);
      assert.equal(info.selfSigned, true);
      assert.equal(info.matchesKey, true);
      assert.equal((await keyOf(pem)).kid, key.kid);
      if (!HAS_OPENSSL) this.skip(); // openssl is not installed: the cross-checks below need it
      const text = opensslIn({ 'c.pem': pem }, ['x509', '-in', 'c.pem', '-noout', '-text']);
      assert.equal(text.status, 0, text.out);
      assert.match(text.out, new RegExp(`Signature Algorithm: ${opensslSigAlg}`));
      assert.match(text.out, /Subject: CN ?= ?My App, O ?= ?Acme/);
      assert.match(text.out, /CA:TRUE/);
      const verify = opensslIn({ 'c.pem': pem }, ['verify', '-CAfile', 'c.pem', 'c.pem']);
      assert.equal(verify.status, 0, verify.out);
      assert.match(verify.out, /c\.pem: OK/);
    });
  }

  it('defaults to 365 days from now and a positive random serial', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    const start = Date.now();
    const info = await inspectCertificate(await createSelfSignedCertificate(key, { subject: 'CN=Default' }));
    assert.ok(Math.abs(info.notBefore.getTime() - start) < 5000, 'notBefore is now');
    assert.equal(info.notAfter.getTime() - info.notBefore.getTime(), 365 * DAY);
    assert.match(info.serialNumber, /^[4-7][0-9A-F]{31}$/);
  });

  it('refuses a public-only key', async () => {
    const pub = publicKeyOf(await keyOf(ossl('server.key')));
    await rejectsWith(createSelfSignedCertificate(pub, { subject: 'CN=x' }), 'KEY_NOT_PRIVATE',
      `This key (kid ${pub.kid}) is public only: signing needs its private part.`);
  });

  it('refuses an HMAC secret', async () => {
    const secret = await generateKey({ kty: 'oct', bits: 256 });
    await rejectsWith(createSelfSignedCertificate(secret, { subject: 'CN=x' }), 'KEY_UNSUPPORTED',
      'An HMAC secret is not a key pair: certificates need an RSA, EC or Ed25519 key.');
  });

  it('refuses a subject that is not a distinguished name', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    await rejectsWith(createSelfSignedCertificate(key, { subject: 'My App' }), 'CERT_INVALID',
      'The subject "My App" is not a distinguished name: write it like "CN=My App, O=Acme".');
  });

  it('refuses a serial number that is not hexadecimal', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    await rejectsWith(createSelfSignedCertificate(key, { subject: 'CN=x', serialNumber: 'xyz' }), 'CERT_INVALID',
      'The serial number "xyz" must be 1 to 40 hexadecimal digits.');
  });

  it('refuses a validity of zero days', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    await rejectsWith(createSelfSignedCertificate(key, { subject: 'CN=x', days: 0 }), 'CERT_INVALID',
      'The validity must be a number of days from 1 to 36500 (100 years), not 0.');
  });
});

describe('certificates: certificate signing request', () => {
  for (const [name, makeKey] of [
    ['RSA (server.key)', async () => keyOf(ossl('server.key'))],
    ['EC P-256', async () => generateKey({ kty: 'EC', crv: 'P-256' })],
    ['Ed25519', async () => generateKey({ kty: 'OKP', crv: 'Ed25519' })],
  ] as const) {
    it(`${name}: openssl req -verify accepts it and reads its subject and key`, async function () {
      const key = await makeKey();
      const csr = await createCertificateSigningRequest(key, { subject: 'CN=api.example.com, O=Acme' });
      assert.match(csr, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
      if (!HAS_OPENSSL) this.skip(); // openssl is not installed: nothing to verify with
      const r = opensslIn({ 'r.csr': csr }, ['req', '-in', 'r.csr', '-verify', '-noout', '-subject']);
      assert.equal(r.status, 0, r.out);
      assert.match(r.out, /verify OK/);
      assert.match(r.out, /CN ?= ?api\.example\.com, O ?= ?Acme/);
      const pub = opensslIn({ 'r.csr': csr }, ['req', '-in', 'r.csr', '-noout', '-pubkey']);
      assert.equal((await keyOf(pub.out)).kid, key.kid);
    });
  }
});
