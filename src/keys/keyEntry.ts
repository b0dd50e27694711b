/**
 * What one stored key looks like, in SecretStorage (the whole key, private part included) and in
 * globalState (public facts only, so the tree draws without reading a secret). Pure: no `vscode`.
 */
import type { KeyMaterial } from '../core';

/** The SecretStorage entry of one key: `jwtWorkbench.key.<id>`. */
export interface KeyEntry {
  format: 'jwt-workbench-key';
  version: 1;
  id: string;
  /** ISO 8601. */
  created: string;
  key: KeyMaterial;
}

/** Non-secret facts about a stored key: all the tree, the list command and pickers need. */
export interface KeyFacts {
  id: string;
  label: string;
  kid: string;
  kty: KeyMaterial['kty'];
  alg?: string;
  use?: 'sig' | 'enc';
  /** e.g. "RSA 2048-bit", "EC P-256", "HMAC 256-bit". */
  typeLabel: string;
  /** RFC 7638 SHA-256 thumbprint (base64url): how restore and import recognise a key already stored. */
  thumbprint: string;
  hasPrivate: boolean;
  /** ISO 8601. */
  created: string;
  certificate?: CertificateFacts;
}

export interface CertificateFacts {
  subject: string;
  /** ISO 8601. */
  notAfter: string;
}

/** A stored key, read from SecretStorage. Holds private material: never log it or send it anywhere. */
export interface StoredKey {
  facts: KeyFacts;
  key: KeyMaterial;
}

/** An entry that is there but cannot be read: listed so that nothing disappears silently. */
export interface UnreadableKey {
  id: string;
  /** Why, in words (never the entry's content). */
  reason: string;
}

export type StoreEntry = { kind: 'key'; facts: KeyFacts } | { kind: 'unreadable'; entry: UnreadableKey };

const KTYS: readonly string[] = ['RSA', 'EC', 'OKP', 'oct'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: 'string' | 'object'): boolean => v === undefined || (type === 'object' ? isObject(v) : typeof v === type);

/** The reason `value` is not a {@link KeyMaterial}, or undefined when it is one. */
export function keyMaterialProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'the key is not a JSON object';
  if (typeof value.kid !== 'string' || value.kid === '') return 'the key has no "kid"';
  if (typeof value.kty !== 'string' || !KTYS.includes(value.kty)) return 'the key type ("kty") is not RSA, EC, OKP or oct';
  if (!isObject(value.publicJwk)) return 'the key has no public part ("publicJwk")';
  if (!optional(value.privateJwk, 'object')) return 'the private part ("privateJwk") is not an object';
  if (!optional(value.certificatePem, 'string') || !optional(value.label, 'string') || !optional(value.alg, 'string')) {
    return 'a member ("certificatePem", "label" or "alg") is not text';
  }
  return undefined;
}

/**
 * Reads a SecretStorage entry. Returns the entry, or why it cannot be used (never its content: it may
 * be a damaged private key).
 */
export function parseKeyEntry(raw: string, id: string): KeyEntry | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { problem: 'the entry is not JSON' };
  }
  if (!isObject(value) || value.format !== 'jwt-workbench-key') return { problem: 'the entry is not a JWT Workbench key' };
  if (value.version !== 1) return { problem: `the entry has version ${JSON.stringify(value.version)}, which this version of JWT Workbench does not read` };
  if (value.id !== id) return { problem: 'the entry names another id' };
  if (typeof value.created !== 'string') return { problem: 'the entry has no creation date' };
  const problem = keyMaterialProblem(value.key);
  if (problem) return { problem };
  return value as unknown as KeyEntry;
}

/** Whether a globalState value is usable facts for `id` (globalState may hold anything an older version wrote). */
export function isKeyFacts(value: unknown, id: string): value is KeyFacts {
  return isObject(value) && value.id === id && typeof value.label === 'string' && typeof value.kid === 'string'
    && typeof value.kty === 'string' && KTYS.includes(value.kty) && typeof value.typeLabel === 'string'
    && typeof value.thumbprint === 'string' && typeof value.hasPrivate === 'boolean' && typeof value.created === 'string'
    && (value.certificate === undefined || (isObject(value.certificate) && typeof value.certificate.subject === 'string'
      && typeof value.certificate.notAfter === 'string'));
}
