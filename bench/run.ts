/**
 * `npm run bench`: runs every benchmark case, prints one table and writes bench/results.json.
 * Exits non-zero when a ratio misses its target, so a regression is visible.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult } from './lib';
import { cases } from './cases';

async function main(): Promise<void> {
  const only = process.argv[2];
  const results: BenchResult[] = [];
  for (const [name, run] of Object.entries(cases)) {
    if (only && !name.includes(only)) continue;
    process.stdout.write(`… ${name}\n`);
    results.push(...(await run()));
  }
  const rows = results.map(r => [
    r.name,
    `${r.value} ${r.unit}`,
    r.baseline,
    `${r.baselineValue} ${r.unit}`,
    `${r.ratio}×`,
    r.target === undefined ? '' : r.ratio <= r.target ? `≤ ${r.target} ok` : `> ${r.target} MISSED`,
  ]);
  const head = ['benchmark', 'time/op', 'baseline', 'baseline time/op', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(head));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  const out = path.resolve(__dirname, '..', '..', 'bench', 'results.json');
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  const missed = results.filter(r => r.target !== undefined && r.ratio > r.target);
  if (missed.length) {
    console.log(`${missed.length} target(s) missed`);
    process.exitCode = 1;
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
