/**
 * Entry point VS Code for the Web calls inside its web-worker extension host (`extensionTestsPath`).
 * The host loads it as one browser bundle (no fs, no Node mocha), so the test files are imported
 * statically, after setup.ts has loaded mocha's browser build. A web worker cannot write a file: the
 * results go out as one console line (RESULTS_MARKER and JSON), which VS Code forwards to the page's
 * console, where the harness (test/harness/web.ts) reads it.
 */
import './setup';
import './decode.web.test';
import './engine.web.test';
import './keys.web.test';
import './panel.web.test';
import './profiles.web.test';
import * as vscode from 'vscode';
import type { SuiteResult, TestRecord } from '../harness/mocha';
import { isWebWorker } from './host';
import { GREP_SETTING, RESULTS_MARKER } from './protocol';

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

function report(result: SuiteResult): void {
  console.log(`${RESULTS_MARKER} ${JSON.stringify(result)}`);
}

/**
 * Runs the web tests and logs their results; rejects when any failed, so that the extension host
 * also exits with a non-zero code.
 */
export function run(): Promise<void> {
  const result: SuiteResult = { suite: 'web', tests: [] };
  const push = (record: TestRecord): void => {
    result.tests.push(record);
    console.log(`[web] ${record.state} ${record.title}`);
  };
  return new Promise((resolve, reject) => {
    try {
      // Under code-server without webUserSettings() the tests land in the Node extension host.
      if (!isWebWorker()) throw new Error('the web tests are not running in a web worker: was the server started with webUserSettings()?');
      const grep = vscode.workspace.getConfiguration(GREP_SETTING.section).get<string>(GREP_SETTING.key);
      if (grep) mocha.grep(grep);
      const runner = mocha.run(() => {
        report(result);
        const failed = result.tests.filter(t => t.state === 'failed').length;
        if (failed > 0) reject(new Error(`${failed} web test(s) failed`));
        else resolve();
      });
      runner.on('pass', t => push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', t => push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: unknown) => push({ title: t.fullTitle(), state: 'failed', error: errorText(err) }));
    } catch (e) {
      result.crashed = errorText(e);
      report(result);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
