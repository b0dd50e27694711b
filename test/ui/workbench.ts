/**
 * What a UI test needs to drive VS Code like a person: a page on the workbench with the extension
 * loaded from source, the command palette, quick open, hovers, notifications and screenshots.
 * The harness (test-all) starts the server and passes its port in JWT_WORKBENCH_SERVER_PORT.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, waitForWorkbench } from '../harness/browser';
import { outputDir, root, sampleWorkspace } from '../../scripts/lib/paths';

export interface Workbench {
  page: Page;
  context: BrowserContext;
  /** Runs a command from the palette by its title, e.g. "JWT: Decode Token". */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file through quick open. */
  openFile(name: string): Promise<void>;
  /**
   * Puts the cursor before the first `text` in the active editor's file (read from the sample workspace)
   * through quick open's `:line:column`: unlike a click, it does not depend on where lenses moved the lines.
   */
  cursorAt(file: string, text: string, into?: number): Promise<void>;
  /** The visible notification toast containing `text`, as a person reads it. */
  notification(text: string | RegExp): Promise<string>;
  clearNotifications(): Promise<void>;
  /**
   * The screen point of the character `into` characters inside `text` as the editor renders it.
   * Characters are measured themselves: the editor splits long tokens into runs, and a span's box
   * can be a whole long line.
   */
  pointAt(text: string, into?: number): Promise<{ x: number; y: number }>;
  /** Rests the mouse on the editor text `text` until a hover containing `expect` shows; returns its text. */
  hover(text: string, expect: string | RegExp): Promise<string>;
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
  try {
    await page.goto(url.toString());
    await waitForWorkbench(page);
    // The extension's view container appears once its contributions are read.
    await page.locator('.activitybar [aria-label="JWT Workbench"]').first().waitFor({ timeout: 30_000 });
  } catch (e) {
    await context.close(); // the suite's after() has no workbench to close
    throw e;
  }

  const quickInput = page.locator('.quick-input-widget input');
  const pick = async (query: string, rowText: string): Promise<void> => {
    // A webview or notification that takes focus as it appears closes the quick input: open it again.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      await quickInput.waitFor();
      const filled = await quickInput.fill(query, { timeout: 5_000 }).then(() => true, (e: unknown) => {
        if (attempt >= 3) throw e;
        return false;
      });
      if (filled) break;
    }
    // Enter runs the focused row: wait until the filter has put the wanted row there (the rows of an earlier
    // query can still be showing, with the wanted one among them but not first).
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: rowText }).first().waitFor({ timeout: 15_000 });
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
    async cursorAt(file, text, into = 0) {
      const content = fs.readFileSync(path.join(sampleWorkspace, file), 'utf8');
      const at = content.indexOf(text);
      if (at < 0) throw new Error(`"${text}" is not in ${file}`);
      const before = content.slice(0, at + into).split('\n');
      await page.keyboard.press('Control+P');
      await quickInput.fill(`:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`);
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
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
    async pointAt(text, into = 12) {
      const lines = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: text }).first();
      await lines.waitFor({ timeout: 15_000 });
      const point = await lines.evaluate((el, [needle, n]) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const i = node.textContent?.indexOf(needle) ?? -1;
          if (i < 0) continue;
          const range = document.createRange();
          range.setStart(node, i + n);
          range.setEnd(node, i + n + 1);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        return undefined;
      }, [text, into] as const);
      if (!point) throw new Error(`"${text}" is not rendered in the editor`);
      return point;
    },
    async hover(text, expect) {
      const widget = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
      for (let attempt = 0; attempt < 5; attempt++) {
        const { x, y } = await wb.pointAt(text, 10 + attempt * 3);
        await page.mouse.move(x - 2, y);
        await page.mouse.move(x, y);
        try {
          await widget.waitFor({ timeout: 3000 });
          break;
        } catch {
          /* the hover did not show yet: move again */
        }
      }
      await widget.waitFor({ timeout: 5000 });
      await page.waitForTimeout(400); // the hover fades in: let it finish before a screenshot
      return (await widget.innerText()).trim();
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
