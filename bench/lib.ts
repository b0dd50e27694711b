/**
 * Tiny benchmark kit: time a function over enough iterations to be stable, compare with a baseline,
 * and report ratios (the figures that matter on a shared 2-core machine are ratios, not absolutes).
 */
import { performance } from 'node:perf_hooks';

/** One comparison, as written to bench/results.json. */
export interface BenchResult {
  /** What was measured, e.g. "findTokens 10 MB log". */
  name: string;
  /** Mean time per operation of the measured code. */
  value: number;
  unit: 'ms' | 'µs' | 'KB';
  /** What it is compared with, e.g. "raw regex pass". */
  baseline: string;
  /** Mean time per operation of the baseline, same unit. */
  baselineValue: number;
  /** value / baselineValue: below 1 is faster than the baseline. */
  ratio: number;
  /** The target for `ratio`, when the project has one (ratio must be ≤ target). */
  target?: number;
}

/** Mean milliseconds per call of `fn`, after a warm-up, over at least `minMs` of wall time. */
export async function timeIt(fn: () => unknown | Promise<unknown>, minMs = 300, minRuns = 5): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs || runs < minRuns) {
    await fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

/**
 * Times `subject` and `baseline` interleaved (A, B, A, B …, best round kept for each) so that noise
 * from the other core hits both alike, and returns one BenchResult.
 */
export async function compare(
  name: string,
  subject: () => unknown | Promise<unknown>,
  baselineName: string,
  baseline: () => unknown | Promise<unknown>,
  options: { target?: number; minMs?: number; rounds?: number } = {},
): Promise<BenchResult> {
  const rounds = options.rounds ?? 3;
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < rounds; i++) {
    a = Math.min(a, await timeIt(subject, options.minMs));
    b = Math.min(b, await timeIt(baseline, options.minMs));
  }
  const unit = a < 1 && b < 1 ? 'µs' : 'ms';
  const scale = unit === 'µs' ? 1000 : 1;
  return {
    name,
    value: round(a * scale),
    unit,
    baseline: baselineName,
    baselineValue: round(b * scale),
    ratio: round(a / b),
    ...(options.target !== undefined ? { target: options.target } : {}),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
