import * as fs from 'node:fs';
import * as path from 'node:path';
import { outputDir } from '../../scripts/lib/paths';

/** How many earlier run folders of one kind are kept (each holds a browser profile and server data). */
const KEEP_RUNS = 4;

/** A fresh folder under .test-output/ for one run of something; the oldest runs beyond a few are removed. */
export function freshDir(name: string): string {
  fs.mkdirSync(outputDir, { recursive: true });
  const earlier = fs
    .readdirSync(outputDir)
    .filter(f => f.startsWith(`${name}-`))
    .map(f => path.join(outputDir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  for (const old of earlier.slice(0, Math.max(0, earlier.length - KEEP_RUNS + 1))) {
    fs.rmSync(old, { recursive: true, force: true });
  }
  return fs.mkdtempSync(path.join(outputDir, `${name}-`));
}
