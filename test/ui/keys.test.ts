/**
 * The Keys view driven like a person: generate a key from the palette, read its row in the tree,
 * give it a self-signed certificate (its child row), and find both again after reloading the window.
 * The screenshot `keys` (the sidebar) is the one in the README.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { waitForWorkbench } from '../harness/browser';
import { widenSidebar } from './sidebarWidth';
import { screenshotDir, useWorkbench } from './workbench';

async function openSidebar(page: Page): Promise<void> {
  const header = page.locator('.part.sidebar .pane-header', { hasText: 'Keys' }).first();
  // After a reload VS Code restores the sidebar by itself; clicking the icon then would close it.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await header.waitFor({ timeout: 5000 }).then(() => true, () => false)) return;
    await page.locator('.activitybar [aria-label="JWT Workbench"]').first().click();
  }
  await header.waitFor({ timeout: 15_000 });
}

/** The text of the tree row whose label is `label`, once it shows. */
async function row(page: Page, label: string): Promise<string> {
  const item = page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: label }).first();
  await item.waitFor({ timeout: 20_000 });
  return ((await item.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function choose(page: Page, text: string): Promise<void> {
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
}

/** Types `value` (or keeps the default) into the input box that asks `prompt`, and confirms. */
async function type(page: Page, prompt: string, value?: string): Promise<void> {
  const box = page.locator('.quick-input-widget', { hasText: prompt }).first();
  await box.waitFor({ timeout: 15_000 });
  if (value !== undefined) await box.locator('input').fill(value);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);
}

describe('Keys view', () => {
  const wb = useWorkbench();

  it('generates a key from the palette and shows its row in the tree', async () => {
    const { page, runCommand } = wb.get();
    await openSidebar(page);
    await runCommand('JWT: Generate Key…');
    await choose(page, 'RSA 2048');
    await type(page, 'A label for the key', 'Salesforce Integration');
    const text = await row(page, 'Salesforce Integration');
    assert.match(text, /Salesforce Integration ?RS256 · RSA 2048 · kid .{4}…/, text);
  });

  it('creates a self-signed certificate from the palette: a child row with its subject and expiry', async () => {
    const { page, runCommand } = wb.get();
    await runCommand('JWT: Create Self-Signed Certificate…');
    await choose(page, 'Salesforce Integration');
    await type(page, 'Subject (distinguished name)', 'CN=Salesforce Integration, O=Acme');
    await type(page, 'Valid for how many days?'); // the default, 365
    await wb.get().notification('Created a self-signed certificate');
    assert.match(await row(page, 'CN=Salesforce Integration'), /expires in (11|12) months/);
    await wb.get().clearNotifications();
    // Wider than the default sidebar (drag its right edge), so descriptions and the expiry are not cut off.
    const sidebar = await widenSidebar(page, 260);
    // Selected, the key row shows its inline actions; the mouse away, no tooltip covers the certificate row.
    const keyRow = page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'RS256' }).first();
    await keyRow.click(); // selects it, and a click also toggles it: expand it again
    if ((await keyRow.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    await page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'CN=Salesforce Integration' }).first().waitFor();
    await page.mouse.move(1100, 700);
    await page.waitForTimeout(800);
    fs.mkdirSync(screenshotDir, { recursive: true });
    const width = Math.min(900, Math.round((sidebar?.width ?? 300) + 320));
    await page.screenshot({ path: path.join(screenshotDir, 'keys.png'), clip: { x: 0, y: 30, width, height: 120 } });
  });

  it('still shows the key and its certificate after the window reloads', async () => {
    const { page } = wb.get();
    await page.reload();
    await waitForWorkbench(page);
    await openSidebar(page);
    const text = await row(page, 'Salesforce Integration');
    assert.match(text, /RS256 · RSA 2048/, text);
    await row(page, 'CN=Salesforce Integration');
  });
});
