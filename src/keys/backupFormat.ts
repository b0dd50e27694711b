/**
 * The backup file: every key (and, once they exist, every connected-app profile) in a versioned JSON
 * document, encrypted with a passphrase as a compact JWE (`PBES2-HS512+A256KW` / `A256GCM`, 600,000
 * PBKDF2 iterations). The engine refuses tokens over 1 MiB, so a large store is written as several
 * JWEs, one per line, each a complete document naming its part: a missing part is noticed.
 *
 * Pure (no `vscode`): the encryption is the engine's.
 */
import { WorkbenchError, decryptToken, encryptToken, isWorkbenchError, type JWK, type KeyMaterial } from '../core';
import { keyMaterialProblem } from './keyEntry';

export const BACKUP_FORMAT = 'jwt-workbench-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_KEY_ALGORITHM = 'PBES2-HS512+A256KW';
export const BACKUP_CONTENT_ALGORITHM = 'A256GCM';
/** PBKDF2 iterations of a new backup: above OWASP's 210,000 for PBKDF2-HMAC-SHA512. */
export const BACKUP_PBES2_COUNT = 600_000;
/** The most iterations a backup may ask for when read (a huge count in a planted file would hang the editor). */
export const MAX_BACKUP_PBES2_COUNT = 2_000_000;
export const MIN_PASSPHRASE_LENGTH = 8;
/** Plaintext per JWE: its base64url ciphertext stays well under the engine's 1 MiB token limit. */
const PART_CHARS = 600_000;

/** One key in a backup. */
export interface BackupKey {
  /** ISO 8601: when it was first stored. */
  created: string;
  key: KeyMaterial;
}

/** The plaintext of each JWE in a backup file. */
export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601. */
  created: string;
  /** 1-based; `parts` JWEs (lines) make the whole backup. */
  part: number;
  parts: number;
  keys: BackupKey[];
  /** Connected-app profiles (their own issue): written in part 1, carried through restore untouched until then. */
  profiles: unknown[];
}

/** What a backup holds, all parts together. */
export interface BackupContents {
  keys: BackupKey[];
  profiles: unknown[];
  /** Entries that were in the file but are not keys this version reads. */
  invalid: number;
}

/** The passphrase as an `oct` JWK: a string key would be read by the engine's key-text rules (PEM, JSON…). */
function passphraseKey(passphrase: string): JWK {
  const bytes = new TextEncoder().encode(passphrase);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { kty: 'oct', k: btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') };
}

export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new WorkbenchError('OPTION_INVALID', `A backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

/** Splits keys into parts whose JSON stays under PART_CHARS (one key always fits: keys are a few KB). */
function split(keys: readonly BackupKey[]): BackupKey[][] {
  const parts: BackupKey[][] = [[]];
  let size = 0;
  for (const k of keys) {
    const n = JSON.stringify(k).length + 1;
    const current = parts[parts.length - 1] as BackupKey[];
    if (current.length > 0 && size + n > PART_CHARS) {
      parts.push([k]);
      size = n;
    } else {
      current.push(k);
      size += n;
    }
  }
  return parts;
}

/** The backup file's text: one compact JWE per line. */
export async function writeBackup(keys: readonly BackupKey[], profiles: readonly unknown[], passphrase: string, now = new Date()): Promise<string> {
  checkPassphrase(passphrase);
  const parts = split(keys);
  const key = passphraseKey(passphrase);
  const lines: string[] = [];
  for (const [i, part] of parts.entries()) {
    const doc: BackupDocument = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      created: now.toISOString(),
      part: i + 1,
      parts: parts.length,
      keys: part,
      profiles: i === 0 ? [...profiles] : [],
    };
    lines.push(await encryptToken(JSON.stringify(doc), key, {
      alg: BACKUP_KEY_ALGORITHM,
      enc: BACKUP_CONTENT_ALGORITHM,
      header: { p2c: BACKUP_PBES2_COUNT, cty: 'application/vnd.jwt-workbench-backup+json' },
    }));
  }
  return `${lines.join('\n')}\n`;
}

function notBackup(detail: string): WorkbenchError {
  return new WorkbenchError('PAYLOAD_INVALID', `This file is not a JWT Workbench backup: ${detail}. Nothing was restored.`);
}

/**
 * Decrypts and checks a backup file. A wrong passphrase and a changed file fail alike
 * (`DECRYPTION_FAILED`): they cannot be told apart.
 */
export async function readBackup(text: string, passphrase: string): Promise<BackupContents> {
  const lines = text.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '');
  if (lines.length === 0) throw notBackup('it is empty');
  const key = passphraseKey(passphrase);
  const docs: BackupDocument[] = [];
  for (const line of lines) {
    let plaintext: string;
    try {
      ({ plaintext } = await decryptToken(line, key, {
        keyAlgorithms: [BACKUP_KEY_ALGORITHM],
        contentEncryptionAlgorithms: [BACKUP_CONTENT_ALGORITHM],
        maxPbes2Count: MAX_BACKUP_PBES2_COUNT,
      }));
    } catch (e) {
      if (isWorkbenchError(e, 'DECRYPTION_FAILED')) {
        throw new WorkbenchError('DECRYPTION_FAILED', 'The passphrase is wrong, or the backup file was changed (the two cannot be told apart). Nothing was restored.', undefined, { cause: e });
      }
      if (isWorkbenchError(e)) throw new WorkbenchError(e.code, `This file is not a JWT Workbench backup: ${e.message} Nothing was restored.`, e.details, { cause: e });
      throw e;
    }
    docs.push(parseDocument(plaintext));
  }
  const parts = docs[0]?.parts ?? 0;
  const seen = new Set(docs.map(d => d.part));
  if (docs.some(d => d.parts !== parts) || seen.size !== docs.length || docs.length !== parts) {
    const missing = Array.from({ length: parts }, (_, i) => i + 1).filter(p => !seen.has(p));
    throw notBackup(missing.length > 0 ? `it is incomplete (part ${missing.join(', ')} of ${parts} is missing)` : 'its parts do not belong together');
  }
  const all = docs.flatMap(d => d.keys as unknown[]);
  const keys = all.filter((k): k is BackupKey =>
    typeof k === 'object' && k !== null && typeof (k as BackupKey).created === 'string' && keyMaterialProblem((k as BackupKey).key) === undefined);
  return { keys, profiles: docs.flatMap(d => d.profiles), invalid: all.length - keys.length };
}

function parseDocument(plaintext: string): BackupDocument {
  let value: unknown;
  try {
    value = JSON.parse(plaintext);
  } catch {
    throw notBackup('its content is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw notBackup('its content is not a JSON object');
  const doc = value as Partial<BackupDocument>;
  if (doc.format !== BACKUP_FORMAT) throw notBackup('its content has another format');
  if (typeof doc.version !== 'number' || doc.version > BACKUP_VERSION) {
    throw new WorkbenchError('PAYLOAD_INVALID', `This backup has format version ${String(doc.version)}; this JWT Workbench reads version ${BACKUP_VERSION}. Update JWT Workbench to restore it.`);
  }
  if (!Number.isSafeInteger(doc.part) || !Number.isSafeInteger(doc.parts) || !Array.isArray(doc.keys) || !Array.isArray(doc.profiles)) {
    throw notBackup('its content is missing parts, keys or profiles');
  }
  return doc as BackupDocument;
}
