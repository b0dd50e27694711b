/**
 * The sign/verify panel in VS Code for the Web: the browser bundle's panel opens, its page renders, and
 * sign → verify runs on WebCrypto through the panel's message protocol (the test handle of
 * `jwtWorkbench.openPanel` in test mode); the automation commands work there too.
 */
import * as vscode from 'vscode';
import { generateKey } from '../../src/core';
import type { VerifyReply } from '../../src/panel/protocol';
import type { SignVerifyPanel } from '../../src/panel/panelHost';
import type { PanelTestHandle } from '../../src/panel/registerPanel';
import { rendered, request } from '../shared/panelProbes';
import { deepEqual, equal, fail, ok } from './assert';

const SECRET = 'a-web-test-shared-secret-of-32-bytes!';

/** The result of a request that must have succeeded. */
async function ask(panel: SignVerifyPanel, method: string, params: unknown): Promise<unknown> {
  const reply = await request(panel, method, params);
  if (!reply) return fail(`no reply to ${method}`);
  if (!reply.ok) return fail(`${method}: ${reply.code} ${reply.message}`);
  return reply.result;
}

describe('sign/verify panel in VS Code for the Web', () => {
  let panel: SignVerifyPanel;

  before(async () => {
    await vscode.extensions.getExtension('jwt-workbench.jwt-workbench')?.activate();
  });

  after(() => panel?.dispose());

  it('opens with a token and its page renders', async () => {
    const handle = await vscode.commands.executeCommand<PanelTestHandle | undefined>('jwtWorkbench.openPanel', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' });
    ok(handle, 'openPanel returns a test handle in test mode');
    panel = handle.panel;
    ok((await rendered(panel)).ms > 0, 'a render time');
  });

  for (const spec of [{ alg: 'ES256', key: { kty: 'EC', crv: 'P-256' } as const }, { alg: 'RS256', key: { kty: 'RSA', bits: 2048 } as const }]) {
    it(`sign → verify with ${spec.alg} on WebCrypto`, async () => {
      const key = await generateKey(spec.key);
      const signed = await ask(panel, 'sign', { header: { alg: spec.alg }, payload: { sub: 'web' }, key: { kind: 'pasted', text: JSON.stringify(key.privateJwk), encoding: 'utf8' } }) as { token: string };
      const reply = await ask(panel, 'verify', { token: signed.token, key: { kind: 'pasted', text: JSON.stringify(key.publicJwk), encoding: 'utf8' }, algorithms: [] }) as VerifyReply;
      deepEqual([reply.valid, reply.message], [true, 'Signature valid']);
    });
  }

  it('jwtWorkbench.signToken / verifyToken', async () => {
    const { token } = await vscode.commands.executeCommand<{ token: string }>('jwtWorkbench.signToken', { header: { alg: 'HS256' }, payload: { sub: 'w' }, key: SECRET });
    const result = await vscode.commands.executeCommand<{ valid: boolean; code?: string }>('jwtWorkbench.verifyToken', { token, key: `${SECRET}x`, algorithms: ['HS256'] });
    equal(result.code, 'SIGNATURE_INVALID');
  });
});
