/**
 * The sign/verify panel as a person uses it, in Chromium: every control is found by its accessible name inside
 * the webview's frame. Paste a token, type the secret, Verify → "Signature valid"; change the secret → the
 * mismatch reason; edit a claim, Sign, Verify → valid again; a window reload brings the token back without the
 * secret. Screenshots panel-dark and panel-light (copied to media/screenshots with JWT_WORKBENCH_UPDATE_SCREENSHOTS=1).
 * Also the open → first render time, as the extension host measured it (its log line), for the closing note.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { signToken } from '../../src/core';
import { root } from '../../scripts/lib/paths';
import { useWorkbench, type Workbench } from './workbench';

const SECRET = 'ui-test-shared-secret-of-32-bytes!!';

async function shot(wb: Workbench, name: string): Promise<void> {
  const file = await wb.screenshot(name);
  if (process.env.JWT_WORKBENCH_UPDATE_SCREENSHOTS === '1') {
    const target = path.join(root, 'media', 'screenshots', `${name}.png`);
    const quantised = spawnSync('pngquant', ['--quality=70-90', '--speed', '1', '--strip', '--force', '--output', target, file]);
    if (quantised.status !== 0) fs.copyFileSync(file, target);
  }
}

/** The secret sample/tokens.json's expired HS256 token is signed with (scripts/make-samples.ts). */
const SAMPLE_HS256_SECRET = 'sample-hs256-secret-at-least-32-bytes!!';

/** JWT: Verify Token… with the cursor on the expired token of tokens.json, pasting `secret` as the key. */
async function verifyExpiredTokenWith(w: Workbench, secret: string): Promise<void> {
  await w.openFile('tokens.json');
  // The only HS256 token in tokens.json is the expired one: its header's start is unique in the file.
  await w.cursorAt('tokens.json', 'eyJhbGciOiJIUzI1NiIs', 10);
  await w.runCommand('JWT: Verify Token…');
  await w.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Paste a secret or key' }).first().click();
  await w.page.locator('.quick-input-widget input').fill(secret);
  await w.page.keyboard.press('Enter');
}

/** The panel's page: the webview iframe, then its active frame. */
function panelFrame(wb: Workbench): FrameLocator {
  return wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

describe('sign/verify panel (UI)', () => {
  const wb = useWorkbench();
  let token: string;

  before(async () => {
    token = await signToken({ header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'alice', aud: 'orders', exp: 4_102_444_800 }, key: SECRET });
  });

  it('opens from the palette; a pasted token decodes at once', async () => {
    await wb.get().runCommand('JWT: Open Sign/Verify Panel');
    const frame = panelFrame(wb.get());
    const tokenBox = frame.getByRole('textbox', { name: 'Token', exact: true });
    await tokenBox.waitFor({ timeout: 30_000 });
    await tokenBox.fill(token);
    const payload = frame.getByRole('textbox', { name: 'Payload', exact: true });
    await assertEventually(async () => assert.match(await payload.inputValue(), /"sub": "alice"/));
    assert.match(await frame.getByRole('textbox', { name: 'Header', exact: true }).inputValue(), /"alg": "HS256"/);
  });

  it('type the secret, press Verify: "Signature valid"', async () => {
    const frame = panelFrame(wb.get());
    await frame.getByRole('textbox', { name: 'Secret', exact: true }).fill(SECRET);
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    const status = frame.getByRole('status');
    await assertEventually(async () => assert.match(await status.innerText(), /Signature valid/));
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await wb.get().page.waitForTimeout(300);
    await shot(wb.get(), 'panel-light');
  });

  it('change the secret: the mismatch reason', async () => {
    const frame = panelFrame(wb.get());
    await frame.getByRole('textbox', { name: 'Secret', exact: true }).fill(`${SECRET}-changed`);
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    const status = frame.getByRole('status');
    await assertEventually(async () => assert.match(await status.innerText(),
      /SIGNATURE_INVALID\s*The signature does not match: the token was changed or signed with another key\./));
  });

  it('edit a claim, press Sign: the new token verifies', async () => {
    const frame = panelFrame(wb.get());
    await frame.getByRole('textbox', { name: 'Secret', exact: true }).fill(SECRET);
    const payload = frame.getByRole('textbox', { name: 'Payload', exact: true });
    await payload.fill(JSON.stringify({ sub: 'bob', aud: 'orders', exp: 4_102_444_800 }, null, 2));
    const tokenBox = frame.getByRole('textbox', { name: 'Token', exact: true });
    await frame.getByRole('button', { name: 'Sign', exact: true }).click();
    await assertEventually(async () => assert.match(await frame.getByRole('status').innerText(), /Signed with HS256/));
    const signed = await tokenBox.inputValue();
    assert.notEqual(signed, token);
    assert.equal(JSON.parse(Buffer.from(signed.split('.')[1] ?? '', 'base64url').toString()).sub, 'bob');
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    await assertEventually(async () => assert.match(await frame.getByRole('status').innerText(), /Signature valid/));
  });

  it('expected audience: a row per checked claim', async () => {
    const frame = panelFrame(wb.get());
    await frame.getByText('Verification options').click();
    await frame.getByRole('textbox', { name: 'Audience', exact: true }).fill('payments');
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    await assertEventually(async () => assert.match(await frame.getByRole('status').innerText(), /CLAIM_AUDIENCE/));
    const rows = await frame.getByRole('list', { name: 'Checked claims' }).innerText();
    assert.match(rows, /✗\s*aud\s+is "orders" but "payments" was expected/);
    await frame.getByRole('textbox', { name: 'Audience', exact: true }).fill('');
  });

  it('in a dark theme', async () => {
    const w = wb.get();
    await setTheme(w, 'Dark Modern');
    const frame = panelFrame(w);
    await frame.getByRole('button', { name: 'Verify', exact: true }).click();
    await assertEventually(async () => assert.match(await frame.getByRole('status').innerText(), /Signature valid/));
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await w.page.waitForTimeout(500);
    await shot(w, 'panel-dark');
    await setTheme(w, 'Light Modern');
  });

  it('with the cursor on a token in tokens.json, the command opens that token decoded', async () => {
    const w = wb.get();
    await w.openFile('tokens.json');
    await w.cursorAt('tokens.json', 'eyJhbGciOiJSUzI1NiIs', 10);
    await w.runCommand('JWT: Open Sign/Verify Panel');
    const frame = panelFrame(w);
    await assertEventually(async () => assert.match(await frame.getByRole('textbox', { name: 'Payload', exact: true }).inputValue(), /alice@example\.com/));
    assert.match(await frame.getByText(/^from tokens\.json, line \d+$/).innerText(), /tokens\.json/);
  });

  it('JWT: Verify Token… asks how a pasted secret is written when it could be encoded, UTF-8 first', async () => {
    const w = wb.get();
    // The expired token's secret, as someone would be handed it in base64 (also valid base64url and UTF-8 text).
    await verifyExpiredTokenWith(w, Buffer.from(SAMPLE_HS256_SECRET).toString('base64'));
    await w.page.locator('.quick-input-widget', { hasText: 'How is the secret written?' }).first().waitFor({ timeout: 15_000 });
    const rows = w.page.locator('.quick-input-list .monaco-list-row');
    await rows.nth(2).waitFor({ timeout: 15_000 });
    // A row's text is its label, then its description (the secret's length in bytes read that way).
    const texts = (await rows.allInnerTexts()).map(t => /^(UTF-8|base64url|base64)\s*(\d+ bytes)/.exec(t)?.slice(1).join(' '));
    assert.deepEqual(texts, ['UTF-8 52 bytes', 'base64 39 bytes', 'base64url 39 bytes']);
    // UTF-8 is the default (the first, active row): one step down is base64.
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('Enter');
    // The signature matches the secret read as base64; the token is expired, so the engine's reason is exp's.
    const text = await w.notification(/CLAIM_EXPIRED/);
    assert.match(text, /✗ exp expired \d+ years? ago/);
    await w.clearNotifications();
  });

  it('JWT: Verify Token… on the expired token answers in a notification with the engine reason', async () => {
    const w = wb.get();
    // Its "!" makes it UTF-8 text only: no question about its encoding.
    await verifyExpiredTokenWith(w, SAMPLE_HS256_SECRET);
    const text = await w.notification(/CLAIM_EXPIRED/);
    assert.match(text, /Expired at 2024-03-01T\d\d:\d\d:\d\dZ, .* ago/);
    assert.match(text, /✗ exp expired \d+ years? ago/);
    await w.clearNotifications();
  });

  it('open → first render is measured by the extension host (first open, and again after closing)', async () => {
    const w = wb.get();
    // Close the panel and open it again: a new webview, as when a person opens it a second time.
    await w.runCommand('View: Close All Editors');
    await w.runCommand('JWT: Open Sign/Verify Panel');
    const tokenBox = panelFrame(w).getByRole('textbox', { name: 'Token', exact: true });
    await tokenBox.waitFor({ timeout: 30_000 });
    await tokenBox.fill(token); // the reload test below brings this token back
    await w.runCommand('JWT: Show Log');
    const log = w.page.locator('.view-lines', { hasText: 'rendered in' }).first();
    await log.waitFor({ timeout: 15_000 });
    let text = '';
    await assertEventually(async () => {
      // The editor renders spaces as no-break spaces, and wraps long lines.
      text = (await log.innerText()).replace(/[\s\u00a0]+/g, ' ');
      assert.ok((text.match(/page ready/g) ?? []).length >= 2, 'both opens are in the log');
    });
    // Each open: "page ready T ms after the panel was made (the page itself took P ms, its script S ms)".
    const opens = [...text.matchAll(/page ready (\d+) ms after the panel was made \(the page itself took (\d+) ms, its script (\d+) ms\)/g)]
      .map(m => ({ total: Number(m[1]), page: Number(m[2]), script: Number(m[3]) }));
    assert.ok(opens.length >= 2, 'the log has the timings of both opens');
    for (const o of opens) assert.ok(o.script <= o.page && o.page <= o.total, 'the parts fit inside each other');
    const ms = [...text.matchAll(/rendered in (\d+) ms/g)].map(m => Number(m[1]));
    const words = opens.map(o => `${o.total} ms (VS Code's frame ${o.total - o.script} ms, the panel's script ${o.script} ms)`);
    console.log(`      panel open → first render: ${words.join('; ')}; every show: ${ms.join(', ')} ms`);
    await w.page.keyboard.press('Escape');
    const out = process.env.JWT_WORKBENCH_RUN_DIR;
    if (out) fs.writeFileSync(path.join(out, 'panel-render-ms.json'), JSON.stringify({ opens, ms }));
  });

  it('after a window reload the panel comes back with its token, without the secret', async function () {
    this.timeout(180_000); // a whole window reload, on a shared 2-core machine
    const w = wb.get();
    const before = await panelFrame(w).getByRole('textbox', { name: 'Token', exact: true }).inputValue();
    // Reload through VS Code, as a person would: its shutdown writes the webview's state out, while a bare
    // browser reload can lose the last setState (the panel would come back with an older token).
    await Promise.all([w.page.waitForEvent('load', { timeout: 60_000 }), w.runCommand('Developer: Reload Window')]);
    // A panel in a background tab is revived when it is shown.
    await w.page.locator('.tab', { hasText: 'JWT Sign / Verify' }).first().click({ timeout: 150_000 });
    const frame = panelFrame(w);
    const tokenBox = frame.getByRole('textbox', { name: 'Token', exact: true });
    await tokenBox.waitFor({ timeout: 150_000 });
    await assertEventually(async () => assert.equal(await tokenBox.inputValue(), before));
    assert.equal(await frame.getByRole('textbox', { name: 'Secret', exact: true }).inputValue(), '');
  });

});

/** Picks a colour theme by name through *Preferences: Color Theme* (rows clicked: Enter may pick another). */
async function setTheme(w: Workbench, theme: string): Promise<void> {
  const { page } = w;
  const input = page.locator('.quick-input-widget input');
  await page.keyboard.press('F1');
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click();
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${theme}`) }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Retries `check` until it passes (webview replies are asynchronous), up to 15 s. */
async function assertEventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise(r => setTimeout(r, 200));
    }
  }
}
