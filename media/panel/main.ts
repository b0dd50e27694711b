/**
 * The sign/verify panel's page. It decodes and explains tokens itself with the engine's pure decoder (so a
 * pasted token shows at once), and asks the extension host for everything that needs a key or the network.
 * A pasted secret stays in this page's memory and is sent only with the request that needs it; the state
 * persisted with `setState` holds the token, the edited JSON and the key *source*, never a secret.
 */
import { scriptStart } from './scriptClock';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './panel.css';
import { decodeToken, type DecodedToken } from '../../src/core/decode';
import { explainToken } from '../../src/core/explain';
import {
  RESULT_CHECKS, parseFromHost, parseFromWebview, parseState,
  type FromWebview, type KeySource, type KeySourceKind, type KeySummary, type PanelState, type RequestMethod, type Requests,
  type SecretEncodingName, type ShowMessage, type VerifyReply,
} from '../../src/panel/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** The parts of vscode-elements' controls this page uses. */
interface ValueElement extends HTMLElement {
  value: string;
  invalid?: boolean;
  disabled?: boolean;
}

const $ = <T extends HTMLElement = ValueElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
};

const ui = {
  token: $<HTMLTextAreaElement>('token'),
  colours: $('token-colours'),
  status: $('token-status'),
  warnings: $('warnings'),
  result: $('result'),
  checks: $('checks'),
  origin: $('origin'),
  header: $('header'),
  headerError: $('header-error'),
  payload: $('payload'),
  payloadError: $('payload-error'),
  times: $<HTMLTableElement>('times'),
  expMinutes: $('exp-minutes'),
  keySource: $('key-source'),
  storedKey: $('stored-key'),
  secret: $('secret'),
  encoding: $('secret-encoding'),
  passphrase: $('passphrase'),
  jwksUrl: $('jwks-url'),
  issuerUrl: $('issuer-url'),
  keyDescription: $('key-description'),
  algorithm: $('algorithm'),
  iss: $('expect-iss'),
  aud: $('expect-aud'),
  tolerance: $('tolerance'),
  required: $('required'),
  asOf: $<HTMLInputElement>('as-of'),
  jweAlg: $('jwe-alg'),
  jweEnc: $('jwe-enc'),
  jweWhat: $('jwe-what'),
  decrypted: $('decrypted'),
};

// ---- state --------------------------------------------------------------------------------------------

let decoded: DecodedToken | undefined;
let timeZone: 'local' | 'utc' = 'local';
let keys: KeySummary[] = [];
/** A stored key asked for before the list arrived. */
let wantedKeyRef: string | undefined;

function keyKind(): KeySourceKind {
  const v = ui.keySource.value;
  return v === 'stored' || v === 'jwksUrl' || v === 'issuer' ? v : 'pasted';
}

function keySource(): KeySource {
  switch (keyKind()) {
    case 'stored': return { kind: 'stored', ref: ui.storedKey.value };
    case 'jwksUrl': return { kind: 'jwksUrl', url: ui.jwksUrl.value };
    case 'issuer': return { kind: 'issuer', url: ui.issuerUrl.value };
    case 'pasted': {
      const passphrase = ui.passphrase.value;
      return { kind: 'pasted', text: ui.secret.value, encoding: ui.encoding.value as SecretEncodingName, ...(passphrase ? { passphrase } : {}) };
    }
  }
}

function saveState(): void {
  const state: PanelState = { token: ui.token.value, header: ui.header.value, payload: ui.payload.value, keyKind: keyKind() };
  if (ui.storedKey.value) state.keyRef = ui.storedKey.value;
  if (ui.jwksUrl.value) state.jwksUrl = ui.jwksUrl.value;
  if (ui.issuerUrl.value) state.issuerUrl = ui.issuerUrl.value;
  vscode.setState(state);
}

// ---- requests -----------------------------------------------------------------------------------------

let nextId = 1;
const pending = new Map<number, { method: RequestMethod; resolve(v: unknown): void; reject(e: RequestError): void }>();

class RequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function request<M extends RequestMethod>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
  const id = nextId++;
  const message = { type: 'request', id, method, params } as FromWebview;
  // The host drops what its protocol refuses without a reply: check here first, and say what is missing.
  if (!parseFromWebview(message)) {
    const key = (params as { key?: KeySource }).key;
    return Promise.reject(key?.kind === 'stored' && key.ref === ''
      ? new RequestError('KEY_NOT_FOUND', 'Choose a stored key first (none is stored yet? add one in the Keys view, or paste a key).')
      : new RequestError('OPTION_INVALID', 'This request cannot be sent: a field is too long or not filled in.'));
  }
  return new Promise<Requests[M]['result']>((resolve, reject) => {
    pending.set(id, { method, resolve: v => resolve(v as Requests[M]['result']), reject });
    vscode.postMessage(message);
  });
}

// ---- rendering ----------------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** The token behind the textarea, its parts coloured (header, payload, signature; five for a JWE). */
function colourToken(text: string): void {
  const parts = text.split('.');
  const frag = document.createDocumentFragment();
  parts.forEach((part, i) => {
    if (i > 0) frag.append(el('span', '.', 'dot'));
    frag.append(el('span', part, `part part-${parts.length === 5 ? `jwe-${i}` : i}`));
  });
  frag.append(el('span', '\n'));
  ui.colours.replaceChildren(frag);
  ui.colours.scrollTop = ui.token.scrollTop;
}

const pretty = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function renderExplanation(): void {
  ui.warnings.replaceChildren();
  ui.times.replaceChildren();
  if (!decoded) return;
  const explained = explainToken(decoded, new Date(), { timeZone });
  ui.status.textContent = `${explained.kind === 'jwe' ? 'JWE' : 'JWS'}${explained.algorithm ? ` · ${explained.algorithm}` : ''} · ${explained.statusText}`;
  ui.status.dataset.status = explained.status;
  for (const w of explained.warnings) {
    const li = el('li', w.message, `warning ${w.severity}`);
    li.prepend(el('span', '', `codicon codicon-${w.severity === 'error' ? 'error' : w.severity === 'warning' ? 'warning' : 'info'}`));
    ui.warnings.append(li);
  }
  for (const c of explained.claims.filter(c => c.name === 'exp' || c.name === 'nbf' || c.name === 'iat')) {
    const row = el('tr');
    row.append(el('th', c.name), el('td', c.text));
    ui.times.append(row);
  }
}

/** Shows `text` as the token: decoded at once into the header and payload boxes. */
function setToken(text: string, fromTokenBox = false): void {
  if (!fromTokenBox) ui.token.value = text;
  colourToken(text);
  const trimmed = text.trim();
  decoded = undefined;
  setJsonError('header', undefined);
  setJsonError('payload', undefined);
  if (trimmed === '') {
    ui.status.textContent = 'Paste a token, or write a header and payload and press Sign.';
    delete ui.status.dataset.status;
    renderExplanation();
    saveState();
    return;
  }
  try {
    decoded = decodeToken(trimmed);
  } catch (e) {
    ui.status.textContent = e instanceof Error ? e.message : 'This is not a token.';
    ui.status.dataset.status = 'error';
    renderExplanation();
    saveState();
    return;
  }
  ui.header.value = pretty(decoded.header);
  if (decoded.kind === 'jws') {
    ui.payload.value = pretty(decoded.payload);
    ui.payload.removeAttribute('readonly');
  } else {
    ui.payload.value = '(encrypted: choose the key and press Decrypt)';
    ui.payload.setAttribute('readonly', '');
  }
  renderExplanation();
  saveState();
}

/** JSON text as an object, or the place and reason it is wrong. */
function parseJson(text: string): { value: Record<string, unknown> } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'It must be a JSON object ({ … }).' };
    return { value: value as Record<string, unknown> };
  } catch (e) {
    const message = e instanceof Error ? e.message : 'Invalid JSON.';
    const at = /position (\d+)/.exec(message);
    if (!at || /line \d+ column \d+/.test(message)) return { error: message };
    const before = text.slice(0, Number(at[1])).split('\n');
    return { error: `Line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${message}` };
  }
}

function setJsonError(which: 'header' | 'payload', error: string | undefined): void {
  const box = which === 'header' ? ui.header : ui.payload;
  const out = which === 'header' ? ui.headerError : ui.payloadError;
  box.invalid = error !== undefined;
  out.textContent = error ?? '';
}

const base64url = (text: string): string => {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** The JSON boxes as objects, or undefined with each wrong box marked. */
function editedParts(): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const header = parseJson(ui.header.value);
  const payload = parseJson(ui.payload.value);
  setJsonError('header', 'error' in header ? header.error : undefined);
  setJsonError('payload', 'error' in payload ? payload.error : undefined);
  return 'value' in header && 'value' in payload ? { header: header.value, payload: payload.value } : undefined;
}

/** Header or payload edited: the token follows (its old signature no longer matches until Sign). */
function onJsonEdited(): void {
  if (decoded?.kind === 'jwe') return;
  const parts = editedParts();
  if (!parts) {
    saveState();
    return;
  }
  const signature = decoded?.kind === 'jws' ? decoded.raw.signature : '';
  const text = `${base64url(JSON.stringify(parts.header))}.${base64url(JSON.stringify(parts.payload))}.${signature}`;
  ui.token.value = text;
  colourToken(text);
  try {
    decoded = decodeToken(text);
  } catch {
    decoded = undefined;
  }
  renderExplanation();
  ui.status.textContent += ' · edited: press Sign for a new signature';
  saveState();
}

function showResult(ok: boolean | undefined, text: string, code?: string): void {
  ui.result.replaceChildren();
  ui.result.dataset.state = ok === undefined ? 'busy' : ok ? 'ok' : 'bad';
  if (ok !== undefined) ui.result.append(el('span', '', `codicon codicon-${ok ? 'pass' : 'error'}`));
  if (code) ui.result.append(el('span', code, 'code'));
  ui.result.append(el('span', text));
}

function showChecks(reply: VerifyReply | undefined): void {
  ui.checks.replaceChildren(...(reply?.checks ?? []).map(c => {
    const li = el('li', '', c.ok ? 'ok' : 'bad');
    li.append(el('span', c.ok ? '✓' : '✗', 'mark'), el('code', c.claim), el('span', ` ${c.text}`));
    return li;
  }));
}

function setOptions(select: ValueElement, values: readonly string[], first?: { value: string; label: string }): void {
  const previous = select.value;
  const options = [...(first ? [first] : []), ...values.map(v => ({ value: v, label: v }))].map(o => {
    const option = document.createElement('vscode-option') as ValueElement;
    option.setAttribute('value', o.value);
    option.textContent = o.label;
    return option;
  });
  select.replaceChildren(...options);
  const keep = options.some(o => o.getAttribute('value') === previous) ? previous : (options[0]?.getAttribute('value') ?? '');
  select.value = keep;
}

function renderKeys(): void {
  setOptions(ui.storedKey, [], undefined);
  const options = keys.map(k => {
    const option = document.createElement('vscode-option') as ValueElement;
    option.setAttribute('value', k.ref);
    option.textContent = `${k.label} — ${k.kind}${k.hasPrivate ? '' : ', public'} · kid ${k.kid}`;
    return option;
  });
  if (options.length === 0) {
    const none = document.createElement('vscode-option');
    none.setAttribute('value', '');
    none.textContent = 'No stored keys yet (add them in the Keys view)';
    options.push(none as ValueElement);
  }
  ui.storedKey.replaceChildren(...options);
  if (wantedKeyRef !== undefined) {
    const hit = keys.find(k => k.ref === wantedKeyRef || k.kid === wantedKeyRef);
    if (hit) {
      ui.keySource.value = 'stored';
      ui.storedKey.value = hit.ref;
      wantedKeyRef = undefined;
      showKeySource();
    }
  }
}

function showKeySource(): void {
  const kind = keyKind();
  for (const node of document.querySelectorAll<HTMLElement>('[data-source]')) {
    const source = node.dataset.source;
    node.hidden = !(source === kind || (source === 'remote' && (kind === 'jwksUrl' || kind === 'issuer')));
  }
  scheduleKeyInfo();
}

let keyInfoTimer: ReturnType<typeof setTimeout> | undefined;
let keyInfoSeq = 0;
/** Asks what the chosen key can do (debounced: typing a secret asks once it pauses). */
function scheduleKeyInfo(refresh = false): void {
  clearTimeout(keyInfoTimer);
  keyInfoTimer = setTimeout(() => void updateKeyInfo(refresh), refresh ? 0 : 300);
}

async function updateKeyInfo(refresh: boolean): Promise<void> {
  const source = keySource();
  const empty = (source.kind === 'pasted' && source.text.trim() === '') || (source.kind === 'stored' && source.ref === '')
    || ((source.kind === 'jwksUrl' || source.kind === 'issuer') && source.url.trim() === '');
  const seq = ++keyInfoSeq;
  if (empty) {
    ui.keyDescription.textContent = '';
    setOptions(ui.algorithm, [], { value: '', label: 'What the key can do' });
    return;
  }
  // URL sources are fetched only when asked (Verify or Refresh), not while the URL is typed.
  if ((source.kind === 'jwksUrl' || source.kind === 'issuer') && !refresh) return;
  try {
    const info = await request('keyInfo', { key: source, ...(refresh ? { refresh } : {}) });
    if (seq !== keyInfoSeq) return;
    ui.keyDescription.textContent = info.description;
    setOptions(ui.algorithm, info.jws, { value: '', label: `What the key can do (${info.jws.join(', ') || 'nothing'})` });
    setOptions(ui.jweAlg, info.jweKey);
    setOptions(ui.jweEnc, info.jweContent);
  } catch (e) {
    if (seq !== keyInfoSeq) return;
    ui.keyDescription.textContent = e instanceof Error ? e.message : '';
  }
}

// ---- actions ------------------------------------------------------------------------------------------

const list = (text: string): string[] => text.split(',').map(s => s.trim()).filter(Boolean);

async function act<T>(busy: string, run: () => Promise<T>, done: (value: T) => void): Promise<void> {
  showResult(undefined, busy);
  showChecks(undefined);
  try {
    done(await run());
  } catch (e) {
    if (e instanceof RequestError) showResult(false, e.message, e.code);
    else showResult(false, e instanceof Error ? e.message : 'Unexpected error.');
  }
}

function verify(): Promise<void> {
  const tolerance = Number(ui.tolerance.value);
  const asOf = ui.asOf.value ? new Date(ui.asOf.value) : undefined;
  return act('Verifying…', () => request('verify', {
    token: ui.token.value,
    key: keySource(),
    algorithms: ui.algorithm.value ? [ui.algorithm.value] : [],
    ...(ui.iss.value.trim() ? { issuer: ui.iss.value.trim() } : {}),
    ...(list(ui.aud.value).length ? { audience: list(ui.aud.value) } : {}),
    ...(ui.tolerance.value.trim() && Number.isFinite(tolerance) ? { clockTolerance: tolerance } : {}),
    ...(list(ui.required.value).length ? { requiredClaims: list(ui.required.value) } : {}),
    ...(asOf && !Number.isNaN(asOf.getTime()) ? { asOf: asOf.toISOString() } : {}),
  }), reply => {
    showResult(reply.valid, reply.valid ? `Signature valid${reply.keyUsed ? ` — ${reply.keyUsed}` : ''}` : reply.message, reply.valid ? undefined : reply.code);
    showChecks(reply);
  });
}

function sign(): Promise<void> {
  const parts = editedParts();
  if (!parts) {
    showResult(false, 'Nothing was signed: the header or payload is not valid JSON (see the marked box).', 'JSON_INVALID');
    return Promise.resolve();
  }
  const header = ui.algorithm.value ? { ...parts.header, alg: ui.algorithm.value } : parts.header;
  return act('Signing…', () => request('sign', { header, payload: parts.payload, key: keySource() }), ({ token }) => {
    setToken(token);
    showResult(true, `Signed with ${String(decoded?.header.alg ?? '')}: the new token is in the Token box.`);
  });
}

function encrypt(): Promise<void> {
  const nested = ui.jweWhat.value === 'nested';
  let plaintext = ui.token.value.trim();
  if (!nested) {
    const parts = editedParts();
    if (!parts) {
      showResult(false, 'Nothing was encrypted: the payload is not valid JSON (see the marked box).', 'JSON_INVALID');
      return Promise.resolve();
    }
    plaintext = JSON.stringify(parts.payload);
  }
  return act('Encrypting…', () => request('encrypt', {
    plaintext, key: keySource(), alg: ui.jweAlg.value, enc: ui.jweEnc.value, ...(nested ? { cty: 'JWT' } : {}),
  }), ({ token }) => {
    setToken(token);
    showResult(true, `Encrypted with ${ui.jweAlg.value} / ${ui.jweEnc.value}: the JWE is in the Token box.`);
  });
}

function decrypt(): Promise<void> {
  return act('Decrypting…', () => request('decrypt', { token: ui.token.value, key: keySource() }), reply => {
    const lines = [`Protected header:\n${pretty(reply.header)}`, `Plaintext:\n${reply.plaintext}`];
    if (reply.nested) {
      try {
        const inner = decodeToken(reply.nested);
        lines.push(`Nested token header:\n${pretty(inner.header)}`);
        if (inner.kind === 'jws') lines.push(`Nested token payload:\n${pretty(inner.payload)}`);
      } catch (e) {
        lines.push(`The nested token cannot be decoded: ${e instanceof Error ? e.message : ''}`);
      }
    } else {
      const json = parseJson(reply.plaintext);
      if ('value' in json) lines[1] = `Plaintext (JSON):\n${pretty(json.value)}`;
    }
    ui.decrypted.textContent = lines.join('\n\n');
    showResult(true, 'Decrypted: the protected header and plaintext are below, under Encrypt / decrypt.');
  });
}

function editPayload(change: (payload: Record<string, unknown>) => void): void {
  const parsed = parseJson(ui.payload.value);
  if ('error' in parsed) {
    setJsonError('payload', parsed.error);
    return;
  }
  change(parsed.value);
  ui.payload.value = pretty(parsed.value);
  onJsonEdited();
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The JSON data block with this id, or undefined (missing or not JSON: nothing of it is used). */
function parseJsonBlock(id: string): unknown {
  try {
    const text = document.getElementById(id)?.textContent;
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

// ---- wiring -------------------------------------------------------------------------------------------

function on(id: string, event: string, handler: () => unknown): void {
  $(id).addEventListener(event, () => void handler());
}

ui.token.addEventListener('input', () => {
  setToken(ui.token.value, true);
  showResult(undefined, '');
  delete ui.result.dataset.state;
});
ui.token.addEventListener('scroll', () => {
  ui.colours.scrollTop = ui.token.scrollTop;
});
on('header', 'input', onJsonEdited);
on('payload', 'input', onJsonEdited);
on('verify', 'click', verify);
on('sign', 'click', sign);
on('encrypt', 'click', encrypt);
on('decrypt', 'click', decrypt);
on('copy', 'click', () => vscode.postMessage({ type: 'copy', text: ui.token.value.trim() }));
on('insert', 'click', () => vscode.postMessage({ type: 'insert', token: ui.token.value.trim() }));
on('set-iat', 'click', () => editPayload(p => { p.iat = nowSeconds(); }));
on('set-exp', 'click', () => editPayload(p => {
  const minutes = Math.max(1, Number(ui.expMinutes.value) || 60);
  p.exp = nowSeconds() + Math.round(minutes * 60);
}));
on('set-jti', 'click', () => editPayload(p => { p.jti = crypto.randomUUID(); }));
on('key-source', 'change', () => {
  showKeySource();
  saveState();
});
on('stored-key', 'change', () => {
  scheduleKeyInfo();
  saveState();
});
on('secret', 'input', () => scheduleKeyInfo());
on('secret-encoding', 'change', () => scheduleKeyInfo());
on('passphrase', 'change', () => scheduleKeyInfo());
on('jwks-url', 'change', saveState);
on('issuer-url', 'change', saveState);
on('refresh', 'click', () => scheduleKeyInfo(true));
// Buttons are custom elements: Enter and Space already press them; Ctrl+Enter verifies from anywhere.
document.addEventListener('keydown', e => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void verify();
});

function onShow(message: ShowMessage): void {
  timeZone = message.timeZone;
  if (message.origin !== undefined) ui.origin.textContent = `from ${message.origin}`;
  if (message.token !== undefined) {
    setToken(message.token);
    showResult(undefined, '');
    delete ui.result.dataset.state;
    showChecks(undefined);
  } else {
    renderExplanation();
  }
  if (message.keyRef !== undefined) {
    wantedKeyRef = message.keyRef;
    renderKeys();
  }
  requestAnimationFrame(() => vscode.postMessage({ type: 'rendered', seq: message.seq }));
}

window.addEventListener('message', event => {
  const message = parseFromHost(event.data);
  if (!message) return; // not from the protocol: ignored (nothing of it is shown or kept)
  switch (message.type) {
    case 'show':
      onShow(message);
      return;
    case 'keys':
      keys = message.keys;
      renderKeys();
      if (keys.length > 0 && keyKind() === 'pasted' && ui.secret.value === '' && restored?.keyKind !== 'pasted') {
        ui.keySource.value = 'stored';
        showKeySource();
      }
      return;
    case 'reply': {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (!message.ok) waiting.reject(new RequestError(message.code, message.message));
      else if (RESULT_CHECKS[waiting.method](message.result)) waiting.resolve(message.result);
      else waiting.reject(new RequestError('INTERNAL', 'The extension sent a reply this page does not understand.'));
      return;
    }
  }
});

// Restore what the page showed before a reload (no secret was ever saved), then tell the host it may post.
const restored = parseState(vscode.getState());
if (restored) {
  ui.keySource.value = restored.keyKind;
  if (restored.jwksUrl) ui.jwksUrl.value = restored.jwksUrl;
  if (restored.issuerUrl) ui.issuerUrl.value = restored.issuerUrl;
  if (restored.keyRef) wantedKeyRef = restored.keyRef;
  setToken(restored.token);
  if (decoded?.kind !== 'jwe') {
    ui.header.value = restored.header;
    ui.payload.value = restored.payload;
    if (restored.header || restored.payload) editedParts();
  }
} else {
  setToken('');
  ui.header.value = pretty({ alg: 'HS256', typ: 'JWT' });
  ui.payload.value = pretty({ sub: '1234567890', name: 'Jane Doe', iat: nowSeconds() });
}
showKeySource();
// The host put its first `show` in the page: drawn now, it needs no round trip through the workbench.
const firstMessage = parseFromHost(parseJsonBlock('first-message'));
if (firstMessage?.type === 'show') onShow(firstMessage);
vscode.postMessage({ type: 'ready', pageMs: performance.now(), scriptMs: performance.now() - scriptStart });
// The codicon stylesheet was only preloaded, so that it would not hold up the first paint. A stylesheet the
// script adds does not either (the page's own link would, turned into one now).
const preloaded = document.getElementById('vscode-codicon-stylesheet');
if (preloaded instanceof HTMLLinkElement) {
  const codicons = document.createElement('link');
  codicons.rel = 'stylesheet';
  codicons.href = preloaded.href;
  codicons.nonce = preloaded.nonce ?? '';
  document.head.append(codicons);
}
