/** Every benchmark case, by name. Each case module owns its inputs and returns its comparisons. */
import type { BenchResult } from '../lib';

export const cases: Record<string, () => Promise<BenchResult[]>> = {};
