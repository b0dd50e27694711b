/**
 * Certificates of stored keys: *Create Self-Signed Certificate* (stored with the key — the `.crt` a
 * Salesforce connected app takes), *Create Certificate Signing Request*, *Export Certificate* and
 * *Show Certificate*. The certificate engine (@peculiar/x509) loads on first use, not at activation.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError } from '../core';
import type { Logger } from '../log';
import type { StoredKey } from './keyEntry';
import type { KeyStore } from './keyStore';
import { fileNameFor, publicExport } from './exportCommands';
import { optionalCount, optionalText } from '../common/invocation';
import { registerKeyCommand } from './invocation';
import { deliverText, keyFor, type KeyFilter } from './keyUi';

const loadCertificates = (): Promise<typeof import('../core/certificates')> => import('../core/certificates');

const CAN_SIGN: KeyFilter = {
  accepts: f => f.hasPrivate && f.kty !== 'oct',
  none: 'No stored key can sign a certificate: that needs an RSA, EC or Ed25519 key with its private part.',
  refuse: f => `The key "${f.label}" cannot sign a certificate: that needs an RSA, EC or Ed25519 key with its private part.`,
};
const HAS_CERTIFICATE: KeyFilter = {
  accepts: f => f.certificate !== undefined,
  none: 'No stored key has a certificate yet: create a self-signed certificate for a key first.',
  refuse: f => `The key "${f.label}" has no certificate: create a self-signed certificate for it first.`,
};

const DAY_MS = 86_400_000;

function askSubject(stored: StoredKey): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt: 'Subject (distinguished name)',
    value: `CN=${stored.facts.label.replace(/[,+=<>#;"\\]/g, ' ').trim() || 'JWT Workbench'}`,
    validateInput: v => (/^\s*[A-Za-z][A-Za-z0-9.]*\s*=/.test(v) ? undefined : 'Write it like CN=My App, O=Acme'),
  });
}

export function registerCertificateCommands(store: KeyStore, log: Logger): vscode.Disposable[] {
  const create = registerKeyCommand(Command.keysCreateCertificate, log, async call => {
    const stored = await keyFor(store, call, CAN_SIGN, 'Create a self-signed certificate for which key?');
    if (!stored) return undefined;
    let subject: string | undefined;
    let days: number | undefined;
    if (call.auto) {
      subject = optionalText(call.args, 'subject') ?? `CN=${stored.facts.label}`;
      days = optionalCount(call.args, 'days') ?? 365;
    } else {
      if (stored.facts.certificate) {
        const answer = await vscode.window.showWarningMessage(
          `"${stored.facts.label}" already has a certificate (${stored.facts.certificate.subject}). Replace it?`,
          { modal: true, detail: 'Export the current certificate first if a connected app still uses it.' },
          'Replace',
        );
        if (answer !== 'Replace') return undefined;
      }
      subject = await askSubject(stored);
      if (subject === undefined) return undefined;
      const typed = await vscode.window.showInputBox({
        prompt: 'Valid for how many days?',
        value: '365',
        validateInput: v => (/^\d+$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 36500 ? undefined : 'A whole number of days, 1 to 36500.'),
      });
      if (typed === undefined) return undefined;
      days = Number(typed.trim());
    }
    const certs = await loadCertificates();
    const certificatePem = await certs.createSelfSignedCertificate(stored.key, { subject, days });
    await store.attachCertificate(stored.facts.id, certificatePem);
    log.info(`created a self-signed certificate (${days} days) for key ${stored.facts.kid}`);
    if (!call.auto) {
      const next = await vscode.window.showInformationMessage(`Created a self-signed certificate for "${stored.facts.label}", valid ${days} days.`, 'Export Certificate…');
      if (next) await deliverText(certificatePem, { what: 'certificate', language: 'plaintext', fileName: fileNameFor(stored.facts.label, 'crt') });
    }
    return { certificatePem };
  });

  const csr = registerKeyCommand(Command.keysCreateCsr, log, async call => {
    const stored = await keyFor(store, call, CAN_SIGN, 'Create a certificate signing request for which key?');
    if (!stored) return undefined;
    const subject = call.auto ? (optionalText(call.args, 'subject') ?? `CN=${stored.facts.label}`) : await askSubject(stored);
    if (subject === undefined) return undefined;
    const csrPem = await (await loadCertificates()).createCertificateSigningRequest(stored.key, { subject });
    if (!call.auto) await deliverText(csrPem, { what: 'certificate signing request', language: 'plaintext', fileName: fileNameFor(stored.facts.label, 'csr') });
    return { csrPem };
  });

  const exportCertificate = registerKeyCommand(Command.keysExportCertificate, log, async call => {
    const stored = await keyFor(store, call, HAS_CERTIFICATE, 'Export the certificate of which key?');
    if (!stored) return undefined;
    const pem = await publicExport(stored, 'certificate-pem');
    if (!call.auto) await deliverText(pem, { what: 'certificate', language: 'plaintext', fileName: fileNameFor(stored.facts.label, 'crt') });
    return pem;
  });

  const show = registerKeyCommand(Command.keysShowCertificate, log, async call => {
    const stored = await keyFor(store, call, HAS_CERTIFICATE, 'Show the certificate of which key?');
    if (!stored) return undefined;
    const pem = stored.key.certificatePem;
    if (!pem) throw new WorkbenchError('KEY_NOT_FOUND', `The key "${stored.facts.label}" has no certificate.`, { id: stored.facts.id });
    const info = await (await loadCertificates()).inspectCertificate(pem, stored.key);
    const result = {
      subject: info.subject,
      issuer: info.issuer,
      serialNumber: info.serialNumber,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      daysLeft: info.daysLeft,
      expired: info.expired,
      selfSigned: info.selfSigned,
      sha1Fingerprint: info.sha1Fingerprint,
      sha256Fingerprint: info.sha256Fingerprint,
      publicKeyAlgorithm: info.publicKeyAlgorithm,
      signatureAlgorithm: info.signatureAlgorithm,
      matchesKey: info.matchesKey === true,
    };
    if (call.auto) return result;
    const validity = info.expired ? `expired ${Math.abs(info.daysLeft)} days ago` : `${info.daysLeft} days left`;
    const detail = [
      `Subject: ${info.subject}`,
      `Issuer: ${info.issuer}${info.selfSigned ? ' (self-signed)' : ''}`,
      `Valid: ${result.notBefore.slice(0, 10)} to ${result.notAfter.slice(0, 10)} (${validity})`,
      `Serial: ${info.serialNumber}`,
      `Key: ${info.publicKeyAlgorithm} · signed with ${info.signatureAlgorithm}`,
      `SHA-1: ${info.sha1Fingerprint}`,
      `SHA-256: ${info.sha256Fingerprint}`,
      `Matches the key "${stored.facts.label}": ${result.matchesKey ? '✓ yes' : '✗ no'}`,
    ].join('\n');
    const warn = info.expired || info.notAfter.getTime() - Date.now() < 30 * DAY_MS;
    const message = `Certificate of "${stored.facts.label}"`;
    const copy = 'Copy SHA-256 Fingerprint';
    const answer = warn
      ? await vscode.window.showWarningMessage(message, { modal: true, detail }, copy)
      : await vscode.window.showInformationMessage(message, { modal: true, detail }, copy);
    if (answer === copy) await vscode.env.clipboard.writeText(info.sha256Fingerprint);
    return result;
  });

  return [create, csr, exportCertificate, show];
}
