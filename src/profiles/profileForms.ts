/**
 * The create and edit forms: quick inputs, one field at a time, each validated as it is typed, per kind.
 * Keys come from the Keys store; a Salesforce profile with no fitting key yet is offered a new RSA key
 * with a self-signed certificate, whose `.crt` is then exported for the connected app.
 */
import * as vscode from 'vscode';
import { Command } from '../commands';
import { PROFILE_KIND_LABELS, urlProblem, type SalesforceOrg, type TokenProfileKind } from '../core';
import type { KeyFacts } from '../keys/keyEntry';
import type { KeyStore } from '../keys/keyStore';
import { keyDescription } from '../keys/keyTreeModel';
import { fileNameFor } from '../keys/exportCommands';
import { deliverText } from '../keys/keyUi';
import { ORG_CHOICES, PROFILE_KINDS, claimsOf, type ProfileFields } from './profileModel';

/** What a form gives back. */
export interface FormAnswers {
  name: string;
  fields: Record<string, unknown>;
  keyId?: string;
}

type Check = (value: string) => string | undefined;

const required = (what: string): Check => v => (v.trim() ? undefined : `Type ${what}.`);
const optional: Check = () => undefined;
const tokenUrl = (isRequired: boolean): Check => v => {
  if (!v.trim()) return isRequired ? 'Type the URL.' : undefined;
  return URL.canParse(v.trim()) ? urlProblem(v.trim()) : 'Write the full URL, starting with https://';
};
const jsonObject: Check = v => {
  try {
    claimsOf(v.trim() || undefined);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'Not a JSON object.';
  }
};
const seconds: Check = v => (!v.trim() || (/^\d+$/.test(v.trim()) && Number(v) > 0) ? undefined : 'A whole number of seconds above 0, or empty for the default.');

interface Step {
  field: string;
  prompt: string;
  check: Check;
  placeholder?: string;
}

const STEPS: Readonly<Record<Exclude<TokenProfileKind, 'salesforce'>, readonly Step[]>> = {
  'jwt-bearer': [
    { field: 'tokenUrl', prompt: 'Token endpoint', check: tokenUrl(true), placeholder: 'https://idp.example.com/oauth2/token' },
    { field: 'issuer', prompt: 'Issuer (iss)', check: required('the issuer') },
    { field: 'subject', prompt: 'Subject (sub)', check: required('the subject (RFC 7523 requires it)') },
    { field: 'audience', prompt: 'Audience (aud) — empty: the token endpoint', check: optional },
    { field: 'scope', prompt: 'Scope — empty: none', check: optional },
    { field: 'claims', prompt: 'Extra claims as a JSON object — empty: none', check: jsonObject, placeholder: '{"tenant": "acme"}' },
    { field: 'lifetimeSeconds', prompt: 'Assertion lifetime in seconds — empty: 300', check: seconds },
    { field: 'kid', prompt: 'kid in the header — empty: the key\'s own', check: optional },
  ],
  'client-credentials': [
    { field: 'tokenUrl', prompt: 'Token endpoint', check: tokenUrl(true), placeholder: 'https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token' },
    { field: 'clientId', prompt: 'Client id (iss and sub)', check: required('the client id') },
    { field: 'audience', prompt: 'Audience (aud) — empty: the token endpoint (some servers want their issuer)', check: optional },
    { field: 'scope', prompt: 'Scope', check: optional, placeholder: 'api://my-api/.default' },
    { field: 'lifetimeSeconds', prompt: 'Assertion lifetime in seconds — empty: 300', check: seconds },
    { field: 'kid', prompt: 'kid in the header — empty: the key\'s own', check: optional },
  ],
  google: [
    { field: 'scope', prompt: 'Scopes, separated by spaces (Google requires at least one)', check: required('at least one scope'), placeholder: 'https://www.googleapis.com/auth/cloud-platform' },
    { field: 'subject', prompt: 'User to act as (sub, domain-wide delegation) — empty: the service account itself', check: optional },
  ],
};

function stringOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

async function ask(title: string, step: Step, value: unknown): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: step.prompt,
    value: stringOf(value),
    ignoreFocusOut: true,
    validateInput: step.check,
    ...(step.placeholder ? { placeHolder: step.placeholder } : {}),
  });
}

export async function pickKind(): Promise<TokenProfileKind | undefined> {
  const details: Record<TokenProfileKind, string> = {
    salesforce: 'Consumer key, username, org and a key whose certificate the connected app holds',
    'jwt-bearer': 'RFC 7523 §2.1: a signed JWT as the grant, to any token endpoint',
    'client-credentials': 'RFC 7523 §2.2 / OpenID Connect: Okta, Auth0, Keycloak, Microsoft Entra ID',
    google: 'Import the service account\'s JSON key file',
  };
  const picked = await vscode.window.showQuickPick(
    PROFILE_KINDS.map(profileKind => ({ label: PROFILE_KIND_LABELS[profileKind], detail: details[profileKind], profileKind })),
    { title: 'New connected-app profile', placeHolder: 'Which kind of token request?' },
  );
  return picked?.profileKind;
}

/** The kind's fields as a person fills them in; `current` pre-fills them when editing. */
export async function askFields(kind: TokenProfileKind, title: string, current: ProfileFields = {}): Promise<Record<string, unknown> | undefined> {
  const fields: Record<string, unknown> = { ...current };
  if (kind === 'salesforce') {
    const org = await vscode.window.showQuickPick(
      ORG_CHOICES.map(c => ({ label: c.label, detail: c.detail, org: c.org, picked: c.org === current.org })),
      { title, placeHolder: 'Where does the org log in?' },
    );
    if (!org) return undefined;
    fields.org = org.org;
    const steps = salesforceSteps(org.org);
    for (const step of steps) {
      const v = await ask(title, step, current[step.field]);
      if (v === undefined) return undefined;
      fields[step.field] = v.trim() === '' ? undefined : v.trim();
    }
    return fields;
  }
  for (const step of STEPS[kind]) {
    const v = await ask(title, step, current[step.field]);
    if (v === undefined) return undefined;
    fields[step.field] = v.trim() === '' ? undefined : v.trim();
  }
  return fields;
}

function salesforceSteps(org: SalesforceOrg): Step[] {
  const login: Step = org === 'my-domain'
    ? { field: 'loginUrl', prompt: 'My Domain URL (the request goes there; aud stays login or test)', check: tokenUrl(true), placeholder: 'https://acme.my.salesforce.com' }
    : org === 'experience-cloud'
      ? { field: 'loginUrl', prompt: 'Experience Cloud site URL (the request goes there, and it is the aud)', check: tokenUrl(true), placeholder: 'https://acme.my.site.com/partners' }
      : { field: 'loginUrl', prompt: `Login URL — empty: ${org === 'sandbox' ? 'https://test.salesforce.com' : 'https://login.salesforce.com'}`, check: tokenUrl(false) };
  return [
    { field: 'consumerKey', prompt: 'Consumer key of the connected app (iss)', check: required('the consumer key') },
    { field: 'username', prompt: 'Salesforce username (sub)', check: v => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? undefined : 'A Salesforce username looks like an email address: admin@acme.com.uat'), placeholder: 'admin@acme.com' },
    login,
  ];
}

export async function askName(title: string, value: string): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt: 'A name for the profile', value, ignoreFocusOut: true, validateInput: required('a name') });
}

/** Keys a kind can sign with: a private part; RSA for Salesforce and Google. */
export function keyFits(kind: TokenProfileKind, facts: KeyFacts): boolean {
  if (!facts.hasPrivate || facts.kty === 'oct') return false;
  return kind === 'salesforce' || kind === 'google' ? facts.kty === 'RSA' && (!facts.alg || facts.alg === 'RS256') : true;
}

/**
 * The key to sign with: one that fits, or (Salesforce, or none fits) a new RSA key with a certificate.
 * Undefined when cancelled; `null` when the person chose to go on without one.
 */
export async function askKey(keys: KeyStore, kind: TokenProfileKind, title: string, currentId?: string): Promise<string | null | undefined> {
  const fitting = (await keys.list()).flatMap(e => (e.kind === 'key' && keyFits(kind, e.facts) ? [e.facts] : []));
  const generate = { label: '$(add) Generate an RSA key and certificate…', detail: 'RS256, 2048 bits, a self-signed certificate for 1 year; then export the .crt for the app', action: 'generate' as const };
  const later = { label: '$(circle-slash) No key yet', detail: 'The request will say so; choose one later with Edit', action: 'none' as const };
  const picked = await vscode.window.showQuickPick(
    [
      ...fitting.map(f => ({ label: f.label, description: keyDescription(f), detail: f.certificate ? `certificate ${f.certificate.subject}` : undefined, picked: f.id === currentId, action: 'key' as const, id: f.id })),
      generate,
      later,
    ],
    { title, placeHolder: fitting.length > 0 ? 'Sign with which key?' : 'No stored key fits yet: generate one?' },
  );
  if (!picked) return undefined;
  if (picked.action === 'none') return null;
  if (picked.action === 'key') return picked.id;
  return generateKeyWithCertificate(title);
}

/** A new RSA key and self-signed certificate through the Keys commands; the `.crt` goes where the person says. */
async function generateKeyWithCertificate(title: string): Promise<string | undefined> {
  const label = await vscode.window.showInputBox({ title, prompt: 'A label for the new key', value: `${title.replace(/^New |^Edit /, '')} key`, validateInput: required('a label') });
  if (label === undefined) return undefined;
  const { id } = await vscode.commands.executeCommand<{ id: string }>(Command.keysGenerate, { type: 'RSA-2048', label });
  const { certificatePem } = await vscode.commands.executeCommand<{ certificatePem: string }>(Command.keysCreateCertificate, { id, subject: `CN=${label.replace(/[,+=<>#;"\\]/g, ' ').trim()}`, days: 365 });
  void vscode.window.showInformationMessage(`Created "${label}" and its certificate. Upload the .crt to the connected app ("Use digital signatures").`);
  await deliverText(certificatePem, { what: 'certificate', language: 'plaintext', fileName: fileNameFor(label, 'crt') });
  return id;
}
