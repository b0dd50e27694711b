/**
 * Profiles in the Keys backup file: each profile's settings (never its token or history), its key named
 * by RFC 7638 thumbprint because a restored key gets a new id. Restore adds the profiles not already
 * present (same id) and points them at the restored key.
 */
import { PROFILE_KINDS, type StoredProfile } from './profileModel';
import type { ProfileStore } from './profileStore';
import type { BackupParticipant } from '../keys/backupCommands';

/** A profile as the backup file holds it. */
export interface BackupProfile {
  id: string;
  name: string;
  created: string;
  profile: StoredProfile['profile'];
  keyThumbprint?: string;
}

function isBackupProfile(v: unknown): v is BackupProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<BackupProfile>;
  return typeof p.id === 'string' && typeof p.name === 'string' && typeof p.profile === 'object' && p.profile !== null
    && (PROFILE_KINDS as readonly string[]).includes((p.profile as { kind?: unknown }).kind as string);
}

export function profileBackup(store: ProfileStore): BackupParticipant {
  return {
    collect: async thumbprintOf => store.list().map(p => {
      const keyThumbprint = p.keyId ? thumbprintOf(p.keyId) : undefined;
      const out: BackupProfile = { id: p.id, name: p.name, created: p.created, profile: p.profile, ...(keyThumbprint ? { keyThumbprint } : {}) };
      return out;
    }),
    restore: async (items, keyOf) => {
      let added = 0;
      let skipped = 0;
      for (const item of items) {
        if (!isBackupProfile(item) || store.get(item.id)) {
          skipped++;
          continue;
        }
        await store.add(item.name, item.profile, item.keyThumbprint ? keyOf(item.keyThumbprint) : undefined, item.id);
        added++;
      }
      return { added, skipped };
    },
  };
}
