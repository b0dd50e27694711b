/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`). It runs every
 * `*.test.js` beside it with mocha. The extension host exits 0 even when tests fail, so when
 * the harness asks for it (JWT_WORKBENCH_TEST_RESULTS) the results are also written to a file
 * that the harness reads; under @vscode/test-electron the rejected promise sets the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMocha, type SuiteResult } from '../harness/mocha';

export async function run(): Promise<void> {
  const files = fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .sort()
    .map(f => path.join(__dirname, f));
  const result: SuiteResult = { suite: 'integration', tests: [] };
  try {
    result.tests = await runMocha(files, {
      timeout: 30_000,
      onTest: t => console.log(`[integration] ${t.state} ${t.title}`),
      ...(process.env.JWT_WORKBENCH_TEST_GREP ? { grep: process.env.JWT_WORKBENCH_TEST_GREP } : {}),
    });
  } catch (e) {
    result.crashed = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  const out = process.env.JWT_WORKBENCH_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  const failed = result.tests.filter(t => t.state === 'failed').length;
  if (result.crashed || failed > 0) throw new Error(result.crashed ?? `${failed} integration test(s) failed`);
}
