/**
 * Runs mocha on a list of files and returns one record per test. Used by every suite — unit tests
 * in Node, integration tests inside the VS Code extension host, UI tests driving Chromium — so that
 * the harness can count them all together.
 */
import Mocha from 'mocha';

export interface TestRecord {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResult {
  suite: string;
  tests: TestRecord[];
  /** Set when the suite could not run at all (server did not start, extension host crashed…). */
  crashed?: string;
}

export interface RunOptions {
  timeout?: number;
  /** Printed per test as it finishes, so a long run shows progress. */
  onTest?: (record: TestRecord) => void;
  /** Extra mocha root hooks, e.g. a screenshot after a failed UI test. */
  rootHooks?: Mocha.RootHookObject;
  grep?: string;
}

export function runMocha(files: readonly string[], options: RunOptions = {}): Promise<TestRecord[]> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeout ?? 20_000,
    color: false,
    reporter: Mocha.reporters.Base, // prints nothing: results are collected from runner events below
    ...(options.rootHooks ? { rootHooks: options.rootHooks } : {}),
    ...(options.grep ? { grep: options.grep } : {}),
  });
  for (const f of files) mocha.addFile(f);
  const records: TestRecord[] = [];
  const push = (r: TestRecord): void => {
    records.push(r);
    options.onTest?.(r);
  };
  return new Promise(resolve => {
    const runner = mocha.run(() => resolve(records));
    runner.on('pass', t => push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
    runner.on('pending', t => push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err: unknown) =>
      push({ title: t.fullTitle(), state: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

/** `N passed, N failed` (and skipped, when any) over every suite. */
export function summarize(suites: readonly SuiteResult[]): { passed: number; failed: number; skipped: number; line: string } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const s of suites) {
    if (s.crashed) failed++;
    for (const t of s.tests) {
      if (t.state === 'passed') passed++;
      else if (t.state === 'failed') failed++;
      else skipped++;
    }
  }
  const line = `${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '');
  return { passed, failed, skipped, line };
}
