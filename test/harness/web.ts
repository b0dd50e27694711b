/**
 * Runs test/web in VS Code for the Web's web-worker extension host: the extension's `browser` bundle
 * (dist/web/extension.js) with the tests as a browser bundle (out/test/web/index.js).
 *
 * code-server runs a development extension with a `main` entry in its Node extension host. The
 * payload entry `extensionDevelopmentKind` does not change that in VS Code 1.100's web workbench (it
 * is parsed, but the running-location code reads another property), so the server for this suite is
 * started with the user setting `remote.extensionKind: { <id>: ["web"] }` (`webUserSettings`), which
 * does move the extension, and its tests, to the web worker.
 *
 * Results: the tests entry logs one line `RESULTS_MARKER <json>`; VS Code forwards extension host
 * console output to the page's console, where Playwright sees it. The workbench calls
 * `window.codeAutomationExit(code)` when the extension host exits after the tests: without results by
 * then, the suite fails within seconds instead of waiting for the timeout.
 */
import * as path from 'node:path';
import type { SuiteResult } from './mocha';
import type { Server } from '../../scripts/lib/codeServer';
import { launchBrowser, waitForWorkbench, watchForBrowserLoss } from './browser';
import { root, sampleWorkspace } from '../../scripts/lib/paths';
import { GREP_SETTING, RESULTS_MARKER } from '../web/protocol';

const extensionId = 'jwt-workbench.jwt-workbench';

/** User settings for the server `runWebSuite` runs against (see above); `grep` filters the tests. */
export function webUserSettings(grep?: string): Record<string, unknown> {
  return {
    'remote.extensionKind': { [extensionId]: ['web'] },
    ...(grep ? { [`${GREP_SETTING.section}.${GREP_SETTING.key}`]: grep } : {}),
  };
}

export async function runWebSuite(server: Server, timeoutMs = 180_000): Promise<SuiteResult> {
  const testsEntry = path.join(root, 'out', 'test', 'web', 'index.js');
  const context = await launchBrowser(server.runDir);
  const errors: string[] = [];
  let result: SuiteResult | undefined;
  let exitedAt = 0;
  let exitCode: unknown;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', e => errors.push(e.message));
    const browserLost = watchForBrowserLoss(page, context);
    page.on('console', message => {
      const text = message.text();
      if (message.type() === 'error') errors.push(text.split('\n')[0] ?? text);
      const at = text.indexOf(`${RESULTS_MARKER} `);
      if (at < 0 || result) return; // the first report wins
      try {
        result = JSON.parse(text.slice(at + RESULTS_MARKER.length + 1)) as SuiteResult;
      } catch (e) {
        result = crashed(`unreadable results line (${e instanceof Error ? e.message : String(e)}): ${text.slice(0, 300)}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      exitCode = code;
      exitedAt = Date.now();
    });
    await page.goto(server.url({ folder: sampleWorkspace, extensionTests: testsEntry }));
    await waitForWorkbench(page).catch((e: unknown) => {
      if (!result) throw e; // fast tests may have reported and closed the window already
    });
    const deadline = Date.now() + timeoutMs;
    while (!result) {
      if (Date.now() > deadline) return crashed(`no results after ${timeoutMs / 1000} s\n${errors.slice(-10).join('\n')}`);
      const lost = browserLost();
      if (lost) return crashed(`${lost} before the tests reported`);
      if (exitedAt && Date.now() - exitedAt > 3000) {
        return crashed(`the extension host exited (code ${String(exitCode)}) without results\n${errors.slice(-10).join('\n')}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
    return result;
  } finally {
    await context.close();
  }
}

function crashed(reason: string): SuiteResult {
  return { suite: 'web', tests: [], crashed: reason };
}
