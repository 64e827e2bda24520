// Issue 8's acceptance: a new Solo organization adds two lots of oil at different prices, plans a batch and
// sees the plan's cost equal the started batch's cost (the plan prices the lots the start takes); the
// dashboard shows the batch in progress, a low-stock alert and the stock value chart; and at 375 px no page
// scrolls sideways. Screenshots land in reports/screenshots/.
import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot } from './helpers.ts';

async function noSidewaysScroll(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} is ${width}px wide at a 375px viewport`).toBeLessThanOrEqual(375);
}

test('a Solo maker: two lots, a plan that costs what the start takes, a dashboard worth opening', async ({ page }) => {
  test.setTimeout(150_000);
  const ts = Date.now();
  await page.goto('/signup');
  await page.getByLabel('Organization name').fill(`Maker Soap ${ts}`);
  await page.getByLabel('First name').fill('Mia');
  await page.getByLabel('Last name').fill('Maker');
  await page.getByLabel('Email').fill(`mia+${ts}@example.com`);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('radio', { name: /^Solo/ }).check();
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 20_000 });
  await expect(page.getByTestId('org-name')).toContainText('Solo');

  // Two lots of oil: 100 g at $0.01 and 100 g at $0.03; lye below its low-stock threshold.
  const oil = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `Olive Oil ${ts}`,
    unit: 'gram',
    openingQuantity: '100',
    cost: '0.01',
  });
  await mutate(page, 'inventory.adjust', { itemId: oil.id, changeType: 'restock', quantity: '100', unitCost: '0.03' });
  await mutate(page, 'inventory.create', {
    name: `Lye ${ts}`,
    unit: 'gram',
    openingQuantity: '50',
    cost: '0.02',
    lowStockThreshold: '100',
  });
  await page.goto(`/inventory/${oil.id}`);
  await expect(page.getByTestId('lot-value')).toHaveText(['$1.00', '$3.00']);
  // The item's cost is the lots' value ÷ on-hand: $4 ÷ 200 g.
  await expect(page.getByTestId('cost-per-unit')).toHaveText('$0.02');
  // A dialog keeps Tab inside and closes on Escape.
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // An item without a cost is asked about once.
  await page.goto('/inventory/new');
  await page.getByLabel('Item name').fill(`Water ${ts}`);
  await page.getByRole('textbox', { name: 'Opening quantity' }).fill('1000');
  await page.getByRole('button', { name: 'Create item' }).click();
  await expect(page.getByTestId('no-cost-warning')).toHaveText(
    /No cost entered — costs of batches using it will be understated\./,
  );
  await expect(page).toHaveURL(/\/inventory\/new$/);
  await page.getByRole('button', { name: 'Save without a cost' }).click();
  await expect(page).toHaveURL(/\/inventory\/[0-9a-f-]{36}$/);

  const recipeName = `Castile ${ts}`;
  await mutate(page, 'recipes.create', {
    name: recipeName,
    status: 'published',
    predictedYield: '150',
    yieldUnit: 'gram',
    lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '150', unit: 'gram' }],
  });

  // The plan prices the lots the start will take: 100 g at $0.01 + 50 g at $0.03 = $2.50, not 150 × $0.02.
  await page.goto('/batches/plan');
  const select = page.getByLabel('Recipe', { exact: true });
  const value = await select.locator('option', { hasText: recipeName }).getAttribute('value');
  await select.selectOption(value!);
  await expect(page.getByTestId('plan-total')).toHaveText('$2.50');
  // A recipe without a product category plans as an ingredient by default (docs/rules/planning.md).
  await page.getByRole('radio', { name: 'Product', exact: true }).check();
  await expect(page).toHaveURL(/type=product/);
  const planned = await page.getByTestId('plan-total').textContent();
  await shot(page, 'maker-plan');
  await page.setViewportSize({ width: 375, height: 812 });
  await noSidewaysScroll(page, 'the plan page');
  await shot(page, 'maker-plan-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: 'Start batch' }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();
  await expect(page.getByTestId('batch-status')).toHaveText('In progress');
  await expect(page.getByTestId('total-cost')).toHaveText(planned!);
  await shot(page, 'maker-batch');

  // The dashboard: the batch in progress, the low-stock alert with its fix, the stock value and its chart.
  await page.goto('/dashboard');
  await expect(page.getByTestId('in-progress-row')).toContainText(recipeName);
  const low = page.getByTestId('alert').filter({ hasText: `Lye ${ts} is low` });
  await expect(low).toBeVisible();
  await expect(low.getByRole('link', { name: 'Restock' })).toHaveAttribute('href', /\/inventory\//);
  // $4 bought, $2.50 used: $1.50 of oil and $1 of lye left.
  await expect(page.getByTestId('stock-value-total')).toHaveText('$2.50');
  await expect(page.getByTestId('stock-value-chart')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('activity-row').first()).toContainText('Mia Maker');
  await shot(page, 'maker-dashboard');

  // Dismissed for this user, it stays away while the lye is low.
  await low.getByRole('button', { name: /Dismiss/ }).click();
  await expect(page.getByTestId('alert').filter({ hasText: `Lye ${ts} is low` })).toHaveCount(0);
  await expect(page.getByText('1 dismissed.')).toBeVisible();

  // Keyboards: the first Tab reaches the skip link, which lands in the page's content.
  await page.goto('/dashboard');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  // The trace page finds the batch by its label.
  const label = (await page.getByTestId('in-progress-row').locator('strong').textContent())!;
  await page.goto('/trace');
  await page.getByLabel('Lot code or batch label').fill(label.toLowerCase());
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page).toHaveURL(/\/trace\?batchId=/);
  await page.goto('/trace?code=NOPE-0');
  await expect(page.getByText('No lot or batch has the code NOPE-0.')).toBeVisible();

  // Phones: nothing scrolls sideways at 375 × 812.
  await page.setViewportSize({ width: 375, height: 812 });
  for (const [name, url] of [
    ['dashboard', '/dashboard'],
    ['inventory', '/inventory'],
    ['item', `/inventory/${oil.id}`],
    ['batch', batchUrl],
  ] as const) {
    await page.goto(url);
    await noSidewaysScroll(page, name);
    await shot(page, `maker-${name}-375`);
  }
  // The header is a menu on a phone.
  await page.goto('/dashboard');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inventory' }).click();
  await expect(page).toHaveURL(/\/inventory$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();

  // Finishing a product batch without any product: the dialog makes one, named from the recipe.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(batchUrl);
  await page.getByRole('button', { name: 'Finish batch' }).click();
  const fin = page.getByRole('dialog');
  await expect(fin.getByLabel('New product name')).toHaveValue(recipeName);
  await fin.getByRole('button', { name: 'Create product' }).click();
  await expect(fin.getByLabel('Product', { exact: true })).not.toHaveValue('');
  await expect(fin.getByLabel('Variant')).not.toHaveValue('');
  await fin.getByLabel('Final quantity').fill('150');
  await fin.getByRole('button', { name: 'Finish batch' }).click();
  await expect(fin).toBeHidden();
  await expect(page.getByTestId('batch-status')).toHaveText('Completed', { timeout: 30_000 });
  await shot(page, 'maker-batch-finished');
});
