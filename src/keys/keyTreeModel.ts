/**
 * What each row of the Keys view shows, computed from the store's public facts only (never a
 * secret). Pure: no `vscode`, so the benchmark measures it in plain Node.
 */
import { relativeTime } from '../core';
import type { KeyFacts, StoreEntry, UnreadableKey } from './keyEntry';

const DAY_MS = 86_400_000;
/** A certificate this close to its end gets a warning icon. */
export const CERTIFICATE_WARNING_DAYS = 30;

/** One row of the Keys view. Commands run from a row receive it (`instanceof KeyNode` tells them apart from argument objects). */
export class KeyNode {
  private constructor(
    readonly kind: 'key' | 'certificate' | 'unreadable',
    /** The key's id (for a certificate row: the id of its key). */
    readonly id: string,
    readonly facts?: KeyFacts,
    readonly unreadable?: UnreadableKey,
  ) {}

  static key(facts: KeyFacts): KeyNode {
    return new KeyNode('key', facts.id, facts);
  }
  static certificate(facts: KeyFacts): KeyNode {
    return new KeyNode('certificate', facts.id, facts);
  }
  static unreadableEntry(entry: UnreadableKey): KeyNode {
    return new KeyNode('unreadable', entry.id, undefined, entry);
  }
}

/** How a row looks; the tree provider turns it into a TreeItem. */
export interface RowView {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  itemId: string;
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id. */
  icon: string;
  /** A theme colour id for the icon, when it must stand out. */
  iconColor?: string;
  /** Matched by the menus in package.json, e.g. `key.private.rsa.cert`. */
  contextValue: string;
  expandable: boolean;
}

const ICONS: Record<KeyFacts['kty'], string> = { RSA: 'key', EC: 'symbol-key', OKP: 'zap', oct: 'lock' };
const KIND_NAMES: Record<KeyFacts['kty'], string> = { RSA: 'rsa', EC: 'ec', OKP: 'okp', oct: 'oct' };

/** The rows at the top of the view: one per key, then unreadable entries. */
export function rootNodes(entries: readonly StoreEntry[]): KeyNode[] {
  return entries.map(e => (e.kind === 'key' ? KeyNode.key(e.facts) : KeyNode.unreadableEntry(e.entry)));
}

/** A key's children: its certificate, when it has one. */
export function childNodes(node: KeyNode): KeyNode[] {
  return node.kind === 'key' && node.facts?.certificate ? [KeyNode.certificate(node.facts)] : [];
}

/** "3f9a…" for long kids, the whole kid when short. */
export function shortKid(kid: string): string {
  return kid.length > 8 ? `${kid.slice(0, 4)}…` : kid;
}

/** `RS256 · RSA 2048 · kid 3f9a…` (and `public` for a key without its private part). */
export function keyDescription(facts: KeyFacts): string {
  return [facts.alg, facts.typeLabel.replace(/-bit$/, ''), facts.hasPrivate || facts.kty === 'oct' ? undefined : 'public', `kid ${shortKid(facts.kid)}`]
    .filter(Boolean)
    .join(' · ');
}

function usage(facts: KeyFacts): string {
  if (facts.kty === 'oct') return 'shared secret: signs and verifies (HMAC)';
  const does = facts.use === 'enc' ? ['decrypts', 'encrypts'] : facts.use === 'sig' ? ['signs', 'verifies'] : ['signs and decrypts', 'verifies and encrypts'];
  return facts.hasPrivate ? `private key: ${does[0]}` : `public key only: ${does[1]}`;
}

/** "expires in 11 months" / "expired 3 days ago", and whether to warn. */
export function certificateStatus(notAfter: string, now: Date): { text: string; warn: boolean; expired: boolean } {
  const end = new Date(notAfter);
  const left = end.getTime() - now.getTime();
  const expired = left <= 0;
  return {
    text: expired ? `expired ${relativeTime(end, now)}` : `expires ${relativeTime(end, now)}`,
    warn: left < CERTIFICATE_WARNING_DAYS * DAY_MS,
    expired,
  };
}

/** The row for `node` at `now`. */
export function describeNode(node: KeyNode, now: Date): RowView {
  if (node.kind === 'unreadable') {
    const reason = node.unreadable?.reason ?? 'it cannot be read';
    return {
      itemId: `unreadable:${node.id}`,
      label: `Unreadable key ${node.id}`,
      description: 'cannot be read',
      tooltip: `This stored entry cannot be read: ${reason}.\nDelete it, or copy its raw text to repair it by hand.`,
      icon: 'error',
      iconColor: 'errorForeground',
      contextValue: 'unreadable',
      expandable: false,
    };
  }
  const facts = node.facts;
  if (!facts) throw new Error('a key row without facts');
  if (node.kind === 'certificate' && facts.certificate) {
    const status = certificateStatus(facts.certificate.notAfter, now);
    return {
      itemId: `certificate:${facts.id}`,
      label: facts.certificate.subject,
      description: status.text,
      tooltip: `Certificate of ${facts.label}\nSubject: ${facts.certificate.subject}\nValid until ${facts.certificate.notAfter} (${status.text})`,
      icon: status.warn ? 'warning' : 'verified',
      ...(status.warn ? { iconColor: status.expired ? 'errorForeground' : 'list.warningForeground' } : {}),
      contextValue: status.warn ? 'certificate.warning' : 'certificate',
      expandable: false,
    };
  }
  const access = facts.hasPrivate ? 'private' : 'public';
  return {
    // A new id once a certificate is attached: VS Code would otherwise keep the row collapsed as it was.
    itemId: `key:${facts.id}${facts.certificate ? ':certified' : ''}`,
    label: facts.label,
    description: keyDescription(facts),
    tooltip: [
      facts.label,
      `${facts.typeLabel}${facts.alg ? ` · ${facts.alg}` : ''}`,
      `kid: ${facts.kid}`,
      `Thumbprint (RFC 7638, SHA-256): ${facts.thumbprint}`,
      `Created: ${facts.created.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}`,
      `Usage: ${usage(facts)}`,
    ].join('\n'),
    icon: ICONS[facts.kty],
    contextValue: `key.${access}.${KIND_NAMES[facts.kty]}${facts.certificate ? '.cert' : ''}`,
    expandable: facts.certificate !== undefined,
  };
}
