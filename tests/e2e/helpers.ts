import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'batchtrack-demo';

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /▾/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `reports/screenshots/${name}.png`, fullPage: true });
}

/** Signs in and waits for the dashboard, trying again when a busy machine lost the first submit. */
export async function signInToDashboard(page: Page, identifier: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto('/login');
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Email or username').fill(identifier);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    try {
      await expect(page).toHaveURL(/\/dashboard$/, { timeout: 10_000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

/** A tRPC mutation through the HTTP API with the page's session cookie (superjson envelope). */
export async function mutate<T = Record<string, unknown>>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, body]) => {
      const r = await fetch(`/api/trpc/${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: body }),
      });
      return { status: r.status, body: await r.json() };
    },
    [path, input] as const,
  );
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.result.data.json as T;
}
