/** Screenshots of the views: the sidebar, dragged wider so row descriptions are not cut off. */
import type { Page } from 'playwright-core';

/** Drags the sidebar's right edge `by` pixels to the right; returns its box before (null when it is hidden). */
export async function widenSidebar(page: Page, by: number): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width - 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + by, y, { steps: 8 });
    await page.mouse.up();
  }
  return sidebar;
}
