import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (the bundles run from out/harness/ and out/test/*). */
export const root = findRoot(__dirname);
export const sampleWorkspace = path.join(root, 'sample');
export const outputDir = path.join(root, '.test-output');

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'esbuild.js'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${start}`);
    dir = up;
  }
  return dir;
}

/** A fresh folder under .test-output/ for one run of something. */
export function freshDir(name: string): string {
  fs.mkdirSync(outputDir, { recursive: true });
  return fs.mkdtempSync(path.join(outputDir, `${name}-`));
}
