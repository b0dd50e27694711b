/**
 * The editor surface as a person uses it, in Chromium: hover a token in sample/tokens.json, see the
 * CodeLens above it, and decode it from the palette. Screenshots: hover, codelens, decoded (copied to
 * media/screenshots when JWT_WORKBENCH_UPDATE_SCREENSHOTS=1).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../harness/paths';
import { useWorkbench, type Workbench } from './workbench';

// The start of the RS256 access token (sub alice@example.com), the only RS256 token in sample/tokens.json.
// Short enough to sit in one rendered text run (the editor splits long tokens into runs of 50 characters).
const ACCESS_TOKEN_START = 'eyJhbGciOiJSUzI1NiIs';

/**
 * The screen point of a character inside `text` as rendered in the editor. A span's box can be a
 * whole long line, so measure the characters themselves.
 */
async function pointInText(wb: Workbench, text: string, into = 12): Promise<{ x: number; y: number }> {
  const lines = wb.page.locator('.editor-instance .monaco-editor .view-lines', { hasText: text }).first();
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
  assert.ok(point, `"${text}" is rendered in the editor`);
  return point;
}

/** Rests the mouse on `text` until a hover containing `expect` shows; returns its text. */
async function hoverOn(wb: Workbench, text: string, expect: RegExp): Promise<string> {
  const widget = wb.page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  for (let attempt = 0; attempt < 5; attempt++) {
    const { x, y } = await pointInText(wb, text, 10 + attempt * 3);
    await wb.page.mouse.move(x - 2, y);
    await wb.page.mouse.move(x, y);
    try {
      await widget.waitFor({ timeout: 3000 });
      break;
    } catch {
      /* not shown yet: move again */
    }
  }
  await widget.waitFor({ timeout: 5000 });
  return (await widget.innerText()).trim();
}

async function shot(wb: Workbench, name: string): Promise<void> {
  const file = await wb.screenshot(name);
  if (process.env.JWT_WORKBENCH_UPDATE_SCREENSHOTS === '1') {
    const target = path.join(root, 'media', 'screenshots', `${name}.png`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

describe('decode in the editor (UI)', () => {
  const wb = useWorkbench();

  it('hovering the access token in tokens.json shows its claims and status', async () => {
    await wb.get().openFile('tokens.json');
    const text = await hoverOn(wb.get(), ACCESS_TOKEN_START, /alice@example\.com/);
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
    const { x, y } = await pointInText(wb.get(), ACCESS_TOKEN_START, 20);
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
});
