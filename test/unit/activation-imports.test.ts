/**
 * What activation loads. The extension bundle holds everything, but only the modules reachable from
 * src/extension.ts through static imports run when VS Code activates it; the rest (certificates on
 * @peculiar/x509) waits behind `import()` until a person asks for it. esbuild's metafile says which is which.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(__dirname, '../../..');

/** Inputs reachable from `entry` through static imports only (not `import()`). */
function staticallyReachable(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const next = queue.pop();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    for (const imported of metafile.inputs[next]?.imports ?? []) {
      if (imported.kind !== 'dynamic-import' && !imported.external) queue.push(imported.path);
    }
  }
  return seen;
}

describe('activation loads only what registering needs', () => {
  let metafile: Metafile;
  let bytes: Map<string, number>;
  before(async function () {
    this.timeout(60_000);
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['src/extension.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      minify: true,
      outfile: 'out/activation-probe.js',
      logLevel: 'silent',
    });
    metafile = result.metafile;
    bytes = new Map(Object.values(metafile.outputs).flatMap(o => Object.entries(o.inputs).map(([k, v]) => [k, v.bytesInOutput] as const)));
  });

  it('@peculiar/x509 and reflect-metadata are in the bundle but not loaded at activation', () => {
    const all = Object.keys(metafile.inputs);
    assert.ok(all.some(p => p.includes('node_modules/@peculiar/x509/')), 'certificates are still bundled');
    const eager = [...staticallyReachable(metafile, 'src/extension.ts')];
    assert.deepEqual(eager.filter(p => /node_modules\/(@peculiar|reflect-metadata|tsyringe|pvtsutils|@peculiar\/asn1)/.test(p)), []);
    assert.ok(!eager.includes('src/core/certificates.ts'));
  });

  it('what activation loads stays small (minified; figure printed for the issue notes)', () => {
    const eager = staticallyReachable(metafile, 'src/extension.ts');
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    const atActivation = [...eager].reduce((a, p) => a + (bytes.get(p) ?? 0), 0);
    console.log(`      bundle ${(total / 1024).toFixed(0)} KB minified, ${(atActivation / 1024).toFixed(0)} KB of it loaded at activation`);
    assert.ok(atActivation < total, 'lazy modules are split from the eager ones');
  });
});
