// Builds everything the project runs, in one pass:
//   dist/extension.js        the extension for desktop VS Code and the VS Code server (Node, cjs)
//   dist/web/extension.js    the same extension for VS Code for the Web (browser, cjs)
//   dist/media/<name>/main.js  webview scripts (browser, iife), one per media/<name>/main.ts, with the
//                            CSS they import as dist/media/<name>/main.css
//   dist/media/codicons/     the codicon font and its stylesheet, copied for the webviews
//   out/**                   tests, the test harness, benchmarks and scripts (Node, never packaged)
//   out/test/web/index.js    the web tests, for VS Code for the Web's web-worker extension host (browser, cjs)
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
// Type checking is `tsc --noEmit` (npm run check-types): esbuild only strips types.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    if (watch) build.onStart(() => console.log('[watch] build started'));
    build.onEnd(result => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** In the browser there is no node:crypto: key formats only Node can read fail with a clear error. */
const browserNodeStubs = {
  name: 'browser-node-stubs',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, args => ({ path: args.path, namespace: 'node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, args => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not available in VS Code for the Web`)});`,
      loader: 'js',
    }));
  },
};

/** Every file below `dir` whose name matches `re`. */
function files(dir, re) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(f => path.join(dir, String(f)))
    .filter(f => re.test(f) && fs.statSync(f).isFile());
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problemMatcher],
  target: 'es2022',
};

/** Node programs that run from `out/`: they keep test tools external and resolve them from node_modules. */
const nodeTools = {
  ...common,
  minify: false,
  sourcemap: 'inline',
  platform: 'node',
  format: 'cjs',
  external: ['vscode', 'mocha', 'playwright-core', 'jsonwebtoken', '@vscode/test-electron', 'esbuild', 'oidc-provider'],
  outbase: '.',
  outdir: 'out',
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    plugins: [problemMatcher, browserNodeStubs],
  },
  {
    ...common,
    entryPoints: files('media', /[\\/]main\.ts$/),
    outbase: 'media',
    outdir: 'dist/media',
    platform: 'browser',
    format: 'iife',
  },
  ...(production ? [] : [{
    // test/web runs in VS Code for the Web's web-worker extension host: a browser bundle with
    // mocha's browser build inside, loaded as cjs by that host (which provides `vscode`).
    ...common,
    entryPoints: ['test/web/index.ts'],
    outfile: 'out/test/web/index.js',
    sourcemap: 'inline',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    plugins: [problemMatcher, browserNodeStubs],
  }, {
    ...nodeTools,
    entryPoints: [
      ...files('test', /\.ts$/).filter(f => !f.startsWith(path.join('test', 'web') + path.sep)),
      ...files('bench', /\.ts$/),
      ...files('scripts', /\.ts$/),
    ].filter(f => !f.endsWith('.d.ts')),
  }]),
].filter(b => !b.entryPoints || b.entryPoints.length > 0);

/** Webviews load only from dist/media (their localResourceRoots): the codicon font goes there too. */
function copyCodicons() {
  const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join('dist', 'media', 'codicons');
  fs.mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, f), path.join(to, f));
}

async function main() {
  copyCodicons();
  // A one-off development build starts from an empty out/: a deleted or renamed test must not run on.
  if (!watch && !production) fs.rmSync('out', { recursive: true, force: true });
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  let failed = false;
  for (const ctx of contexts) {
    try {
      await ctx.rebuild();
    } catch {
      failed = true;
    } finally {
      await ctx.dispose();
    }
  }
  if (failed) process.exit(1);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
