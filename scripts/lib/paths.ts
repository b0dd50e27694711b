/**
 * Where things are, for the Node programs that run from out/ (the dev server, the test harness):
 * the repository root, the sample workspace and the git-ignored output folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (the bundles run from out/scripts/… and out/test/…). */
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
