/**
 * The editor surface as a person uses it, in Chromium: hover a token in sample/tokens.json, see the
 * CodeLens above it, and decode it from the palette. Screenshots: hover, codelens, decoded (copied to
 * media/screenshots when JWT_WORKBENCH_UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../../scripts/lib/paths';
import { useWorkbench, type Workbench } from './workbench';

// The start of the RS256 access token (sub alice@example.com), the only RS256 token in sample/tokens.json.
// Short enough to sit in one rendered text run (the editor splits long tokens into runs of 50 characters).
const ACCESS_TOKEN_START = 'eyJhbGciOiJSUzI1NiIs';

async function shot(wb: Workbench, name: string): Promise<void> {
  const file = await wb.screenshot(name);
  if (process.env.JWT_WORKBENCH_UPDATE_SCREENSHOTS === '1') {
    const target = path.join(root, 'media', 'screenshots', `${name}.png`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // They ship in the VSIX: palette-quantised (Debian's pngquant) they weigh a third, and read the same.
    const quantised = spawnSync('pngquant', ['--quality=70-90', '--speed', '1', '--strip', '--force', '--output', target, file]);
    if (quantised.status !== 0) {
      console.warn(`pngquant failed or is missing (apt-get install pngquant): ${target} is uncompressed`);
      fs.copyFileSync(file, target);
    }
  }
}

describe('decode in the editor (UI)', () => {
  const wb = useWorkbench();

  it('hovering the access token in tokens.json shows its claims and status', async () => {
    await wb.get().openFile('tokens.json');
    const text = await wb.get().hover(ACCESS_TOKEN_START, /alice@example\.com/);
    assert.match(text, /RS256/);
    assert.match(text, /Valid — expires in \d+ years/);
    assert.match(text, /Issuer\s+iss\s+https:\/\/login\.example\.com/);
    assert.match(text, /Decode to document/);
    await shot(wb.get(), 'hover');
    await wb.get().page.keyboard.press('Escape');
  });

  it('shows a CodeLens above each token', async () => {
    const { page } = wb.get();
    await page.mouse.move(5, 5); // away from the editor: no hover over the lenses
    const lens = page.locator('.codelens-decoration', { hasText: 'JWT · RS256' }).first();
    await lens.waitFor({ timeout: 15_000 });
    assert.match(await lens.innerText(), /JWT · RS256 · expires in \d+ years/);
    const expired = page.locator('.codelens-decoration', { hasText: 'HS256' }).first();
    assert.match(await expired.innerText(), /JWT · HS256 · expired \d+ (years?|months?) ago/);
    await shot(wb.get(), 'codelens');
  });

  it('"JWT: Decode Token" with the cursor on a token opens the decoded payload beside it', async () => {
    const { page } = wb.get();
    const { x, y } = await wb.get().pointAt(ACCESS_TOKEN_START, 20);
    await page.mouse.click(x, y);
    await page.keyboard.press('Escape');
    await wb.get().runCommand('JWT: Decode Token');
    await page.locator('.tab', { hasText: 'Decoded JWT' }).first().waitFor({ timeout: 15_000 });
    const view = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'alice@example.com' }).first();
    await view.waitFor({ timeout: 15_000 });
    const text = (await view.innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
    assert.match(text, /"sub": "alice@example\.com"/);
    assert.match(text, /"alg": "RS256"/);
    assert.match(text, /\/\/ Status: Valid/);
    await shot(wb.get(), 'decoded');
  });

  it('"JWT: Decode Token from Clipboard" says so when the clipboard holds no token', async () => {
    const { page } = wb.get();
    await page.evaluate(() => navigator.clipboard.writeText('hunter2 is not a token'));
    await wb.get().runCommand('JWT: Decode Token from Clipboard');
    const message = await wb.get().notification('The clipboard holds no JWT');
    assert.match(message, /A JWT looks like eyJ/);
    assert.doesNotMatch(message, /hunter2/, 'the clipboard text is not echoed on screen');
    await wb.get().clearNotifications();
  });
});
