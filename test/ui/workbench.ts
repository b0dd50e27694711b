/**
 * What a UI test needs to drive VS Code like a person: a page on the workbench with the extension
 * loaded from source, the command palette, quick open, hovers, notifications and screenshots.
 * The harness (test-all) starts the server and passes its port in JWT_WORKBENCH_SERVER_PORT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, waitForWorkbench } from '../harness/browser';
import { outputDir, root, sampleWorkspace } from '../harness/paths';

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** Runs a command from the palette by its title, e.g. "JWT: Decode Token". */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file through quick open. */
  openFile(name: string): Promise<void>;
  /** The visible notification toast containing `text`, as a person reads it. */
  notification(text: string | RegExp): Promise<string>;
  clearNotifications(): Promise<void>;
  /** Rests the mouse on the editor text `text` and returns the hover's text. */
  hover(text: string, expect: string | RegExp): Promise<{ text: string; locator: Locator }>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const screenshotDir = path.join(process.env.JWT_WORKBENCH_RUN_DIR ?? outputDir, 'screenshots');

export async function openWorkbench(): Promise<Workbench> {
  const port = process.env.JWT_WORKBENCH_SERVER_PORT;
  if (!port) throw new Error('JWT_WORKBENCH_SERVER_PORT is not set: run UI tests through `npm test`');
  const runDir = process.env.JWT_WORKBENCH_RUN_DIR ?? outputDir;
  const context = await launchBrowser(runDir);
  const page = context.pages()[0] ?? (await context.newPage());
  const host = `127.0.0.1:${port}`;
  const url = new URL(`http://${host}/`);
  url.searchParams.set('folder', sampleWorkspace);
  url.searchParams.set('payload', JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${host}${root}`]]));
  await page.goto(url.toString());
  await waitForWorkbench(page);
  // The extension's view container appears once its contributions are read.
  await page.locator('.activitybar [aria-label="JWT Workbench"]').first().waitFor({ timeout: 30_000 });

  const quickInput = page.locator('.quick-input-widget input');
  const pick = async (query: string, rowText: string): Promise<void> => {
    await page.keyboard.press('F1');
    await quickInput.waitFor();
    await quickInput.fill(query);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
  };

  const wb: Workbench = {
    page,
    context,
    runCommand: title => pick(`>${title}`, title),
    openFile: async name => {
      await pick(name, name);
      await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 15_000 });
    },
    async notification(text) {
      const toast = page.locator('.notification-toast', { hasText: text }).first();
      await toast.waitFor({ timeout: 15_000 });
      await page.waitForTimeout(700); // toasts slide in: let the animation end before a screenshot
      return (await toast.innerText()).replace(/\s+/g, ' ').trim();
    },
    async clearNotifications() {
      await wb.runCommand('Notifications: Clear All Notifications');
      await page.waitForTimeout(300);
    },
    async hover(text, expect) {
      const span = page.locator('.monaco-editor .view-lines span', { hasText: text }).last();
      await span.waitFor({ timeout: 15_000 });
      const box = await span.boundingBox();
      if (!box) throw new Error(`"${text}" is not visible in the editor`);
      const widget = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
      for (let attempt = 0; attempt < 5; attempt++) {
        await page.mouse.move(box.x + 30 + attempt * 7, box.y + box.height / 2);
        await page.mouse.move(box.x + 40 + attempt * 7, box.y + box.height / 2);
        try {
          await widget.waitFor({ timeout: 3000 });
          break;
        } catch {
          /* the hover did not show yet: move again */
        }
      }
      await widget.waitFor({ timeout: 5000 });
      return { text: (await widget.innerText()).trim(), locator: widget };
    },
    async screenshot(name) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => context.close(),
  };
  return wb;
}

/** Mocha hooks for a UI suite: one workbench for the suite, a screenshot of every failure. */
export function useWorkbench(): { get: () => Workbench } {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(120_000);
    wb = await openWorkbench();
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (wb && test?.state === 'failed') {
      const name = `FAILED-${test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80)}`;
      const file = await wb.screenshot(name).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(root, file)}`);
    }
  });
  after(async () => {
    await wb?.close();
  });
  return {
    get: () => {
      if (!wb) throw new Error('the workbench did not open');
      return wb;
    },
  };
}
