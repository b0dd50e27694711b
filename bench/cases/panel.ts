/**
 * `panel` case: the sign/verify panel's costs that can be measured without a browser.
 * - The webview bundle, minified as `npm run package` ships it, against its budget of 150 KB (target ≤ 1).
 * - A verify request as the panel runs it — message checked against the protocol, key resolved, engine
 *   verify, claim rows — against the engine's verifyToken alone with the same resolver (target ≤ 1.5).
 * Open → first render needs the browser: the UI suite measures it (test/ui/panel.test.ts, from the extension
 * host's log line) and the README's closing note gives the figure.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { KeyResolver, signToken, verifyToken } from '../../src/core';
import { PanelActions } from '../../src/panel/panelActions';
import { parseFromWebview } from '../../src/panel/protocol';
import { compare, type BenchResult } from '../lib';

const BUDGET_KB = 150;
const ROOT = path.resolve(__dirname, '..', '..');

async function bundleKb(): Promise<number> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'media', 'panel', 'main.ts')],
    bundle: true, minify: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, outdir: path.join(ROOT, 'out', 'bench-panel'),
  });
  const js = result.outputFiles.find(f => f.path.endsWith('.js'));
  if (!js) throw new Error('the panel bundle produced no script');
  return Math.round(js.contents.byteLength / 102.4) / 10;
}

export async function panelCase(): Promise<BenchResult[]> {
  const kb = await bundleKb();
  const secret = 'bench-shared-secret-of-32-bytes-long!!';
  const token = await signToken({ header: { alg: 'HS256' }, payload: { sub: 'alice', aud: 'orders', exp: 4_102_444_800 }, key: secret });
  const resolver = new KeyResolver();
  const actions = new PanelActions(resolver, undefined);
  const message = { type: 'request', id: 1, method: 'verify', params: { token, key: { kind: 'pasted', text: secret, encoding: 'utf8' }, algorithms: ['HS256'], audience: ['orders'] } };
  return [
    { name: 'panel webview bundle (minified)', value: kb, unit: 'KB', baseline: 'budget', baselineValue: BUDGET_KB, ratio: Math.round((kb / BUDGET_KB) * 1000) / 1000, target: 1 },
    await compare('panel verify request (HS256)', async () => {
      const m = parseFromWebview(message);
      if (m?.type !== 'request' || m.method !== 'verify') throw new Error('the bench message is not a verify request');
      return actions.run('verify', m.params);
    }, 'engine verifyToken', () => verifyToken(token, secret, { algorithms: ['HS256'], audience: 'orders', resolver }), { target: 1.5 }),
  ];
}
