/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with a fresh profile and
 * its own HOME so that nothing is written to the user's. Flags keep it off the (closed) network.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(runDir: string): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(runDir, 'chromium-'));
  const home = `${profile}-home`;
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
    viewport: { width: 1400, height: 900 },
    // The extension host's vscode.env.clipboard goes through the page's clipboard in a web window.
    permissions: ['clipboard-read', 'clipboard-write'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Waits until the workbench shows its activity bar and status bar. */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout });
}

/**
 * Notices a crashed page or a browser that went away (the extension host outlives both, so without
 * this a suite would wait for its timeout). Returns a function that says why, once it happened.
 */
export function watchForBrowserLoss(page: Page, context: BrowserContext): () => string | undefined {
  let lost: string | undefined;
  page.once('crash', () => (lost ??= 'the browser page crashed'));
  context.once('close', () => (lost ??= 'the browser closed'));
  return () => lost;
}
