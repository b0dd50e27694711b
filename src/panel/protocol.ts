/**
 * The sign/verify panel's one message protocol, imported by the extension host (`src/panel`) and by the
 * webview (`media/panel/main.ts`). Shapes follow GitLens's webview protocols — notifications one way,
 * requests answered by a reply with the same id — and, unlike a cast, every message that arrives is checked
 * here at run time: a message of an unknown type or the wrong shape is dropped (the receiver logs its type
 * only, never its content, which may hold a secret).
 *
 * Rules the shapes carry: a stored key travels as `{ kind: 'stored', ref }` only; a pasted secret travels
 * with the one request that needs it; nothing here is persisted except {@link PanelState}, which holds no secret.
 * Pure TypeScript: no `vscode`, no Node.
 */

export const SECRET_ENCODINGS = ['utf8', 'base64', 'base64url', 'hex'] as const;
export type SecretEncodingName = (typeof SECRET_ENCODINGS)[number];

/** Where the key for an action comes from. */
export type KeySource =
  | { kind: 'stored'; ref: string }
  /** A secret, PEM (key or certificate), JWK or JWKS as pasted; `encoding` applies to a plain secret only. */
  | { kind: 'pasted'; text: string; encoding: SecretEncodingName; passphrase?: string }
  | { kind: 'jwksUrl'; url: string }
  | { kind: 'issuer'; url: string };

export type KeySourceKind = KeySource['kind'];
export const KEY_SOURCE_KINDS: readonly KeySourceKind[] = ['stored', 'pasted', 'jwksUrl', 'issuer'];

/** A stored key as the picker shows it: facts only, never material. */
export interface KeySummary {
  ref: string;
  label: string;
  /** "RSA 2048-bit", "EC P-256", "HMAC 256-bit"… */
  kind: string;
  kid: string;
  hasPrivate: boolean;
}

/** Verification options as the panel sends them (all optional but the algorithms). */
export interface VerifyParams {
  token: string;
  key: KeySource;
  /** Empty: every algorithm the key can do. */
  algorithms: string[];
  issuer?: string;
  audience?: string[];
  clockTolerance?: number;
  requiredClaims?: string[];
  /** "Verify as of" this instant (ISO 8601), instead of now. */
  asOf?: string;
}

/** One checked claim: ✓ `exp` in 12 min, ✗ `aud` is "orders" but "payments" was expected. */
export interface ClaimCheck {
  claim: string;
  ok: boolean;
  text: string;
}

export interface VerifyReply {
  valid: boolean;
  /** The engine's code when not valid. */
  code?: string;
  /** "Signature valid", or the engine's reason. */
  message: string;
  checks: ClaimCheck[];
  /** Which key verified (kid and type), when valid. */
  keyUsed?: string;
  /** The algorithms that were allowed. */
  algorithms: string[];
}

export interface SignParams {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  key: KeySource;
}

export interface EncryptParams {
  plaintext: string;
  key: KeySource;
  alg: string;
  enc: string;
  /** "JWT" when the plaintext is a signed token (nested JWT). */
  cty?: string;
}

export interface DecryptParams {
  token: string;
  key: KeySource;
}

export interface DecryptReply {
  header: Record<string, unknown>;
  plaintext: string;
  /** The inner token when the plaintext is itself a JWT. */
  nested?: string;
}

/** What a key can do, for the algorithm pickers. */
export interface KeyInfo {
  /** In words: "EC P-256 private key", "JWKS with 3 keys from https://…". */
  description: string;
  jws: string[];
  jweKey: string[];
  jweContent: string[];
}

/** Every request the webview makes, its parameters and its result. */
export interface Requests {
  verify: { params: VerifyParams; result: VerifyReply };
  sign: { params: SignParams; result: { token: string } };
  encrypt: { params: EncryptParams; result: { token: string } };
  decrypt: { params: DecryptParams; result: DecryptReply };
  /** `refresh`: fetch a URL key source again instead of using the panel's cached copy. */
  keyInfo: { params: { key: KeySource; refresh?: boolean }; result: KeyInfo };
}
export type RequestMethod = keyof Requests;
export const REQUEST_METHODS: readonly RequestMethod[] = ['verify', 'sign', 'encrypt', 'decrypt', 'keyInfo'];

export type RequestMessage = {
  [M in RequestMethod]: { type: 'request'; id: number; method: M; params: Requests[M]['params'] };
}[RequestMethod];

/** Messages from the webview to the extension host. */
export type FromWebview =
  /**
   * The script runs and listens: the host may post (pull-request-github's handshake). `pageMs`: how long the
   * page's frame took from its own start to here (the rest of the wait is VS Code making the webview);
   * `scriptMs`: how much of that was this page's script (the rest is VS Code loading the frame).
   */
  | { type: 'ready'; pageMs?: number; scriptMs?: number }
  /** A `show` was drawn: the host measures open → first render with it. */
  | { type: 'rendered'; seq: number }
  | RequestMessage
  | { type: 'copy'; text: string }
  | { type: 'insert'; token: string };

/** What the panel shows when opened or re-targeted. */
export interface ShowMessage {
  type: 'show';
  seq: number;
  token?: string;
  keyRef?: string;
  /** "tokens.json, line 3": where Insert into Editor will write. */
  origin?: string;
  timeZone: 'local' | 'utc';
}

/** Messages from the extension host to the webview. */
export type FromHost =
  | ShowMessage
  | { type: 'keys'; keys: KeySummary[] }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; code: string; message: string };

/**
 * What the webview persists with `setState` (and the serializer restores): the token and the edited JSON,
 * the chosen key *source* and non-secret options. Never a pasted secret, passphrase or private key.
 */
export interface PanelState {
  token: string;
  header: string;
  payload: string;
  keyKind: KeySourceKind;
  keyRef?: string;
  jwksUrl?: string;
  issuerUrl?: string;
}

// ---- run-time checks -------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** Bounds what a message may carry: a token is at most 1 MiB in the engine; keys and JSON are smaller. */
const MAX_TEXT = 1_100_000;
const isText = (v: unknown): v is string => isStr(v) && v.length <= MAX_TEXT;

export function isKeySource(v: unknown): v is KeySource {
  if (!isObj(v)) return false;
  switch (v.kind) {
    case 'stored': return isStr(v.ref) && v.ref.length > 0 && v.ref.length <= 200;
    case 'pasted': return isText(v.text) && SECRET_ENCODINGS.includes(v.encoding as SecretEncodingName) && optStr(v.passphrase);
    case 'jwksUrl':
    case 'issuer': return isStr(v.url) && v.url.length <= 2048;
    default: return false;
  }
}

function isVerifyParams(p: Obj): boolean {
  return isText(p.token) && isKeySource(p.key) && isStrList(p.algorithms) && optStr(p.issuer)
    && (p.audience === undefined || isStrList(p.audience))
    && (p.clockTolerance === undefined || (typeof p.clockTolerance === 'number' && Number.isFinite(p.clockTolerance)))
    && (p.requiredClaims === undefined || isStrList(p.requiredClaims)) && optStr(p.asOf);
}

const PARAM_CHECKS: { readonly [M in RequestMethod]: (p: Obj) => boolean } = {
  verify: isVerifyParams,
  sign: p => isObj(p.header) && isObj(p.payload) && isKeySource(p.key),
  encrypt: p => isText(p.plaintext) && isKeySource(p.key) && isStr(p.alg) && isStr(p.enc) && optStr(p.cty),
  decrypt: p => isText(p.token) && isKeySource(p.key),
  keyInfo: p => isKeySource(p.key) && (p.refresh === undefined || typeof p.refresh === 'boolean'),
};

const isDuration = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** `value` as a message from the webview, or undefined when it is not one (unknown type, wrong shape). */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return {
        type: 'ready',
        ...(isDuration(value.pageMs) ? { pageMs: value.pageMs } : {}),
        ...(isDuration(value.scriptMs) ? { scriptMs: value.scriptMs } : {}),
      };
    case 'rendered': return isId(value.seq) ? { type: 'rendered', seq: value.seq } : undefined;
    case 'copy': return isText(value.text) ? { type: 'copy', text: value.text } : undefined;
    case 'insert': return isText(value.token) ? { type: 'insert', token: value.token } : undefined;
    case 'request': {
      const method = value.method as RequestMethod;
      if (!isId(value.id) || !REQUEST_METHODS.includes(method) || !isObj(value.params)) return undefined;
      return PARAM_CHECKS[method](value.params) ? (value as RequestMessage) : undefined;
    }
    default: return undefined;
  }
}

function isKeySummary(v: unknown): v is KeySummary {
  return isObj(v) && isStr(v.ref) && isStr(v.label) && isStr(v.kind) && isStr(v.kid) && typeof v.hasPrivate === 'boolean';
}

/** `value` as a message from the extension host, or undefined when it is not one. */
export function parseFromHost(value: unknown): FromHost | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'show':
      return isId(value.seq) && optStr(value.token) && optStr(value.keyRef) && optStr(value.origin)
        && (value.timeZone === 'local' || value.timeZone === 'utc') ? (value as unknown as ShowMessage) : undefined;
    case 'keys':
      return Array.isArray(value.keys) && value.keys.every(isKeySummary) ? { type: 'keys', keys: value.keys } : undefined;
    case 'reply':
      if (!isId(value.id)) return undefined;
      if (value.ok === true) return { type: 'reply', id: value.id, ok: true, result: value.result };
      return value.ok === false && isStr(value.code) && isStr(value.message)
        ? { type: 'reply', id: value.id, ok: false, code: value.code, message: value.message } : undefined;
    default: return undefined;
  }
}

/** A persisted state, or undefined when it is not one (old or damaged): then the panel starts empty. */
export function parseState(value: unknown): PanelState | undefined {
  if (!isObj(value)) return undefined;
  const ok = isText(value.token) && isText(value.header) && isText(value.payload)
    && KEY_SOURCE_KINDS.includes(value.keyKind as KeySourceKind)
    && optStr(value.keyRef) && optStr(value.jwksUrl) && optStr(value.issuerUrl);
  if (!ok) return undefined;
  // Only the known members: whatever else an old or tampered state holds is dropped.
  const state: PanelState = { token: value.token as string, header: value.header as string, payload: value.payload as string, keyKind: value.keyKind as KeySourceKind };
  if (isStr(value.keyRef)) state.keyRef = value.keyRef;
  if (isStr(value.jwksUrl)) state.jwksUrl = value.jwksUrl;
  if (isStr(value.issuerUrl)) state.issuerUrl = value.issuerUrl;
  return state;
}

/** A short description of a dropped message for the log: its type when it has a printable one, never its content. */
export function describeDropped(value: unknown): string {
  const type = isObj(value) && isStr(value.type) && /^[\w-]{1,30}$/.test(value.type) ? `"${value.type}"` : 'without a known type';
  const method = isObj(value) && isStr(value.method) && /^[\w-]{1,30}$/.test(value.method) ? ` (method "${value.method}")` : '';
  return `a message ${type}${method}`;
}

function isClaimCheck(v: unknown): v is ClaimCheck {
  return isObj(v) && isStr(v.claim) && typeof v.ok === 'boolean' && isStr(v.text);
}

/** Checks of each request's result, for the webview (a reply is trusted no more than a request). */
export const RESULT_CHECKS: { readonly [M in RequestMethod]: (v: unknown) => v is Requests[M]['result'] } = {
  verify: (v): v is VerifyReply => isObj(v) && typeof v.valid === 'boolean' && optStr(v.code) && isStr(v.message)
    && Array.isArray(v.checks) && v.checks.every(isClaimCheck) && isStrList(v.algorithms) && optStr(v.keyUsed),
  sign: (v): v is { token: string } => isObj(v) && isText(v.token),
  encrypt: (v): v is { token: string } => isObj(v) && isText(v.token),
  decrypt: (v): v is DecryptReply => isObj(v) && isObj(v.header) && isText(v.plaintext) && optStr(v.nested),
  keyInfo: (v): v is KeyInfo => isObj(v) && isStr(v.description) && isStrList(v.jws) && isStrList(v.jweKey) && isStrList(v.jweContent),
};
