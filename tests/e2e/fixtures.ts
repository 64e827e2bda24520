// The specs' `test`: Playwright's, with a page whose goto and reload wait until the app's script has taken
// over the page (the root layout marks <html data-hydrated>). A click before that would reach a button
// whose handler is not attached yet, and the spec would wait for something that never happens.
import { test as base, expect, type Page } from '@playwright/test';

/** Waits for the mark when the page is one of the app's HTML pages (not a CSV, JSON or image). */
async function settle(page: Page, response: Awaited<ReturnType<Page['goto']>>) {
  const type = response?.headers()['content-type'] ?? '';
  if (type.includes('text/html')) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  return response;
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args: Parameters<Page['goto']>) => settle(page, await goto(...args));
    page.reload = async (...args: Parameters<Page['reload']>) => settle(page, await reload(...args));
    await use(page);
  },
});

export { expect };
