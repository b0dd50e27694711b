/**
 * `npm test`: every suite in one run, counted together.
 *   unit         mocha in plain Node on src/core (test/unit)
 *   integration  mocha inside the extension host of a real VS Code (test/integration)
 *   web          mocha in VS Code for the Web's web-worker extension host, on the browser bundle (test/web)
 *   ui           Playwright driving that VS Code in headless Chromium (test/ui)
 * Ends with one line `N passed, N failed` and exits non-zero on any failure.
 * `npm test -- --suite unit,ui --grep hover` runs a subset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMocha, summarize, type SuiteResult, type TestRecord } from './mocha';
import { root } from '../../scripts/lib/paths';
import { freshDir } from './runDirs';
import { runIntegrationSuite } from './integration';
import { runWebSuite, webUserSettings } from './web';
import { exitOnSignals, startServer, type Server } from '../../scripts/lib/codeServer';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const suites = (option('suite') ?? 'unit,integration,web,ui').split(',');
const grep = option('grep');

function print(suite: string, t: TestRecord): void {
  const mark = t.state === 'passed' ? '✓' : t.state === 'failed' ? '✗' : '-';
  const ms = t.durationMs && t.durationMs > 200 ? ` (${t.durationMs} ms)` : '';
  console.log(`  ${mark} [${suite}] ${t.title}${ms}`);
  if (t.error) console.log(t.error.split('\n').slice(0, 8).map(l => `      ${l}`).join('\n'));
}

function testFiles(dir: string): string[] {
  const full = path.join(root, 'out', 'test', dir);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true })
    .map(f => path.join(full, String(f)))
    .filter(f => f.endsWith('.test.js'))
    .sort();
}

async function main(): Promise<number> {
  // Ctrl+C mid-run: servers and browsers go with this process, and the run says it did not finish.
  exitOnSignals({ onSignal: () => console.log('\ninterrupted\n0 passed, 1 failed') });
  const started = Date.now();
  const results: SuiteResult[] = [];
  const runDir = freshDir('run');

  if (suites.includes('unit')) {
    console.log('unit tests (Node)');
    const tests = await runMocha(testFiles('unit'), { onTest: t => print('unit', t), ...(grep ? { grep } : {}) });
    results.push({ suite: 'unit', tests });
  }

  /** Each VS Code suite gets a fresh server (its own user data): nothing one suite leaves open reaches the next. */
  const onFreshServer = async (
    suite: string,
    options: { env?: Record<string, string>; userSettings?: Record<string, unknown> },
    run: (server: Server, dir: string) => Promise<SuiteResult>,
    live = false,
  ): Promise<void> => {
    const dir = path.join(runDir, suite);
    let server: Server | undefined;
    let result: SuiteResult;
    try {
      server = await startServer({ runDir: dir, ...options });
      result = await run(server, dir);
    } catch (e) {
      result = { suite, tests: [], crashed: e instanceof Error ? e.message : String(e) };
    } finally {
      await server?.stop();
    }
    if (!live) result.tests.forEach(t => print(suite, t));
    if (result.crashed) console.log(`  ✗ [${suite}] did not run: ${result.crashed}`);
    results.push(result);
  };

  if (suites.includes('integration')) {
    console.log('integration tests (inside the VS Code extension host)');
    const resultsFile = path.join(runDir, 'integration-results.json');
    const env = { JWT_WORKBENCH_TEST_RESULTS: resultsFile, ...(grep ? { JWT_WORKBENCH_TEST_GREP: grep } : {}) };
    await onFreshServer('integration', { env }, server => runIntegrationSuite(server, resultsFile));
  }
  if (suites.includes('web')) {
    console.log("web tests (the browser bundle in VS Code for the Web's web-worker extension host)");
    await onFreshServer('web', { userSettings: webUserSettings(grep) }, server => runWebSuite(server));
  }
  if (suites.includes('ui')) {
    console.log('UI tests (Playwright + Chromium)');
    await onFreshServer('ui', {}, async (server, dir) => {
      process.env.JWT_WORKBENCH_SERVER_PORT = String(server.port);
      process.env.JWT_WORKBENCH_RUN_DIR = dir;
      const tests = await runMocha(testFiles('ui'), { timeout: 60_000, onTest: t => print('ui', t), ...(grep ? { grep } : {}) });
      return { suite: 'ui', tests };
    }, true);
  }

  const { failed, line } = summarize(results);
  console.log(`\nall suites in ${((Date.now() - started) / 1000).toFixed(1)} s; output in ${path.relative(root, runDir)}`);
  console.log(line);
  return failed > 0 || results.every(r => r.tests.length === 0) ? 1 : 0;
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
