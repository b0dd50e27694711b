/**
 * *Export Public Key* (PEM / JWK / JWKS, or the certificate) and *Export Private Key* (PKCS#8 PEM or
 * JWK). Public exports return their text when called with arguments; a private export always asks
 * first (modal) and only goes to a file or the clipboard, never to an editor (untitled editors are
 * backed up to disk) and never back to the caller.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, exportKey, type KeyExportFormat } from '../core';
import type { Logger } from '../log';
import type { StoredKey } from './keyEntry';
import type { KeyStore } from './keyStore';
import { choice } from '../common/invocation';
import { registerKeyCommand } from './invocation';
import { deliverText, keyFor, type KeyFilter } from './keyUi';

export const PUBLIC_FORMATS = ['public-pem', 'public-jwk', 'public-jwks', 'certificate-pem'] as const;
export type PublicFormat = (typeof PUBLIC_FORMATS)[number];
const PRIVATE_FORMATS = ['private-pem', 'private-jwk'] as const;

const ASYMMETRIC: KeyFilter = {
  accepts: f => f.kty !== 'oct',
  none: 'No stored key has a public part to export (HMAC secrets have none): generate or import an RSA, EC or Ed25519 key.',
  refuse: f => `The key "${f.label}" is an HMAC secret: it has no public part to export (export it as a private JWK).`,
};
const PRIVATE: KeyFilter = {
  accepts: f => f.hasPrivate || f.kty === 'oct',
  none: 'No stored key has a private part to export.',
  refuse: f => `The key "${f.label}" is public only: it has no private part to export.`,
};

const FORMAT_NAMES: Record<PublicFormat | (typeof PRIVATE_FORMATS)[number], { label: string; language: string; ext: string; what: string }> = {
  'public-pem': { label: 'PEM (SubjectPublicKeyInfo)', language: 'plaintext', ext: 'pub.pem', what: 'public key (PEM)' },
  'public-jwk': { label: 'JWK', language: 'json', ext: 'pub.jwk', what: 'public key (JWK)' },
  'public-jwks': { label: 'JWK Set (a JWKS endpoint\'s content)', language: 'json', ext: 'jwks.json', what: 'JWK Set' },
  'certificate-pem': { label: 'Certificate (.crt, what a Salesforce connected app takes)', language: 'plaintext', ext: 'crt', what: 'certificate' },
  'private-pem': { label: 'PKCS#8 PEM', language: 'plaintext', ext: 'key', what: 'private key (PKCS#8 PEM)' },
  'private-jwk': { label: 'JWK', language: 'json', ext: 'private.jwk', what: 'private key (JWK)' },
};

/** A file name from a label: letters, digits, dot, dash and underscore only. */
export function fileNameFor(label: string, ext: string): string {
  const base = label.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'key';
  return `${base}.${ext}`;
}

/** The text of a public export. */
export async function publicExport(stored: StoredKey, format: PublicFormat): Promise<string> {
  if (format !== 'certificate-pem') return exportKey(stored.key, format satisfies KeyExportFormat);
  if (!stored.key.certificatePem) {
    throw new WorkbenchError('KEY_NOT_FOUND', `The key "${stored.facts.label}" has no certificate: create a self-signed certificate for it first.`, { id: stored.facts.id });
  }
  return stored.key.certificatePem;
}

export function registerExportCommands(store: KeyStore, log: Logger): vscode.Disposable[] {
  const exportPublic = registerKeyCommand(Command.keysExport, log, async call => {
    const stored = await keyFor(store, call, ASYMMETRIC, 'Export the public part of which key?');
    if (!stored) return undefined;
    if (call.auto) return publicExport(stored, choice(call.args, 'format', PUBLIC_FORMATS));
    const formats = PUBLIC_FORMATS.filter(f => f !== 'certificate-pem' || stored.key.certificatePem);
    const picked = await vscode.window.showQuickPick(formats.map(f => ({ label: FORMAT_NAMES[f].label, format: f })), { placeHolder: 'Export as…' });
    if (!picked) return undefined;
    const names = FORMAT_NAMES[picked.format];
    await deliverText(await publicExport(stored, picked.format), { what: names.what, language: names.language, fileName: fileNameFor(stored.facts.label, names.ext) });
    return undefined;
  });

  const exportPrivate = registerKeyCommand(Command.keysExportPrivate, log, async call => {
    const stored = await keyFor(store, call, PRIVATE, 'Export the private part of which key?');
    if (!stored) return undefined;
    let format: (typeof PRIVATE_FORMATS)[number] | undefined;
    if (stored.facts.kty === 'oct') format = 'private-jwk'; // an HMAC secret has no PEM form
    else if (call.auto) format = choice(call.args, 'format', PRIVATE_FORMATS);
    else format = (await vscode.window.showQuickPick(PRIVATE_FORMATS.map(f => ({ label: FORMAT_NAMES[f].label, format: f })), { placeHolder: 'Export the private key as…' }))?.format;
    if (!format) return undefined;
    // Asked every time, arguments or not: another extension must not be able to take a private key silently.
    const answer = await vscode.window.showWarningMessage(
      `Export the private key "${stored.facts.label}"?`,
      { modal: true, detail: 'Anyone who has the private key can sign as you (or read what was encrypted for it). Keep the file out of source control and delete it when done.' },
      'Export',
    );
    if (answer !== 'Export') return undefined;
    const names = FORMAT_NAMES[format];
    const to = await deliverText(await exportKey(stored.key, format), { what: names.what, language: names.language, fileName: fileNameFor(stored.facts.label, names.ext), secret: true });
    if (to) log.info(`exported the private key ${stored.facts.kid} to the ${to}`);
    return to ? { exported: stored.facts.id, to } : undefined;
  });

  return [exportPublic, exportPrivate];
}
