/**
 * The sign/verify panel in a real extension host, driven through its message protocol: `jwtWorkbench.openPanel`
 * returns a test handle in test mode (the live panel), the tests post messages as the webview would
 * (`panel.receive`) and read what the host posts back (`panel.onDidPost`). The real webview loads too: the
 * first test waits for its `rendered` message. Also the automation commands (verifyToken, signToken).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateKey, type KeyMaterial } from '../../src/core';
import type { PanelTestHandle } from '../../src/panel/registerPanel';
import type { FromHost, KeySource, VerifyReply } from '../../src/panel/protocol';
import type { SignVerifyPanel } from '../../src/panel/panelHost';
import { until } from '../shared/editorProbes';
import { rendered, request, type Reply } from '../shared/panelProbes';

const extensionId = 'jwt-workbench.jwt-workbench';
const HS_SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const pasted = (text: string): KeySource => ({ kind: 'pasted', text, encoding: 'utf8' });

async function openPanel(arg?: unknown): Promise<SignVerifyPanel> {
  const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.openPanel', arg);
  assert.ok(handle, 'openPanel returns a test handle in test mode');
  return handle.panel;
}

/** Sends a request as the webview would and returns the host's reply. */
async function ask(panel: SignVerifyPanel, method: string, params: unknown): Promise<Reply> {
  const reply = await request(panel, method, params);
  assert.ok(reply, `the host answered the request (${method})`);
  return reply;
}

/** The result of a reply that must have succeeded. */
function resultOf<T>(reply: Reply): T {
  if (!reply.ok) assert.fail(`${reply.code}: ${reply.message}`);
  return reply.result as T;
}

function jsonText(jwk: unknown): string {
  return JSON.stringify(jwk);
}

describe('sign/verify panel (integration)', () => {
  let panel: SignVerifyPanel;

  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  after(() => {
    panel?.dispose();
  });

  it('opens with a token, posts it to the webview, and the webview renders it', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.openPanel', { token });
    assert.ok(handle);
    panel = handle.panel;
    assert.ok((await rendered(panel)).ms > 0);
    assert.equal(panel.panel.title, 'JWT Sign / Verify');
    assert.equal(panel.panel.viewType, 'jwtWorkbench.panel');
    // One panel, reused: opening again gives the same one.
    assert.equal(await openPanel({ token }), panel);
  });

  it('the page has a strict Content-Security-Policy with a script nonce', () => {
    const html = panel.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{24}';/);
    assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline/);
    // Nothing remote beyond the webview's own resource origin (cspSource).
    assert.doesNotMatch(csp.split(panel.panel.webview.cspSource).join(''), /https?:|\*/);
    const nonce = /nonce-([A-Za-z0-9+/=]+)/.exec(csp)?.[1];
    // The script is in the page (no resource round trip), with the nonce; the first message is a data block.
    const tags = html.match(/<script[^>]*>/g) ?? [];
    const scripts = tags.filter(t => !t.includes('type="application/json"'));
    assert.deepEqual(scripts, [`<script nonce="${nonce}">`]);
    assert.ok(tags.length <= 2, 'one script and at most one data block');
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
    assert.doesNotMatch(markup, /\son[a-z]+="/, 'no inline event handlers');
  });

  const cases: Array<{ name: string; alg: string; keys: () => Promise<{ signWith: string; verifyWith: string }> }> = [
    { name: 'HS256', alg: 'HS256', keys: () => Promise.resolve({ signWith: HS_SECRET, verifyWith: HS_SECRET }) },
    ...(['RS256', 'ES256', 'EdDSA'] as const).map(alg => ({
      name: alg,
      alg,
      keys: async () => {
        const spec = alg === 'RS256' ? { kty: 'RSA', bits: 2048 } as const : alg === 'ES256' ? { kty: 'EC', crv: 'P-256' } as const : { kty: 'OKP', crv: 'Ed25519' } as const;
        const key: KeyMaterial = await generateKey(spec);
        return { signWith: jsonText(key.privateJwk), verifyWith: jsonText(key.publicJwk) };
      },
    })),
  ];
  for (const c of cases) {
    it(`sign → verify round trip with ${c.name}`, async () => {
      const { signWith, verifyWith } = await c.keys();
      const signed = await ask(panel, 'sign', { header: { alg: c.alg, typ: 'JWT' }, payload: { sub: 'alice', exp: 4_102_444_800 }, key: pasted(signWith) });
      assert.ok(signed.ok, signed.ok ? '' : signed.message);
      const token = resultOf<{ token: string }>(signed).token;
      assert.equal(token.split('.').length, 3);
      const verified = await ask(panel, 'verify', { token, key: pasted(verifyWith), algorithms: [] });
      assert.ok(verified.ok);
      const reply = resultOf<VerifyReply>(verified);
      assert.equal(reply.valid, true);
      assert.equal(reply.message, 'Signature valid');
      assert.deepEqual(reply.algorithms.includes(c.alg), true);
      assert.deepEqual(reply.checks.map(r => [r.claim, r.ok]), [['exp', true]]);
    });
  }

  it('a wrong key gives the engine reason', async () => {
    const signed = await ask(panel, 'sign', { header: { alg: 'HS256' }, payload: { sub: 'alice' }, key: pasted(HS_SECRET) });
    assert.ok(signed.ok);
    const verified = await ask(panel, 'verify', { token: resultOf<{ token: string }>(signed).token, key: pasted(`${HS_SECRET}-other`), algorithms: ['HS256'] });
    assert.ok(verified.ok);
    const reply = resultOf<VerifyReply>(verified);
    assert.equal(reply.valid, false);
    assert.equal(reply.code, 'SIGNATURE_INVALID');
    assert.equal(reply.message, 'The signature does not match: the token was changed or signed with another key.');
  });

  it('claim rows say what was expected', async () => {
    const signed = await ask(panel, 'sign', { header: { alg: 'HS256' }, payload: { aud: 'orders', iss: 'https://a.example' }, key: pasted(HS_SECRET) });
    const token = resultOf<{ token: string }>(signed).token;
    const verified = await ask(panel, 'verify', { token, key: pasted(HS_SECRET), algorithms: ['HS256'], audience: ['payments'], issuer: 'https://a.example' });
    const reply = resultOf<VerifyReply>(verified);
    assert.equal(reply.code, 'CLAIM_AUDIENCE');
    assert.deepEqual(reply.checks, [
      { claim: 'iss', ok: true, text: 'is "https://a.example"' },
      { claim: 'aud', ok: false, text: 'is "orders" but "payments" was expected' },
    ]);
  });

  it('sign refuses a key from a JWKS URL with its reason', async () => {
    const reply = await ask(panel, 'sign', { header: { alg: 'RS256' }, payload: {}, key: { kind: 'jwksUrl', url: 'https://example.com/jwks.json' } });
    assert.equal(reply.ok, false);
    assert.equal(reply.ok ? '' : reply.code, 'KEY_NOT_PRIVATE');
  });

  it('encrypt → decrypt round trip (dir and PBES2), nested JWT decoded', async () => {
    const key = await generateKey({ kty: 'RSA', bits: 2048 });
    const signed = await ask(panel, 'sign', { header: { alg: 'HS256' }, payload: { sub: 'alice' }, key: pasted(HS_SECRET) });
    const jws = resultOf<{ token: string }>(signed).token;
    const enc = await ask(panel, 'encrypt', { plaintext: jws, key: pasted(jsonText(key.publicJwk)), alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' });
    assert.ok(enc.ok, enc.ok ? '' : enc.message);
    const jwe = resultOf<{ token: string }>(enc).token;
    const dec = await ask(panel, 'decrypt', { token: jwe, key: pasted(jsonText(key.privateJwk)) });
    assert.ok(dec.ok, dec.ok ? '' : dec.message);
    assert.deepEqual(resultOf(dec), { header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }, plaintext: jws, nested: jws });

    const pw = await ask(panel, 'encrypt', { plaintext: '{"sub":"bob"}', key: pasted('correct horse battery staple'), alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' });
    assert.ok(pw.ok, pw.ok ? '' : pw.message);
    const wrong = await ask(panel, 'decrypt', { token: resultOf<{ token: string }>(pw).token, key: pasted('wrong password') });
    assert.equal(wrong.ok ? '' : wrong.code, 'DECRYPTION_FAILED');
  });

  it('keyInfo offers the algorithms the key can do', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-384' });
    const reply = await ask(panel, 'keyInfo', { key: pasted(jsonText(key.privateJwk)) });
    assert.ok(reply.ok);
    const info = resultOf<{ jws: string[]; jweKey: string[]; description: string }>(reply);
    assert.deepEqual(info.jws, ['ES384']);
    assert.ok(info.jweKey.includes('ECDH-ES+A256KW'));
    assert.equal(info.description, 'EC P-384 key');
  });

  it('malformed and unknown messages are ignored: no reply, nothing posted', async () => {
    const posted: FromHost[] = [];
    const sub = panel.onDidPost(m => posted.push(m));
    try {
      for (const bad of [
        { type: 'exfiltrate', secret: HS_SECRET },
        { type: 'request', id: 1, method: 'sign', params: { header: 'x', payload: {}, key: pasted(HS_SECRET) } },
        { type: 'request', id: 2, method: 'eval', params: {} },
        { type: 'request', id: -1, method: 'verify', params: { token: 'a.b.c', key: pasted('x'), algorithms: [] } },
        { type: 'request', id: 3, method: 'verify', params: { token: 'a.b.c', key: { kind: 'privateJwk', jwk: {} }, algorithms: [] } },
        'ready',
        null,
      ]) await panel.receive(bad);
    } finally {
      sub.dispose();
    }
    assert.deepEqual(posted, []);
  });

  it('jwtWorkbench.signToken and jwtWorkbench.verifyToken return results without key material', async () => {
    const signed = await vscode.commands.executeCommand<{ token: string }>('jwtWorkbench.signToken', { header: { alg: 'HS256' }, payload: { sub: 'carol' }, key: HS_SECRET });
    assert.deepEqual(Object.keys(signed), ['token']);
    const result = await vscode.commands.executeCommand<Record<string, unknown>>('jwtWorkbench.verifyToken', { token: signed.token, key: HS_SECRET, algorithms: ['HS256'] });
    assert.equal(result.valid, true);
    assert.deepEqual(result.payload, { sub: 'carol' });
    assert.deepEqual(result.key, { kty: 'oct' });
    assert.doesNotMatch(JSON.stringify(result), new RegExp(Buffer.from(HS_SECRET).toString('base64url').slice(0, 20)));
    const wrong = await vscode.commands.executeCommand<Record<string, unknown>>('jwtWorkbench.verifyToken', { token: signed.token, key: 'another-secret-of-32-bytes-or-more!!', algorithms: ['HS256'] });
    assert.deepEqual([wrong.valid, wrong.code], [false, 'SIGNATURE_INVALID']);
  });

  it('jwtWorkbench.verifyToken reads the secret in the encoding "secretEncoding" names', async () => {
    const { token } = await vscode.commands.executeCommand<{ token: string }>('jwtWorkbench.signToken', { header: { alg: 'HS256' }, payload: { sub: 'dave' }, key: HS_SECRET });
    const base64 = Buffer.from(HS_SECRET).toString('base64');
    const asBase64 = await vscode.commands.executeCommand<Record<string, unknown>>('jwtWorkbench.verifyToken', { token, key: base64, secretEncoding: 'base64', algorithms: ['HS256'] });
    assert.equal(asBase64.valid, true);
    const asText = await vscode.commands.executeCommand<Record<string, unknown>>('jwtWorkbench.verifyToken', { token, key: base64, algorithms: ['HS256'] });
    assert.deepEqual([asText.valid, asText.code], [false, 'SIGNATURE_INVALID']);
  });

  it('jwtWorkbench.verifyToken refuses an unknown "secretEncoding"', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jwtWorkbench.verifyToken', { token: 'a.b.c', key: 'x', secretEncoding: 'latin1' })),
      { code: 'OPTION_INVALID', message: '"secretEncoding" must be one of utf8, base64, base64url, hex.' },
    );
  });

  it('jwtWorkbench.verifyToken without a key says which arguments name one', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('jwtWorkbench.verifyToken', { token: 'a.b.c' })),
      /Say which key verifies: give "keyId" \(a stored key\), "key" \(a secret, PEM or JWK as text\), "jwksUrl" or "issuerUrl"\./,
    );
  });
});

describe('sign/verify panel with stored keys (integration)', () => {
  let panel: SignVerifyPanel;
  let stored: { id: string; kid: string };

  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    stored = await vscode.commands.executeCommand<{ id: string; kid: string }>('jwtWorkbench.keys.generate', { type: 'P-256', label: 'panel test key' });
  });

  after(async () => {
    panel?.dispose();
    await vscode.commands.executeCommand('jwtWorkbench.keys.delete', { id: stored.id }).then(undefined, () => undefined);
  });

  it('opens with { keyId }: the key is chosen, and the picker lists facts only', async () => {
    const posted: FromHost[] = [];
    const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.signWithKey', { kind: 'key', id: stored.id });
    assert.ok(handle);
    panel = handle.panel;
    const sub = panel.onDidPost(m => posted.push(m));
    try {
      await panel.receive({ type: 'ready' });
    } finally {
      sub.dispose();
    }
    const keys = posted.find((m): m is Extract<FromHost, { type: 'keys' }> => m.type === 'keys');
    assert.ok(keys);
    const mine = keys.keys.find(k => k.ref === stored.id);
    assert.deepEqual(mine, { ref: stored.id, label: 'panel test key', kind: 'EC P-256', kid: stored.kid, hasPrivate: true });
    assert.doesNotMatch(JSON.stringify(keys), /"d"|privateJwk/);
  });

  it('signs and verifies with the stored key by reference', async () => {
    const ref: KeySource = { kind: 'stored', ref: stored.id };
    const token = resultOf<{ token: string }>(await ask(panel, 'sign', { header: { alg: 'ES256' }, payload: { sub: 'alice' }, key: ref })).token;
    const reply = resultOf<VerifyReply>(await ask(panel, 'verify', { token, key: { kind: 'stored', ref: stored.kid }, algorithms: [] }));
    assert.deepEqual([reply.valid, reply.algorithms], [true, ['ES256']]);
  });

  it('a deleted key is forgotten: KEY_NOT_FOUND', async () => {
    await vscode.commands.executeCommand('jwtWorkbench.keys.delete', { id: stored.id });
    const reply = await ask(panel, 'sign', { header: { alg: 'ES256' }, payload: {}, key: { kind: 'stored', ref: stored.id } });
    assert.equal(reply.ok ? '' : reply.code, 'KEY_NOT_FOUND');
  });
});

/**
 * Closes an untitled document without saving and waits until the extension host has let it go: VS Code gives
 * the next untitled document the same URI, and a test must not write into the one before.
 */
async function closeUntitled(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await until('the untitled document to close', () => document.isClosed, closed => closed);
}

describe('sign/verify panel: Insert into Editor (integration)', () => {
  it('the Sign/Verify CodeLens opens its token in the panel, decoded; Insert into Editor then replaces that token', async () => {
    const first = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmaXJzdCJ9.c2lnbmF0dXJlLWZpcnN0';
    const old = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbGQifQ.c2lnbmF0dXJlLW9sZA';
    const document = await vscode.workspace.openTextDocument({ content: `first: ${first}\nAuthorization: Bearer ${old}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    // The panel is already open on another token: the lens takes it over.
    const panel = await openPanel({ token: first });
    const posted: FromHost[] = [];
    const sub = panel.onDidPost(m => posted.push(m));
    try {
      // Resolved as VS Code resolves the lenses on screen: two a token, its status and then Sign/Verify.
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 4)) ?? [];
      assert.deepEqual(lenses.map(l => [l.range.start.line, l.command?.title.startsWith('JWT · HS256') ? 'status' : l.command?.title]), [
        [0, 'status'], [0, '$(edit) Sign/Verify'], [1, 'status'], [1, '$(edit) Sign/Verify'],
      ]);
      const command = lenses[3]?.command;
      assert.ok(command);
      const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>(command.command, ...(command.arguments ?? []));
      assert.equal(handle?.panel, panel, 'one panel, reused');
      const show = posted.find((m): m is Extract<FromHost, { type: 'show' }> => m.type === 'show');
      assert.ok(show);
      assert.equal(show.token, old);
      assert.match(show.origin ?? '', /^Untitled-\d+, line 2$/);
      // The page decodes the token it was shown and reports that show drawn.
      assert.equal((await rendered(panel, show.seq)).seq, show.seq);
      const fresh = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuZXcifQ.c2lnbmF0dXJlLW5ldw';
      await panel.receive({ type: 'insert', token: fresh });
      assert.equal(document.getText(), `first: ${first}\nAuthorization: Bearer ${fresh}\n`);
    } finally {
      sub.dispose();
      panel.dispose();
      await closeUntitled(document);
    }
  });

  it('replaces the token the panel was opened from', async () => {
    const old = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbGQifQ.c2lnbmF0dXJlLW9sZA';
    const document = await vscode.workspace.openTextDocument({ content: `Authorization: Bearer ${old}\n`, language: 'plaintext' });
    await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf(old);
    const panel = await openPanel({ uri: document.uri.toString(), offset });
    try {
      const fresh = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuZXcifQ.c2lnbmF0dXJlLW5ldw';
      await panel.receive({ type: 'insert', token: fresh });
      assert.equal(document.getText(), `Authorization: Bearer ${fresh}\n`);
    } finally {
      panel.dispose();
      await closeUntitled(document);
    }
  });
});
