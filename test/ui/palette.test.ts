import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('command palette', () => {
  const wb = useWorkbench();

  it('lists JWT Workbench commands under the JWT category', async () => {
    const { page } = wb.get();
    await page.keyboard.press('F1');
    // Narrowed to "Show": with the Keys commands the full JWT list is longer than the palette shows.
    await page.locator('.quick-input-widget input').fill('>JWT: Show');
    const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: 'JWT:' });
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    assert.ok(labels.some(l => l.includes('JWT: Show Log')), `palette shows JWT: Show Log (saw ${labels.join(' | ')})`);
    await page.keyboard.press('Escape');
  });

  it('runs "JWT: Show Log" and shows the JWT Workbench log in the Output panel', async () => {
    const { page, runCommand } = wb.get();
    await runCommand('JWT: Show Log');
    const output = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'activated' }).first();
    await output.waitFor({ timeout: 15_000 });
    const text = await output.innerText();
    assert.match(text, /activated\s\((normal|test)\smode\)\sin\s[\d.]+\sms/);
    console.log(`      log: ${text.replace(/\s+/g, ' ').trim()}`);
    await wb.get().screenshot('show-log');
  });
});
