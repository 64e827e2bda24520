// Issue 15 acceptance: a bulk stock update with one bad line shows every line's error and writes nothing;
// fixed, it is checked (draft) and applied. Screenshots at 1280 and 375 px.
import pg from 'pg';
import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot, signInToDashboard } from './helpers.ts';

const DB = process.env.E2E_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/batchtrack_e2e_test';

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: DB });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

const onHand = async (id: string) =>
  (
    await sql<{ quantity: string }>(
      'SELECT trim_scale(quantity)::text AS quantity FROM inventory_items WHERE id = $1',
      [id],
    )
  )[0]!.quantity;
const movements = async (id: string) =>
  Number(
    (await sql<{ n: string }>('SELECT count(*)::text AS n FROM inventory_movements WHERE item_id = $1', [id]))[0]!.n,
  );

async function fillLine(page: Page, i: number, v: { action: string; item: string; quantity: string; cost?: string }) {
  const line = page.getByTestId('bulk-line').nth(i);
  await line.getByLabel('Action').selectOption(v.action);
  await line.getByLabel('Item').selectOption({ label: v.item });
  await line.getByLabel('Quantity', { exact: true }).fill(v.quantity);
  if (v.cost !== undefined) await line.getByLabel('Cost per unit').fill(v.cost);
}

test('bulk update: one bad line refuses everything with every error; fixed, it is checked and applied', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToDashboard(page, 'owner');
  const name = `Aaa bulk oil ${Date.now()}`;
  const item = await mutate<{ id: string }>(page, 'inventory.create', {
    name,
    unit: 'gram',
    openingQuantity: '10',
    cost: '1',
  });
  const label = `${name} (gram)`;
  const before = await movements(item.id);

  await page.goto('/inventory');
  await page.getByRole('link', { name: 'Bulk update' }).click();
  await expect(page.getByRole('heading', { name: 'Bulk stock update' })).toBeVisible();
  await page.waitForLoadState('networkidle');

  // Line 1 restocks 2 g at $1.50; line 2 uses 0 g, which is refused.
  await fillLine(page, 0, { action: 'restock', item: label, quantity: '2', cost: '1.5' });
  await page.getByRole('button', { name: 'Add line' }).click();
  await fillLine(page, 1, { action: 'use', item: label, quantity: '0' });
  await page.getByRole('button', { name: 'Apply' }).click();

  await expect(
    page.getByText('1 line(s) cannot be applied; nothing was saved. Fix them and apply again.'),
  ).toBeVisible();
  await expect(page.getByTestId('line-error')).toHaveText(['Line 2: Quantity must be greater than 0']);
  const result = page.getByTestId('bulk-result');
  await expect(result.locator('tbody tr')).toHaveCount(2);
  await expect(result.locator('tbody tr').nth(0)).toContainText('OK');
  await expect(result.locator('tbody tr').nth(1)).toContainText('Quantity must be greater than 0');
  // Nothing written: not even line 1's +2.
  expect(await onHand(item.id)).toBe('10');
  expect(await movements(item.id)).toBe(before);
  await shot(page, 'bulk-refused-1280');
  await page.setViewportSize({ width: 375, height: 900 });
  await expect(page.getByTestId('line-error')).toBeVisible();
  await shot(page, 'bulk-refused-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Fixed: use 3 g. The check shows 10 → 12 → 9 and saves nothing.
  await page.getByTestId('bulk-line').nth(1).getByLabel('Quantity', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 2 lines' })).toBeVisible();
  await expect(result.locator('tbody tr').nth(0)).toContainText('10 → 12');
  await expect(result.locator('tbody tr').nth(1)).toContainText('12 → 9');
  await expect(page.getByTestId('line-error')).toHaveCount(0);
  expect(await onHand(item.id)).toBe('10');

  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('bulk-applied')).toHaveText('Applied 2 lines.');
  expect(await onHand(item.id)).toBe('9');
  expect(await movements(item.id)).toBe(before + 2);
  await shot(page, 'bulk-applied-1280');
  await page.setViewportSize({ width: 375, height: 900 });
  await expect(page.getByTestId('bulk-applied')).toBeVisible();
  await shot(page, 'bulk-applied-375');
});
