/**
 * Connected-app profiles are user data, not workspace settings: the list lives in globalState (no secret
 * in it — names, endpoints, a key's id, redacted history), and the last access token of each profile,
 * with its expiry, in SecretStorage (`jwtWorkbench.profile.token.<id>`). Writes go one at a time.
 *
 * No vscode runtime import, like the key store.
 */
import { WorkbenchError, type IssuedToken, type TokenProfile } from '../core';
import { Emitter, SerialQueue } from '../common/storeParts';
import { Disposable } from '../lifecycle';
import type { FactsStore, SecretStore } from '../keys/keyStore';
import { HISTORY_LENGTH, PROFILE_KINDS, keyRefOf, type LastResult, type ProfileKeyRef, type StoredProfile } from './profileModel';

export const PROFILES_KEY = 'jwtWorkbench.profiles';
export const TOKEN_PREFIX = 'jwtWorkbench.profile.token.';

function notFound(id: string): WorkbenchError {
  return new WorkbenchError('PROFILE_NOT_FOUND', `There is no connected-app profile with id "${id}". Run jwtWorkbench.profiles.list to see the ids.`, { id });
}

/** The stored members for `key`: none without one. */
function keyMembers(key: ProfileKeyRef | undefined): Pick<StoredProfile, 'keyId' | 'keyLabel' | 'keyKid'> {
  if (!key) return {};
  return { keyId: key.id, ...(key.label ? { keyLabel: key.label } : {}), ...(key.kid ? { keyKid: key.kid } : {}) };
}

function isStoredProfile(v: unknown): v is StoredProfile {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Partial<StoredProfile>;
  return typeof p.id === 'string' && typeof p.name === 'string' && typeof p.profile === 'object' && p.profile !== null
    && (PROFILE_KINDS as readonly string[]).includes((p.profile as { kind?: string }).kind ?? '');
}

export class ProfileStore extends Disposable {
  private readonly changed = this._register(new Emitter<{ ids: string[] }>());
  /** Fires after any change made through this store. */
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly secrets: SecretStore,
    private readonly state: FactsStore,
  ) {
    super();
  }

  /** Every profile, by name. */
  list(): StoredProfile[] {
    const raw = this.state.get<unknown[]>(PROFILES_KEY) ?? [];
    return (Array.isArray(raw) ? raw.filter(isStoredProfile) : [])
      .map(p => ({ ...p, history: Array.isArray(p.history) ? p.history : [] }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.created.localeCompare(b.created));
  }

  get(id: string): StoredProfile | undefined {
    return this.list().find(p => p.id === id);
  }

  /** @throws WorkbenchError `PROFILE_NOT_FOUND`. */
  require(id: string): StoredProfile {
    const p = this.get(id);
    if (!p) throw notFound(id);
    return p;
  }

  /** Adds a profile under a new id (or the given one, for restore). */
  add(name: string, profile: TokenProfile, key: ProfileKeyRef | undefined, id: string = crypto.randomUUID()): Promise<StoredProfile> {
    return this.write(list => {
      const stored: StoredProfile = { id, name: name.trim(), profile, created: new Date().toISOString(), history: [], ...keyMembers(key) };
      return { list: [...list, stored], result: stored, ids: [id] };
    });
  }

  /** Replaces the profile's name, fields and key (`null`: no key; history stays). */
  update(id: string, change: { name?: string; profile?: TokenProfile; key?: ProfileKeyRef | null }): Promise<StoredProfile> {
    return this.write(list => {
      const current = list.find(p => p.id === id);
      if (!current) throw notFound(id);
      const { keyId: _id, keyLabel: _label, keyKid: _kid, ...rest } = current;
      const key = change.key === null ? undefined : (change.key ?? keyRefOf(current));
      const next: StoredProfile = {
        ...rest,
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.profile ? { profile: change.profile } : {}),
        ...keyMembers(key),
      };
      return { list: list.map(p => (p.id === id ? next : p)), result: next, ids: [id] };
    });
  }

  /** Removes the profile and its stored token. */
  async delete(id: string): Promise<void> {
    await this.write(list => {
      if (!list.some(p => p.id === id)) throw notFound(id);
      return { list: list.filter(p => p.id !== id), result: undefined, ids: [id] };
    });
    await this.secrets.delete(TOKEN_PREFIX + id);
  }

  /** Keeps the outcome of a request (redacted) as the profile's last result and newest history line. */
  recordResult(id: string, last: LastResult): Promise<StoredProfile> {
    return this.write(list => {
      const current = list.find(p => p.id === id);
      if (!current) throw notFound(id);
      const next: StoredProfile = { ...current, last, history: [last.summary, ...current.history].slice(0, HISTORY_LENGTH) };
      return { list: list.map(p => (p.id === id ? next : p)), result: next, ids: [id] };
    });
  }

  /** The last access token of a profile, from SecretStorage. */
  async token(id: string): Promise<IssuedToken | undefined> {
    const raw = await this.secrets.get(TOKEN_PREFIX + id);
    if (raw === undefined) return undefined;
    try {
      const v = JSON.parse(raw) as Partial<IssuedToken>;
      return typeof v.accessToken === 'string' && typeof v.receivedAt === 'number' ? v as IssuedToken : undefined;
    } catch {
      return undefined;
    }
  }

  async saveToken(id: string, token: IssuedToken): Promise<void> {
    await this.secrets.store(TOKEN_PREFIX + id, JSON.stringify(token));
    this.changed.fire({ ids: [id] });
  }

  private write<T>(change: (list: StoredProfile[]) => { list: StoredProfile[]; result: T; ids: string[] }): Promise<T> {
    const op = async (): Promise<T> => {
      // Re-read: another window may have written since this one last looked.
      const { list, result, ids } = change(this.list());
      await this.state.update(PROFILES_KEY, list);
      this.changed.fire({ ids });
      return result;
    };
    return this.queue.run(op);
  }
}
