import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbench';

describe('JWT Workbench sidebar', () => {
  const wb = useWorkbench();

  it('shows the Keys and Connected Apps views with their welcome content', async () => {
    const { page } = wb.get();
    await page.locator('.activitybar [aria-label="JWT Workbench"]').first().click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Keys' }).first().waitFor({ timeout: 15_000 });
    await sidebar.locator('.pane-header', { hasText: 'Connected Apps' }).first().waitFor();
    const welcome = sidebar.locator('.welcome-view-content', { hasText: 'SecretStorage' }).first();
    await welcome.waitFor({ timeout: 15_000 });
    assert.match(await welcome.innerText(), /Decode Token/);
    await wb.get().screenshot('sidebar');
  });
});
