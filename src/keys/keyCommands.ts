/**
 * Keys commands that make, list, name and remove keys: Generate, List, Rename, Copy Key ID, Copy
 * Thumbprint, Delete, Copy Raw (for unreadable entries). None returns private material.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, generateKey, type KeySpec } from '../core';
import type { Logger } from '../log';
import type { KeyFacts } from './keyEntry';
import type { KeyStore } from './keyStore';
import { choice, optionalText, text } from '../common/invocation';
import { registerKeyCommand } from './invocation';
import { ANY_KEY, keyFor } from './keyUi';

export const KEY_TYPES = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'P-256', 'P-384', 'P-521', 'Ed25519', 'HS256', 'HS384', 'HS512'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

const SPECS: Record<KeyType, { spec: KeySpec; label: string; detail: string }> = {
  'RSA-2048': { spec: { kty: 'RSA', bits: 2048 }, label: 'RSA 2048', detail: 'RS256 — what a Salesforce connected app takes; the most widely accepted' },
  'RSA-3072': { spec: { kty: 'RSA', bits: 3072 }, label: 'RSA 3072', detail: 'RS256' },
  'RSA-4096': { spec: { kty: 'RSA', bits: 4096 }, label: 'RSA 4096', detail: 'RS256 (takes a few seconds to generate)' },
  'P-256': { spec: { kty: 'EC', crv: 'P-256' }, label: 'EC P-256', detail: 'ES256 — small and fast' },
  'P-384': { spec: { kty: 'EC', crv: 'P-384' }, label: 'EC P-384', detail: 'ES384' },
  'P-521': { spec: { kty: 'EC', crv: 'P-521' }, label: 'EC P-521', detail: 'ES512' },
  Ed25519: { spec: { kty: 'OKP', crv: 'Ed25519' }, label: 'Ed25519', detail: 'EdDSA' },
  HS256: { spec: { kty: 'oct', bits: 256 }, label: 'HMAC 256', detail: 'HS256 — a shared secret' },
  HS384: { spec: { kty: 'oct', bits: 384 }, label: 'HMAC 384', detail: 'HS384 — a shared secret' },
  HS512: { spec: { kty: 'oct', bits: 512 }, label: 'HMAC 512', detail: 'HS512 — a shared secret' },
};

/** What `jwtWorkbench.keys.list` returns for each entry: public facts only. */
export type ListedKey =
  | { id: string; label: string; kid: string; kty: KeyFacts['kty']; alg?: string; hasPrivate: boolean; thumbprint: string; certificate?: { subject: string; notAfter: string } }
  | { id: string; unreadable: true; reason: string };

function listed(facts: KeyFacts): ListedKey {
  return {
    id: facts.id,
    label: facts.label,
    kid: facts.kid,
    kty: facts.kty,
    ...(facts.alg ? { alg: facts.alg } : {}),
    hasPrivate: facts.hasPrivate,
    thumbprint: facts.thumbprint,
    ...(facts.certificate ? { certificate: { ...facts.certificate } } : {}),
  };
}

/** "RSA 2048 2026-12-02". */
function defaultLabel(type: KeyType, now: Date): string {
  return `${SPECS[type].label} ${now.toISOString().slice(0, 10)}`;
}

export function registerKeyCommands(store: KeyStore, log: Logger): vscode.Disposable[] {
  const generate = registerKeyCommand(Command.keysGenerate, log, async call => {
    let type: KeyType;
    let label: string | undefined;
    if (call.auto) {
      type = choice(call.args, 'type', KEY_TYPES);
      label = optionalText(call.args, 'label');
    } else {
      const picked = await vscode.window.showQuickPick(
        KEY_TYPES.map(t => ({ label: SPECS[t].label, detail: SPECS[t].detail, type: t })),
        { placeHolder: 'Which kind of key?', matchOnDetail: true },
      );
      if (!picked) return undefined;
      type = picked.type;
      label = await vscode.window.showInputBox({ prompt: 'A label for the key', value: defaultLabel(type, new Date()), validateInput: v => (v.trim() ? undefined : 'Type a label.') });
      if (label === undefined) return undefined;
    }
    const key = await vscode.window.withProgress(
      { location: { viewId: 'jwtWorkbench.keys' }, title: `Generating an ${SPECS[type].label} key` },
      () => generateKey(SPECS[type].spec),
    );
    const [facts] = await store.add([{ ...key, label: label?.trim() || defaultLabel(type, new Date()) }]);
    if (!facts) throw new WorkbenchError('INTERNAL', 'The new key was not stored.');
    if (!call.auto) void vscode.window.showInformationMessage(`Generated "${facts.label}" (${facts.typeLabel}, kid ${facts.kid}).`);
    return { id: facts.id, kid: facts.kid };
  });

  const list = registerKeyCommand(Command.keysList, log, async (): Promise<ListedKey[]> =>
    (await store.list()).map(e => (e.kind === 'key' ? listed(e.facts) : { id: e.entry.id, unreadable: true as const, reason: e.entry.reason })));

  const rename = registerKeyCommand(Command.keysRename, log, async call => {
    const stored = await keyFor(store, call, ANY_KEY, 'Rename which key?');
    if (!stored) return undefined;
    const label = call.auto
      ? text(call.args, 'label')
      : await vscode.window.showInputBox({ prompt: 'New label', value: stored.facts.label, validateInput: v => (v.trim() ? undefined : 'Type a label.') });
    if (label === undefined) return undefined;
    const facts = await store.rename(stored.facts.id, label);
    return { id: facts.id, kid: facts.kid, label: facts.label };
  });

  const copy = (id: string, what: 'kid' | 'thumbprint'): vscode.Disposable =>
    registerKeyCommand(id, log, async call => {
      const stored = await keyFor(store, call, ANY_KEY, what === 'kid' ? 'Copy the key ID of which key?' : 'Copy the thumbprint of which key?');
      if (!stored) return undefined;
      const value = what === 'kid' ? stored.facts.kid : stored.facts.thumbprint;
      await vscode.env.clipboard.writeText(value);
      vscode.window.setStatusBarMessage(`$(check) Copied the ${what === 'kid' ? 'key ID' : 'RFC 7638 thumbprint'} of ${stored.facts.label}`, 3000);
      return value;
    });

  const remove = registerKeyCommand(Command.keysDelete, log, async call => {
    let id: string;
    let name: string;
    if (!call.auto && call.node?.kind === 'unreadable') {
      id = call.node.id;
      name = `the unreadable entry ${id}`;
    } else {
      const stored = await keyFor(store, call, ANY_KEY, 'Delete which key?');
      if (!stored) return undefined;
      id = stored.facts.id;
      name = `"${stored.facts.label}" (${stored.facts.typeLabel}, kid ${stored.facts.kid})`;
    }
    if (!call.auto) {
      const answer = await vscode.window.showWarningMessage(
        `Delete ${name}?`,
        { modal: true, detail: 'The key is removed from this computer\'s secret storage. Without a backup or another copy it cannot be recovered.' },
        'Delete',
      );
      if (answer !== 'Delete') return undefined;
    }
    await store.delete(id);
    return { deleted: id };
  });

  const copyRaw = registerKeyCommand(Command.keysCopyRaw, log, async call => {
    const id = call.auto ? text(call.args, 'id') : call.node?.id;
    if (id === undefined) return undefined;
    const raw = await store.raw(id);
    if (raw === undefined) throw new WorkbenchError('KEY_NOT_FOUND', `There is no stored entry with id ${id}.`, { id });
    // Raw text may hold a private key: the person confirms every time, arguments or not.
    const answer = await vscode.window.showWarningMessage(
      `Copy the raw text of entry ${id}?`,
      { modal: true, detail: 'It may contain private key material. Paste it only where you mean to repair or keep it.' },
      'Copy',
    );
    if (answer !== 'Copy') return undefined;
    await vscode.env.clipboard.writeText(raw);
    vscode.window.setStatusBarMessage('$(check) Copied the raw entry', 3000);
    return { copied: id };
  });

  return [generate, list, rename, copy(Command.keysCopyKid, 'kid'), copy(Command.keysCopyThumbprint, 'thumbprint'), remove, copyRaw];
}
