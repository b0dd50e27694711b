/**
 * Runs test/integration inside the extension host of a real VS Code: opens the workbench in
 * Chromium with `extensionTestsPath`, waits for the results file the test entry writes, and
 * fails fast when the extension host exits without writing it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuiteResult } from './mocha';
import type { Server } from '../../scripts/lib/codeServer';
import { launchBrowser, waitForWorkbench, watchForBrowserLoss } from './browser';
import { root, sampleWorkspace } from '../../scripts/lib/paths';

export async function runIntegrationSuite(server: Server, resultsFile: string, timeoutMs = 300_000): Promise<SuiteResult> {
  const testsEntry = path.join(root, 'out', 'test', 'integration', 'index.js');
  const exitsBefore = extensionHostExits(server);
  const context = await launchBrowser(server.runDir);
  const browserErrors: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', e => browserErrors.push(e.message));
    const browserLost = watchForBrowserLoss(page, context);
    await page.goto(server.url({ folder: sampleWorkspace, extensionTests: testsEntry }));
    await waitForWorkbench(page);
    const deadline = Date.now() + timeoutMs;
    let exitSeenAt = 0;
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline) return crashed(`no results after ${timeoutMs / 1000} s`);
      const lost = browserLost();
      if (lost) return crashed(`${lost} before the tests reported`);
      if (!exitSeenAt && extensionHostExits(server) > exitsBefore) exitSeenAt = Date.now();
      if (exitSeenAt && Date.now() - exitSeenAt > 3000) {
        return crashed(`the extension host exited without results (see ${server.logFile})\n${browserErrors.join('\n')}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
    await new Promise(r => setTimeout(r, 200)); // let the writer finish
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult;
  } finally {
    await context.close();
  }
}

/** How many times the server log says an extension host exited (tests end with one). */
function extensionHostExits(server: Server): number {
  return (fs.readFileSync(server.logFile, 'utf8').match(/Extension Host Process exited/g) ?? []).length;
}

function crashed(reason: string): SuiteResult {
  return { suite: 'integration', tests: [], crashed: reason };
}
