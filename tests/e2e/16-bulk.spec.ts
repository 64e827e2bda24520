// Issue 15 acceptance: a bulk stock update with one bad line shows every line's error and writes nothing;
// fixed, it is checked (draft) and applied. Screenshots at 1280 and 375 px. The item picker finds item 150
// of 200 by typing; a new item is made from a library item.
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
  // The item picker searches as one types (any item of a long inventory, docs/rules/bulk-updates.md).
  await line.getByRole('combobox', { name: 'Item' }).fill(v.item.replace(/ \([^)]*\)$/, ''));
  await line.getByRole('option', { name: v.item }).click();
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

test('bulk update: the picker finds item 150 of 200; a new line is made from a library item', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInToDashboard(page, 'owner');
  const stamp = Date.now().toString(36);
  const names = Array.from({ length: 200 }, (_, i) => `Picker ${stamp} ${String(i + 1).padStart(3, '0')}`);
  const made = await mutate<{ lines: { itemId: string; itemName: string }[] }>(page, 'inventory.bulkUpdate', {
    mode: 'apply',
    lines: names.map((name) => ({ action: 'create', name, unit: 'gram', quantity: '1', unitCost: '0.5' })),
  });
  const item150 = made.lines.find((l) => l.itemName === names[149])!;

  await page.goto('/inventory/bulk');
  await page.waitForLoadState('networkidle');
  await fillLine(page, 0, { action: 'restock', item: `${names[149]} (gram)`, quantity: '5', cost: '0.5' });

  // Line 2: a new item from the library's Cocoa Butter, 1.5 kg at $18/kg: 1500 g, linked.
  await page.getByRole('button', { name: 'Add line' }).click();
  const line = page.getByTestId('bulk-line').nth(1);
  await line.getByLabel('Action').selectOption('create');
  await line.getByRole('combobox', { name: 'From the library (optional)' }).pressSequentially('cocoa b', { delay: 40 });
  await line.getByRole('option', { name: /^Cocoa Butter/ }).click();
  await expect(line.getByLabel('New item name')).toHaveValue('Cocoa Butter');
  await expect(line.getByLabel('Type')).toHaveCount(0);
  await line.getByLabel('New item name').fill(`Cocoa Butter ${stamp}`);
  await line.getByLabel('Opening quantity').fill('1.5');
  await line.getByLabel('Unit', { exact: true }).selectOption('kg');
  await line.getByLabel('Cost per unit').fill('18');
  await shot(page, 'bulk-picker-1280');
  await page.setViewportSize({ width: 375, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await shot(page, 'bulk-picker-375');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: 'Check' }).click();
  const result = page.getByTestId('bulk-result');
  await expect(result.locator('tbody tr').nth(0)).toContainText('1 → 6');
  await expect(result.locator('tbody tr').nth(1)).toContainText('1,500 gram');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('bulk-applied')).toHaveText('Applied 2 lines.');
  expect(await onHand(item150.itemId)).toBe('6');
  const [cocoa] = await sql<{ quantity: string; linked: string | null }>(
    `SELECT trim_scale(i.quantity)::text AS quantity, g.slug AS linked FROM inventory_items i
       LEFT JOIN global_items g ON g.id = i.global_item_id WHERE i.name = $1`,
    [`Cocoa Butter ${stamp}`],
  );
  expect(cocoa).toEqual({ quantity: '1500', linked: 'cocoa-butter' });
});
