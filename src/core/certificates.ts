/**
 * X.509 certificates and certificate signing requests: make a self-signed certificate for a key (what a
 * Salesforce connected app asks for), make a CSR, and inspect a certificate. Uses @peculiar/x509 over
 * WebCrypto, so it runs in the browser too.
 */
// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API
// loaded before it: keep this import first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { WorkbenchError } from './errors';
import { importKey, loadKeyPair, thumbprint } from './keys';
import { assertKeyMaterial } from './keys/material';
import { looksLikePem, splitPem } from './keys/pem';
import type { KeyMaterial } from './types';

/** Options of {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /** Distinguished name, e.g. `"CN=My App, O=Acme"`. Subject and issuer alike. */
  subject: string;
  /** Validity in days from `notBefore` (default 365). */
  days?: number;
  /** Serial number in hexadecimal (default: 16 random bytes). */
  serialNumber?: string;
  /** Start of validity (default: now). */
  notBefore?: Date;
}

/** What {@link inspectCertificate} reports. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Hexadecimal, upper case. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Whole days until `notAfter` (negative once expired). */
  daysLeft: number;
  expired: boolean;
  /** Issuer equals subject and the certificate's signature verifies with its own key. */
  selfSigned: boolean;
  /** `AA:BB:…`, upper case, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256Fingerprint: string;
  sha1Fingerprint: string;
  /** e.g. `"RSA 2048-bit"`, `"EC P-256"`, `"Ed25519"`. */
  publicKeyAlgorithm: string;
  /** e.g. `"SHA-256 with RSA (PKCS#1 v1.5)"`, `"ECDSA with SHA-384"`, `"Ed25519"`. */
  signatureAlgorithm: string;
  /** Present when a key was given: whether the certificate carries that key's public part. */
  matchesKey?: boolean;
}

const DAY_MS = 86_400_000;

/** The WebCrypto signature algorithm for certificates signed by `key`. RSA is PKCS#1 v1.5 with SHA-256. */
function signingAlgorithmFor(key: KeyMaterial): Algorithm | EcdsaParams | RsaHashedImportParams {
  switch (key.kty) {
    case 'RSA': return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    case 'EC': {
      const crv = key.privateJwk?.crv ?? key.publicJwk.crv;
      return { name: 'ECDSA', hash: crv === 'P-521' ? 'SHA-512' : crv === 'P-384' ? 'SHA-384' : 'SHA-256' };
    }
    default: return { name: 'Ed25519' };
  }
}

function parseSubject(subject: unknown): x509.Name {
  if (typeof subject !== 'string') throw new WorkbenchError('CERT_INVALID', 'The subject must be a distinguished name written as text, like "CN=My App, O=Acme".');
  const trimmed = subject.trim();
  const invalid = (cause?: unknown): WorkbenchError => new WorkbenchError('CERT_INVALID',
    `The subject ${JSON.stringify(subject)} is not a distinguished name: write it like "CN=My App, O=Acme".`,
    undefined, cause === undefined ? undefined : { cause });
  if (!/^[A-Za-z][A-Za-z0-9.]*\s*=/.test(trimmed)) throw invalid();
  try {
    return new x509.Name(trimmed);
  } catch (cause) {
    throw invalid(cause);
  }
}

/** The longest validity a certificate gets here: past it, dates overflow what X.509 and JavaScript can write. */
const MAX_DAYS = 36500;

function serialNumberHex(serial: unknown): string {
  if (serial === undefined) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    // Positive (high bit clear) and without a leading zero byte, as RFC 5280 §4.1.2.2 wants.
    bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
    return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  }
  const clean = typeof serial === 'string' ? serial.replace(/[\s:]/g, '') : '';
  if (!/^[0-9a-fA-F]{1,40}$/.test(clean)) {
    throw new WorkbenchError('CERT_INVALID', `The serial number ${JSON.stringify(serial)} must be 1 to 40 hexadecimal digits.`);
  }
  return clean;
}

/**
 * A self-signed X.509 certificate (PEM) for `key`, signed with SHA-256 (RSA PKCS#1 v1.5 — what a
 * Salesforce connected app takes), ECDSA with SHA-256/384/512 by curve, or Ed25519. It carries
 * basicConstraints CA:TRUE and key identifiers, like `openssl req -x509`.
 * @throws WorkbenchError `KEY_NOT_PRIVATE`, `KEY_UNSUPPORTED` (HMAC), `CERT_INVALID` (subject, serial, days).
 * @example const pem = await createSelfSignedCertificate(key, { subject: 'CN=My App, O=Acme', days: 730 });
 */
export async function createSelfSignedCertificate(key: KeyMaterial, options: SelfSignedCertificateOptions): Promise<string> {
  assertKeyMaterial(key);
  const name = parseSubject((options as Partial<SelfSignedCertificateOptions> | undefined)?.subject);
  const days: unknown = options.days ?? 365;
  if (typeof days !== 'number' || !Number.isFinite(days) || days <= 0 || days > MAX_DAYS) {
    throw new WorkbenchError('CERT_INVALID', `The validity must be a number of days from 1 to ${MAX_DAYS} (100 years), not ${JSON.stringify(days) ?? String(days)}.`);
  }
  const notBefore: unknown = options.notBefore ?? new Date();
  if (!(notBefore instanceof Date) || Number.isNaN(notBefore.getTime())) throw new WorkbenchError('CERT_INVALID', 'The start of validity (notBefore) is not a valid date.');
  const serialNumber = serialNumberHex(options.serialNumber);
  const keys = await loadKeyPair(key);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber,
    name,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * DAY_MS),
    keys,
    signingAlgorithm: signingAlgorithmFor(key),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return `${cert.toString('pem')}\n`;
}

/**
 * A PKCS#10 certificate signing request (PEM `CERTIFICATE REQUEST`) for `key`, signed like
 * {@link createSelfSignedCertificate} signs.
 * @example await createCertificateSigningRequest(key, { subject: 'CN=api.example.com' })
 */
export async function createCertificateSigningRequest(key: KeyMaterial, options: { subject: string }): Promise<string> {
  assertKeyMaterial(key);
  const name = parseSubject((options as { subject?: unknown } | undefined)?.subject);
  const keys = await loadKeyPair(key);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name, keys, signingAlgorithm: signingAlgorithmFor(key) });
  return `${csr.toString('pem')}\n`;
}

function hexColons(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map(b => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** "RSA 2048-bit", "EC P-256", "Ed25519": the same words as keyTypeLabel in ./keys uses for keys. */
function describePublicKey(alg: KeyAlgorithm & { modulusLength?: number; namedCurve?: string }): string {
  if (alg.modulusLength) return `RSA ${alg.modulusLength}-bit`;
  if (alg.namedCurve) return `EC ${alg.namedCurve}`;
  return alg.name;
}

function describeSignatureAlgorithm(alg: Algorithm & { hash?: Algorithm | string }): string {
  const hash = typeof alg.hash === 'string' ? alg.hash : alg.hash?.name;
  switch (alg.name) {
    case 'RSASSA-PKCS1-v1_5': return `${hash ?? '?'} with RSA (PKCS#1 v1.5)`;
    case 'RSA-PSS': return `RSA-PSS with ${hash ?? '?'}`;
    case 'ECDSA': return `ECDSA with ${hash ?? '?'}`;
    default: return hash ? `${alg.name} with ${hash}` : alg.name;
  }
}

function parseCertificate(pem: string): x509.X509Certificate {
  const invalid = (detail: string, cause?: unknown): WorkbenchError =>
    new WorkbenchError('CERT_INVALID', `This is not a readable X.509 certificate: ${detail}`, undefined, cause === undefined ? undefined : { cause });
  if (typeof pem !== 'string' || !looksLikePem(pem)) throw invalid('there is no -----BEGIN CERTIFICATE----- line.');
  let blocks;
  try {
    blocks = splitPem(pem);
  } catch (cause) {
    // splitPem's own sentence already says which block is cut short and what to do.
    throw new WorkbenchError('CERT_INVALID', cause instanceof Error ? cause.message : 'This certificate is damaged.', undefined, { cause });
  }
  const block = blocks.find(b => b.label === 'CERTIFICATE');
  if (!block) throw invalid(`the PEM text holds ${blocks.map(b => `"${b.label}"`).join(', ')} but no CERTIFICATE block.`);
  try {
    return new x509.X509Certificate(new Uint8Array(block.der));
  } catch (cause) {
    throw invalid('its contents are damaged.', cause);
  }
}

/**
 * Reads a certificate (the first CERTIFICATE block of `pem`): names, serial, validity, fingerprints,
 * key and signature algorithms, and — when `key` is given — whether the certificate carries that key.
 * Async because fingerprints and the self-signature check go through WebCrypto.
 * @param now The moment `daysLeft` and `expired` are computed for (default: now).
 * @throws WorkbenchError `CERT_INVALID` when there is no readable certificate.
 * @example (await inspectCertificate(pem)).sha256Fingerprint // "79:9C:4F:…"
 */
export async function inspectCertificate(pem: string, key?: KeyMaterial, now: Date = new Date()): Promise<CertificateInfo> {
  const cert = parseCertificate(pem);
  const [publicKey, sha256, sha1] = await Promise.all([
    // Fails for key types WebCrypto cannot load (DSA, …): the certificate is still described.
    cert.publicKey.export().catch(() => undefined),
    cert.getThumbprint('SHA-256'),
    cert.getThumbprint('SHA-1'),
  ]);
  // Same test as x509's isSelfSigned(), reusing the key loaded above instead of loading it again.
  const selfSigned = publicKey !== undefined && cert.subject === cert.issuer
    && await cert.verify({ publicKey, signatureOnly: true }).catch(() => false);
  const info: CertificateInfo = {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    daysLeft: Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS),
    expired: now.getTime() > cert.notAfter.getTime(),
    selfSigned,
    sha256Fingerprint: hexColons(sha256),
    sha1Fingerprint: hexColons(sha1),
    publicKeyAlgorithm: describePublicKey(publicKey?.algorithm ?? cert.publicKey.algorithm),
    signatureAlgorithm: describeSignatureAlgorithm(cert.signatureAlgorithm),
  };
  if (key) {
    const certKey = await importKey(cert.toString('pem')).then(keys => keys[0], () => undefined);
    info.matchesKey = certKey !== undefined && key.kty !== 'oct' && (await thumbprint(certKey)) === (await thumbprint(key));
  }
  return info;
}
