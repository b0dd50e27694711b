/**
 * Seed 000 inside VS Code, driven like a person: a new Salesforce profile from the Connected Apps view
 * against the local Salesforce-like endpoint (the form generates the key and its certificate; the `.crt`
 * goes to the clipboard and "is uploaded to the connected app", i.e. given to the local server), then
 * Request Token from the row's menu, the masked token in the result view, and Copy as curl.
 * The screenshot `connected-apps` is the one in the README.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startSalesforceLike, type SalesforceLike } from '../servers/salesforceLike';
import { root } from '../../scripts/lib/paths';
import { widenSidebar } from './sidebarWidth';
import { screenshotDir, useWorkbench } from './workbench';

const CONSUMER_KEY = '3MVG9ui.test.consumer.key';
const USER = 'admin@acme.com';
const TOKEN = `00D5g000004ExAm!AQ0AQ${'uiTokenBody'.repeat(6)}Zk9w`;

async function choose(page: Page, text: string): Promise<void> {
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.click();
}

async function type(page: Page, prompt: string, value?: string): Promise<void> {
  const box = page.locator('.quick-input-widget', { hasText: prompt }).first();
  await box.waitFor({ timeout: 15_000 });
  if (value !== undefined) await box.locator('input').fill(value);
  await page.waitForTimeout(150); // validation runs as you type
  await page.keyboard.press('Enter');
}

/**
 * The clipboard once it holds text starting with `prefix`, polled from the test (waitForFunction would take
 * the promise that readText returns as a truthy answer at once), and returned from the read that saw it.
 */
async function clipboardStartingWith(page: Page, prefix: string, timeout: number): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await page.evaluate(() => navigator.clipboard.readText().catch(() => ''));
    if (text.startsWith(prefix)) return text;
    if (Date.now() > deadline) return text;
    await page.waitForTimeout(200);
  }
}

describe('Connected Apps view', () => {
  const wb = useWorkbench();
  let server: SalesforceLike;

  before(async () => {
    // The app's certificate is set once the form has made it (below).
    const placeholder = fs.readFileSync(path.join(root, 'test', 'unit', 'fixtures', 'openssl', 'server.crt'), 'utf8');
    server = await startSalesforceLike({ consumerKey: CONSUMER_KEY, certificatePem: placeholder, users: [USER], accessToken: TOKEN });
  });
  after(async () => server?.close());

  it('creates a Salesforce profile with the form, generating the key and its certificate', async () => {
    const { page, runCommand } = wb.get();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('.activitybar [aria-label="JWT Workbench"]').first().click();
    await page.locator('.part.sidebar .pane-header', { hasText: 'Connected Apps' }).first().waitFor({ timeout: 15_000 });
    await runCommand('JWT: New Profile…');
    await choose(page, 'Salesforce (JWT bearer)');
    await choose(page, 'Production');
    await type(page, 'Consumer key of the connected app', CONSUMER_KEY);
    await type(page, 'Salesforce username', USER);
    await type(page, 'Login URL', server.url);
    await type(page, 'A name for the profile', 'Acme production');
    await choose(page, 'Generate an RSA key and certificate');
    await type(page, 'A label for the new key', 'Acme connected app');
    await choose(page, 'Copy to the Clipboard');
    const certificate = await clipboardStartingWith(page, '-----BEGIN CERTIFICATE-----', 15_000);
    assert.match(certificate, /^-----BEGIN CERTIFICATE-----/);
    server.options.certificatePem = certificate; // uploaded to the connected app
    await wb.get().notification('Created the profile "Acme production"');
    const row = page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'Acme production' }).first();
    await row.waitFor({ timeout: 15_000 });
    assert.match((await row.innerText()).replace(/\s+/g, ' '), /Acme production ?Salesforce · no request yet/);
    await wb.get().clearNotifications();
  });

  it('requests a token from the row\'s menu and shows it masked', async () => {
    const { page } = wb.get();
    const row = page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'Acme production' }).first();
    await row.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Request Token' }).first();
    await item.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300); // a menu ignores a click that comes while it is still opening
    await item.hover();
    await item.click();
    if (await item.isVisible().catch(() => false)) await page.keyboard.press('Enter');
    const lines = page.locator('.editor-instance .view-lines', { hasText: 'access_token' }).first();
    await lines.waitFor({ timeout: 20_000 });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
    assert.match(text, /access_token\s+00D5g0…Zk9w\s+\(masked/, text);
    assert.ok(!text.includes(TOKEN), 'the token is masked');
    assert.match(text, /instance_url\s+http:\/\/127\.0\.0\.1:\d+/);
    assert.match(text, /Salesforce does not say when this token expires/);
    await page.locator('.part.sidebar .pane-body .monaco-list-row', { hasText: 'token just now' }).first().waitFor({ timeout: 15_000 });
    // Keys folded, so the Connected Apps row sits next to the result in the screenshot.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Keys' }).first().click();
    // Wider than the default sidebar (drag its right edge), so the row's "token just now" shows.
    await widenSidebar(page, 120);
    await page.mouse.move(900, 650);
    await page.waitForTimeout(600);
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'connected-apps.png'), clip: { x: 0, y: 0, width: 1200, height: 420 } });
  });

  it('copies a curl command for the instance\'s REST API from the result view', async () => {
    const { page } = wb.get();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('.tab', { hasText: 'Acme production — token' }).first().click();
    // A CodeLens is redrawn when its editor takes focus: click again until the status bar confirms the copy.
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Copy as curl' }).first();
    const copied = page.locator('.statusbar', { hasText: 'Copied a curl command' }).first();
    for (let attempt = 0; attempt < 4; attempt++) {
      await lens.click();
      if (await copied.waitFor({ timeout: 3000 }).then(() => true, () => false)) break;
    }
    assert.equal(await clipboardStartingWith(page, 'curl', 10_000), `curl -sS -H 'Authorization: Bearer ${TOKEN}' '${server.url}/services/data/'`);
  });
});
