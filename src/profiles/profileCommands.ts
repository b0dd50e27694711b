/**
 * Creating, listing, editing, duplicating and deleting profiles, and importing a Google service-account
 * key file (its private key goes to the Keys store, `kid` = `private_key_id`).
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { WorkbenchError, importGoogleServiceAccount, type TokenProfileKind } from '../core';
import { choice, optionalText, text } from '../common/invocation';
import type { KeyFacts } from '../keys/keyEntry';
import type { KeyStore } from '../keys/keyStore';
import { readFileByPath } from '../keys/keyUi';
import type { Logger } from '../log';
import { askFields, askKey, askName, keyFits, pickKind } from './profileForms';
import { PROFILE_KINDS, PROFILE_KIND_LABELS, fieldsOf, keyRefOf, profileFromFields, type ProfileKeyRef, type StoredProfile } from './profileModel';
import type { ProfileStore } from './profileStore';
import { profileFor, registerProfileCommand } from './invocation';

/** What `jwtWorkbench.profiles.list` returns per profile: no secret. */
export function listed(p: StoredProfile): Record<string, unknown> {
  const s = p.last?.summary;
  return {
    id: p.id,
    name: p.name,
    ...fieldsOf(p.profile),
    kind: p.profile.kind,
    ...(p.keyId ? { keyId: p.keyId } : {}),
    ...(s ? { last: { ok: s.ok, time: s.time, ...(s.error ? { error: s.error } : {}), ...(s.errorDescription ? { errorDescription: s.errorDescription } : {}) } } : {}),
  };
}

/** Argument members that are not the kind's fields. */
const NOT_FIELDS = new Set(['id', 'kind', 'name', 'keyId', 'serviceAccountFile', 'serviceAccountJson']);
function fieldsIn(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => !NOT_FIELDS.has(k)));
}

export function registerProfileCommands(store: ProfileStore, keys: KeyStore, log: Logger): vscode.Disposable[] {
  /** A stored key that can sign for `kind`, by id, kid or thumbprint. */
  const keyFor = async (kind: TokenProfileKind, ref: string): Promise<KeyFacts> => {
    const found = await keys.findKey(ref);
    if (!found) throw new WorkbenchError('KEY_NOT_FOUND', `There is no stored key with id or kid "${ref}". Run jwtWorkbench.keys.list to see the ids.`, { ref });
    if (!keyFits(kind, found.facts)) {
      throw new WorkbenchError('KEY_UNSUPPORTED', `The key "${found.facts.label}" cannot sign for a ${PROFILE_KIND_LABELS[kind]} profile: it needs a private ${kind === 'salesforce' || kind === 'google' ? 'RSA key (RS256)' : 'RSA, EC or Ed25519 key'}.`, { id: found.facts.id });
    }
    return found.facts;
  };
  /** The key a form chose, by its store id (`null`: none). */
  const chosen = (id: string | null): ProfileKeyRef | null => (id === null ? null : (keys.facts(id) ?? { id }));

  /** A Google key file: its key into the Keys store (once: the same key is found by thumbprint), the profile's fields. */
  const importGoogle = async (json: string, scope: string | undefined, subject: string | undefined): Promise<{ fields: Record<string, unknown>; key: KeyFacts; name: string }> => {
    const { profile, key } = await importGoogleServiceAccount(json, { ...(scope ? { scope } : {}), ...(subject ? { subject } : {}) });
    const existing = await keys.findKey(key.kid);
    const facts = existing?.facts ?? (await keys.add([key]))[0];
    if (!facts) throw new WorkbenchError('INTERNAL', 'The service account\'s key was not stored.');
    log.info(`imported the Google service account ${profile.clientEmail} (key kid ${key.kid})`);
    return { fields: fieldsOf(profile), key: facts, name: profile.clientEmail };
  };

  const offerRequest = async (stored: StoredProfile): Promise<void> => {
    const answer = await vscode.window.showInformationMessage(`Created the profile "${stored.name}".`, 'Request Token');
    if (answer) await vscode.commands.executeCommand(Command.profilesRequestToken, { id: stored.id });
  };

  const create = registerProfileCommand(Command.profilesCreate, log, async call => {
    if (call.auto) {
      const kind = choice(call.args, 'kind', PROFILE_KINDS);
      const name = text(call.args, 'name');
      let fields = fieldsIn(call.args);
      let key: KeyFacts | undefined;
      if (kind === 'google') {
        const file = optionalText(call.args, 'serviceAccountFile');
        const json = file !== undefined ? new TextDecoder().decode(await readFileByPath(file)) : optionalText(call.args, 'serviceAccountJson');
        if (json === undefined) throw new WorkbenchError('OPTION_INVALID', 'A google profile needs "serviceAccountFile" (a path) or "serviceAccountJson" (the key file\'s text).');
        const imported = await importGoogle(json, optionalText(call.args, 'scope'), optionalText(call.args, 'subject'));
        fields = { ...imported.fields, ...fields };
        key = imported.key;
      } else {
        const ref = optionalText(call.args, 'keyId');
        if (ref !== undefined) key = await keyFor(kind, ref);
      }
      const stored = await store.add(name, profileFromFields(kind, fields), key);
      log.info(`created the ${kind} profile "${stored.name}" (${stored.id})`);
      return { id: stored.id };
    }
    const kind = await pickKind();
    if (!kind) return undefined;
    if (kind === 'google') return vscode.commands.executeCommand(Command.profilesImportGoogle);
    const title = `New ${PROFILE_KIND_LABELS[kind]} profile`;
    const fields = await askFields(kind, title);
    if (!fields) return undefined;
    const profile = profileFromFields(kind, fields);
    const name = await askName(title, profile.kind === 'salesforce' ? `${profile.username} (${profile.org})` : profile.kind === 'client-credentials' ? profile.clientId : profile.kind === 'jwt-bearer' ? profile.issuer : '');
    if (name === undefined) return undefined;
    const keyId = await askKey(keys, kind, title);
    if (keyId === undefined) return undefined;
    const stored = await store.add(name, profile, chosen(keyId) ?? undefined);
    log.info(`created the ${kind} profile "${stored.name}" (${stored.id})`);
    void offerRequest(stored);
    return { id: stored.id };
  });

  const importGoogleCommand = registerProfileCommand(Command.profilesImportGoogle, log, async call => {
    if (call.auto) return vscode.commands.executeCommand(Command.profilesCreate, { ...call.args, kind: 'google' });
    const [uri] = (await vscode.window.showOpenDialog({ title: 'Import a Google service-account key file', canSelectMany: false, filters: { 'JSON key file': ['json'], 'All files': ['*'] } })) ?? [];
    if (!uri) return undefined;
    const json = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const title = 'New Google service account profile';
    const answers = await askFields('google', title);
    if (!answers) return undefined;
    const imported = await importGoogle(json, typeof answers.scope === 'string' ? answers.scope : undefined, typeof answers.subject === 'string' ? answers.subject : undefined);
    const name = await askName(title, imported.name);
    if (name === undefined) return undefined;
    const stored = await store.add(name, profileFromFields('google', { ...imported.fields, ...answers }), imported.key);
    void offerRequest(stored);
    return { id: stored.id };
  });

  const list = registerProfileCommand(Command.profilesList, log, async () => store.list().map(listed));

  const update = registerProfileCommand(Command.profilesUpdate, log, async call => {
    const stored = await profileFor(store, call, 'Edit which profile?');
    if (!stored) return undefined;
    const kind = stored.profile.kind;
    if (call.auto) {
      if (call.args.kind !== undefined && call.args.kind !== kind) {
        throw new WorkbenchError('OPTION_INVALID', `A profile's kind cannot change (this one is "${kind}"): create a new profile instead.`);
      }
      const profile = profileFromFields(kind, { ...fieldsOf(stored.profile), ...fieldsIn(call.args) });
      const ref = optionalText(call.args, 'keyId');
      const name = optionalText(call.args, 'name');
      const next = await store.update(stored.id, { profile, ...(name ? { name } : {}), ...(ref !== undefined ? { key: await keyFor(kind, ref) } : {}) });
      return listed(next);
    }
    const title = `Edit "${stored.name}"`;
    const name = await askName(title, stored.name);
    if (name === undefined) return undefined;
    const fields = await askFields(kind, title, fieldsOf(stored.profile));
    if (!fields) return undefined;
    const profile = profileFromFields(kind, fields);
    const keyId = await askKey(keys, kind, title, stored.keyId);
    if (keyId === undefined) return undefined;
    const next = await store.update(stored.id, { name, profile, key: chosen(keyId) });
    return listed(next);
  });

  const duplicate = registerProfileCommand(Command.profilesDuplicate, log, async call => {
    const stored = await profileFor(store, call, 'Duplicate which profile?');
    if (!stored) return undefined;
    const copy = await store.add(call.auto ? (optionalText(call.args, 'name') ?? `${stored.name} (copy)`) : `${stored.name} (copy)`, stored.profile, keyRefOf(stored));
    return { id: copy.id };
  });

  const remove = registerProfileCommand(Command.profilesDelete, log, async call => {
    const stored = await profileFor(store, call, 'Delete which profile?');
    if (!stored) return undefined;
    if (!call.auto) {
      const answer = await vscode.window.showWarningMessage(
        `Delete the connected-app profile "${stored.name}"?`,
        { modal: true, detail: 'Its settings, history and last access token are removed. Its key stays in the Keys view.' },
        'Delete',
      );
      if (answer !== 'Delete') return undefined;
    }
    await store.delete(stored.id);
    log.info(`deleted the profile "${stored.name}" (${stored.id})`);
    return { deleted: stored.id };
  });

  return [create, importGoogleCommand, list, update, duplicate, remove];
}
