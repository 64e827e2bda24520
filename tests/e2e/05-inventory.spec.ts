import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { shot, signInToDashboard } from './helpers.ts';

async function adjust(page: Page, fill: (d: ReturnType<Page['getByRole']>) => Promise<void>) {
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(dialog).toBeHidden();
}

test('the owner creates an item, restocks, uses across two lots and sees lots, history and the chart', async ({
  page,
}) => {
  const name = `E2E Olive Oil ${Date.now()}`;
  await signInToDashboard(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Inventory', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'New item' }).click();

  await expect(page.getByRole('heading', { name: 'New inventory item' })).toBeVisible();
  await page.getByLabel('Item name').fill(name);
  await expect(page.getByLabel('Unit', { exact: true })).toHaveValue('gram');
  await page.getByLabel('Opening quantity', { exact: true }).fill('100');
  await page.getByRole('textbox', { name: 'Cost per unit' }).fill('1');
  await page.getByRole('button', { name: 'Create item' }).click();

  await expect(page).toHaveURL(/\/inventory\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  const onHand = page.getByTestId('on-hand');
  await expect(onHand).toHaveText('100');
  await expect(page.getByTestId('item-unit')).toHaveText('gram');

  // Restock 100 g at 3 per g.
  await adjust(page, async (d) => {
    await d.getByLabel('Change type').selectOption('restock');
    await d.getByLabel('Quantity', { exact: true }).fill('100');
    await d.getByRole('radio', { name: 'Per unit' }).check();
    await d.getByRole('textbox', { name: 'Cost per unit' }).fill('3');
  });
  await expect(onHand).toHaveText('200');

  // Keyboard: Escape closes the dialog without saving.
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByRole('dialog').getByLabel('Change type')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // Use 150 g: FIFO empties the opening lot (100) and takes 50 of the restock.
  await adjust(page, async (d) => {
    await d.getByLabel('Change type').selectOption('use');
    await d.getByLabel('Quantity', { exact: true }).fill('150');
  });
  await expect(onHand).toHaveText('50');

  // Only open lots are listed: the restock lot with 50 of 100 left at 3.
  const lots = page.getByTestId('lots-table').locator('tbody tr');
  await expect(lots).toHaveCount(1);
  await expect(lots.first()).toContainText('50 / 100 gram');
  await expect(lots.first()).toContainText('3.00');

  // History: newest first; the USE movement has two events (one per lot).
  const useRow = page.getByTestId('movement-row').and(page.locator('[data-change-type="use"]'));
  await expect(useRow).toHaveCount(1);
  await expect(useRow).toContainText('-150 gram');
  const events = useRow.getByTestId('event');
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText(/USE-[0-9A-Z]+/);
  await expect(events.nth(1)).toContainText(/USE-[0-9A-Z]+/);
  await expect(page.getByTestId('movement-row')).toHaveCount(3);
  await expect(page.getByTestId('onhand-chart')).toBeVisible();
  await shot(page, 'inventory-item');

  // A volume quantity on a weight item without density: the dialog offers to set the density and retries.
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('Change type').selectOption('manual_addition');
  await d.getByLabel('Quantity', { exact: true }).fill('10');
  await d.getByLabel('Unit', { exact: true }).selectOption('ml');
  await d.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(d.getByRole('alert')).toContainText('Cannot convert ml to gram');
  await d.getByLabel('Density (g/mL)').fill('0.5');
  await d.getByRole('button', { name: 'Save density and retry' }).click();
  await expect(d).toBeHidden();
  await expect(onHand).toHaveText('55');

  // Reverse that addition with a reason.
  const addRow = page
    .getByTestId('movement-row')
    .and(page.locator('[data-change-type="manual_addition"]:not([data-reversal])'));
  await addRow.getByRole('button', { name: /^Reverse/ }).click();
  const rd = page.getByRole('dialog', { name: 'Reverse movement' });
  await expect(rd.getByRole('button', { name: 'Reverse', exact: true })).toBeDisabled();
  await rd.getByLabel('Reason').fill('Entered in the wrong unit');
  await rd.getByRole('button', { name: 'Reverse', exact: true }).click();
  await expect(rd).toBeHidden();
  await expect(onHand).toHaveText('50');
  await expect(addRow).toContainText('Reversed');
  await expect(addRow.getByRole('button', { name: /^Reverse/ })).toHaveCount(0);
  await expect(page.locator('[data-testid="movement-row"][data-reversal]')).toContainText(/REV-/);

  // The export link serves the item as CSV with the session cookie.
  const csv = await page.request.get('/inventory/export/items.csv');
  expect(csv.ok()).toBeTruthy();
  expect(await csv.text()).toContain(name);

  // The list shows the item with its on-hand.
  await page.goto('/inventory');
  await page.getByLabel('Search').fill(name);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('50 gram');
  await expect(page.getByRole('columnheader', { name: 'Cost per unit' })).toBeVisible();
});

test('a CSV with a bad row is refused in preview; the fixed file imports with progress', async ({ page }) => {
  const ts = Date.now();
  const header = 'name,type,unit,opening_quantity,cost_per_unit,low_stock_threshold,perishable,shelf_life_days';
  const good = [
    `E2E Import Flour ${ts},ingredient,gram,500,0.01,100,no,`,
    `E2E Import Jar ${ts},container,,24,0.8,,no,`,
  ];
  const bad = `E2E Import Bad ${ts},ingredient,furlong,5,1,,no,`;

  await signInToDashboard(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/inventory');
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Import items from CSV' })).toBeVisible();

  const textarea = page.getByLabel('CSV text');
  await textarea.fill([header, good[0], bad, good[1]].join('\n'));
  await page.getByRole('button', { name: 'Preview' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Row 3:');
  await expect(errors).toContainText('unknown unit "furlong"');
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await shot(page, 'import');

  // Fix: drop the bad row, preview again.
  await textarea.fill([header, ...good].join('\n'));
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled(); // stale preview
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Preview: 2 valid rows/ })).toBeVisible();
  const start = page.getByRole('button', { name: 'Start import' });
  await expect(start).toBeEnabled();
  await start.click();

  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByTestId('import-status')).toContainText('Completed', { timeout: 30_000 });
  await expect(page.getByTestId('import-status')).toContainText('2 of 2 rows');
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('aria-valuenow', '2');

  await page.getByRole('link', { name: 'View inventory' }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(page.getByRole('row').filter({ hasText: `E2E Import Flour ${ts}` })).toBeVisible();
  await shot(page, 'inventory-list');
  await page.getByRole('tab', { name: 'Containers' }).click();
  await expect(page.getByRole('row').filter({ hasText: `E2E Import Flour ${ts}` })).toHaveCount(0);
  await page.getByRole('tab', { name: 'All' }).click();
  await page.getByLabel('Search').fill(`E2E Import`);
  await expect(page.getByRole('row').filter({ hasText: 'E2E Olive Oil' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: `E2E Import Flour ${ts}` })).toContainText('500 gram');
  await expect(page.getByRole('row').filter({ hasText: `E2E Import Jar ${ts}` })).toContainText('24 count');
  await expect(page.getByRole('row').filter({ hasText: `E2E Import Bad ${ts}` })).toHaveCount(0);
});

test('the units page converts and reports typed conversion errors', async ({ page }) => {
  await signInToDashboard(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Inventory pages' })
    .getByRole('link', { name: 'Units', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Units', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'weight' })).toBeVisible();

  await page.getByLabel('Amount', { exact: true }).fill('2');
  await page.getByLabel('From', { exact: true }).selectOption('kg');
  await page.getByLabel('To', { exact: true }).selectOption('gram');
  await page.getByRole('button', { name: 'Convert' }).click();
  await expect(page.getByTestId('conversion-result')).toContainText('2 kg = 2000 gram');

  await page.getByLabel('From', { exact: true }).selectOption('ml');
  await page.getByRole('button', { name: 'Convert' }).click();
  await expect(page.getByTestId('conversion-result')).toContainText('MISSING_DENSITY');

  await page.getByLabel('Density (g/mL, optional)').fill('0.5');
  await page.getByRole('button', { name: 'Convert' }).click();
  await expect(page.getByTestId('conversion-result')).toContainText('2 ml = 1 gram');
  await shot(page, 'units');
});

test('a user without inventory.view_costs sees no cost column', async ({ page }) => {
  await signInToDashboard(page, 'production');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'On hand' })).toBeVisible();
  await expect(page.getByTestId('inventory-table').locator('tbody tr').first()).not.toContainText('Loading');
  await expect(page.getByRole('columnheader', { name: /cost/i })).toHaveCount(0);
});

test('the expiring page lists expired and expiring-soon stock and the latest digest', async ({ page }) => {
  await signInToDashboard(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('link', { name: 'Inventory', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Inventory pages' })
    .getByRole('link', { name: 'Expiring', exact: true })
    .click();
  await expect(page.getByRole('heading', { name: 'Expiring stock' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Expired', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Expiring soon' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest daily digest' })).toBeVisible();
  await expect(page.getByLabel('Within (days)')).toHaveValue(/^\d+$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
