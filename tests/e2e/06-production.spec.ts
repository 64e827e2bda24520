import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot, signInToDashboard } from './helpers.ts';

type RecipeLine = { item: string; quantity: string; unit: string };

/** Writes a recipe in the recipe editor, limits it to the given containers and publishes it; returns its id. */
async function writeRecipe(
  page: Page,
  r: { name: string; predictedYield: string; yieldUnit: string; ingredients: RecipeLine[]; containers: string[] },
) {
  await page.goto('/recipes');
  await page.getByRole('link', { name: 'New recipe' }).click();
  await expect(page.getByRole('heading', { name: 'New recipe' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New recipe' });
  await form.getByLabel('Name', { exact: true }).fill(r.name);
  await form.getByLabel('Predicted yield').fill(r.predictedYield);
  await form.getByLabel('Yield unit').selectOption(r.yieldUnit);
  const ingredients = form.getByRole('group', { name: 'Ingredients' });
  for (const [i, l] of r.ingredients.entries()) {
    await ingredients.getByRole('button', { name: 'Add ingredient' }).click();
    const line = ingredients.getByTestId('recipe-line').nth(i);
    await line.getByRole('searchbox', { name: 'Search ingredient items' }).fill(l.item);
    const picker = line.getByRole('combobox', { name: 'Ingredient item' });
    const option = picker.locator('option', { hasText: l.item });
    await expect(option).toHaveCount(1);
    await picker.selectOption({ label: (await option.textContent())!.trim() });
    await expect(line.getByRole('combobox', { name: 'Unit' })).toHaveValue(l.unit);
    await line.getByRole('textbox', { name: 'Quantity' }).fill(l.quantity);
  }
  await expect(form.getByTestId('recipe-line')).toHaveCount(r.ingredients.length);
  const allowed = form.getByRole('group', { name: 'Allowed containers' });
  for (const c of r.containers) await allowed.getByLabel(c).check();
  await form.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page).toHaveURL(/\/recipes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: r.name, exact: true })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Versions of the master' }).getByText('Current', { exact: true }),
  ).toBeVisible();
  const lines = page.getByTestId('recipe-lines');
  for (const l of r.ingredients)
    await expect(lines.getByRole('row').filter({ hasText: l.item })).toContainText(`${l.quantity} ${l.unit}`);
  return page.url().split('/').pop()!;
}

async function chooseRecipe(page: Page, name: string) {
  const select = page.getByLabel('Recipe', { exact: true });
  await expect(select.locator('option', { hasText: name })).toHaveCount(1);
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value!);
}

test('plan with a shortage, restock, start, timer, extra, finish into jars, trace the supplier lot forward', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ts = Date.now();
  await signInToDashboard(page, 'owner');

  // Items: honey short for ×2 (100 g on hand, 300 g needed), beeswax plenty, 8 oz jars.
  const honey = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `E2E Honey ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '100',
    cost: '0.02',
  });
  await mutate(page, 'inventory.create', {
    name: `E2E Beeswax ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '1000',
    cost: '0.01',
  });
  const jar = await mutate<{ id: string; matchedExisting: boolean }>(page, 'inventory.create', {
    name: `E2E Jar 8oz ${ts}`,
    itemType: 'container',
    unit: 'count',
    capacity: '8',
    capacityUnit: 'oz',
    openingQuantity: '20',
    cost: '0.5',
    // Identical containers are reused (docs/rules/inventory.md, Containers): a distinct style keeps reruns apart.
    containerMaterial: 'glass',
    containerType: 'jar',
    containerStyle: `e2e-${ts}`,
  });
  expect(jar.matchedExisting).toBe(false);
  const recipeName = `E2E Honey Balm ${ts}`;
  await writeRecipe(page, {
    name: recipeName,
    predictedYield: '16',
    yieldUnit: 'oz',
    ingredients: [
      { item: `E2E Honey ${ts}`, quantity: '150', unit: 'gram' },
      { item: `E2E Beeswax ${ts}`, quantity: '50', unit: 'gram' },
    ],
    containers: [`E2E Jar 8oz ${ts}`],
  });
  const productName = `E2E Balm ${ts}`;
  await mutate(page, 'products.create', { name: productName });

  // Plan ×2: honey is short.
  await page.goto('/dashboard');
  await page.getByRole('link', { name: 'Batches', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Batches', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Plan a batch' }).click();
  await expect(page.getByRole('heading', { name: 'Plan a batch' })).toBeVisible();
  await chooseRecipe(page, recipeName);
  await page.getByLabel('Scale (×)').fill('2');
  await expect(page.getByTestId('projected-yield')).toHaveText('32 oz');
  // A recipe without a product category plans as an ingredient by default (docs/rules/planning.md).
  await page.getByRole('radio', { name: 'Product', exact: true }).check();
  await expect(page).toHaveURL(/type=product/);
  const honeyRow = page.getByTestId('stock-row').filter({ hasText: `E2E Honey ${ts}` });
  await expect(honeyRow).toHaveAttribute('data-status', 'NEEDED');
  await expect(honeyRow).toContainText('Needed');
  await expect(honeyRow).toContainText('300 gram');
  await expect(page.getByTestId('stock-row').filter({ hasText: `E2E Beeswax ${ts}` })).toHaveAttribute(
    'data-status',
    'OK',
  );
  await expect(page.getByTestId('containment')).toContainText('100%');
  await expect(page.getByTestId('containers-table')).toContainText(`E2E Jar 8oz ${ts}`);
  await expect(page.getByLabel(`Count of E2E Jar 8oz ${ts}`)).toHaveValue('4');
  await expect(page.getByTestId('plan-total')).toHaveText('$9.00'); // honey 300 g at 0.02 + beeswax 100 g at 0.01 + 4 jars at 0.50
  await shot(page, 'batch-plan');

  // Starting now is refused with the shortage list and a forced-start option behind a confirm.
  await page.getByRole('button', { name: 'Start batch' }).click();
  const shortage = page.getByTestId('shortage');
  await expect(shortage).toContainText(`E2E Honey ${ts}`);
  await shortage.getByRole('button', { name: 'Start anyway' }).click();
  // (Filtered by text: every ConfirmDialog uses the id confirm-title, so the accessible name can be another dialog's.)
  const confirm = page.getByRole('dialog').filter({ hasText: 'Start without enough stock?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  const planUrl = page.url();

  // Restock honey from a supplier through the inventory page.
  await page.goto(`/inventory/${honey.id}`);
  await page.getByRole('button', { name: 'Adjust', exact: true }).click();
  const adj = page.getByRole('dialog');
  await adj.getByLabel('Change type').selectOption('restock');
  await adj.getByLabel('Quantity', { exact: true }).fill('500');
  await adj.getByRole('radio', { name: 'Per unit' }).check();
  await adj.getByRole('textbox', { name: 'Cost per unit' }).fill('0.03');
  await adj.getByLabel('Supplier').fill('Bee Farm');
  await adj.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(adj).toBeHidden();
  await expect(page.getByTestId('on-hand')).toHaveText('600');

  // Back to the plan: its address keeps the recipe, the scale and the type. Everything is in stock now; start.
  await page.goto(planUrl);
  await expect(page).toHaveURL(/type=product/);
  await expect(page.getByRole('radio', { name: 'Product', exact: true })).toBeChecked();
  await expect(page.getByLabel('Scale (×)')).toHaveValue('2');
  await expect(page.getByTestId('stock-row').filter({ hasText: `E2E Honey ${ts}` })).toHaveAttribute(
    'data-status',
    'OK',
  );
  await expect(page.getByTestId('projected-yield')).toHaveText('32 oz');
  await expect(page.getByTestId('plan-feasible')).toHaveText('Everything in stock');
  await page.getByRole('button', { name: 'Start batch' }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  const batchUrl = page.url();
  await expect(page.getByTestId('batch-status')).toHaveText('In progress');
  await expect(page.getByTestId('planned-table')).toContainText(`E2E Honey ${ts}`);

  // A timer ticks, and stands still when paused.
  await page.getByLabel('Timer name').fill('Cool down');
  await page.getByLabel('Minutes').fill('5');
  await page.getByRole('button', { name: 'Start timer' }).click();
  const timer = page.getByTestId('timer-row').filter({ hasText: 'Cool down' });
  await expect(timer).toContainText('Running');
  await expect(timer.getByTestId('timer-elapsed')).not.toHaveText('00:00', { timeout: 5_000 });
  await expect(timer.getByTestId('timer-remaining')).not.toHaveText('05:00');
  await timer.getByRole('button', { name: 'Pause' }).click();
  await expect(timer).toHaveAttribute('data-status', 'paused');
  const frozen = await timer.getByTestId('timer-elapsed').textContent();
  await page.waitForTimeout(1500);
  await expect(timer.getByTestId('timer-elapsed')).toHaveText(frozen!);
  await timer.getByRole('button', { name: 'Resume' }).click();
  await expect(timer).toHaveAttribute('data-status', 'active');

  // An extra 10 g of beeswax.
  await page.getByRole('button', { name: 'Add extra' }).click();
  const ex = page.getByRole('dialog', { name: 'Add extra' });
  await ex.getByLabel('Kind').selectOption('ingredient');
  await ex.getByLabel('Item').selectOption({ label: `E2E Beeswax ${ts}` });
  await ex.getByLabel('Quantity').fill('10');
  await expect(ex.getByLabel('Unit', { exact: true })).toHaveValue('gram');
  await ex.getByLabel('Reason').selectOption('extra_use');
  await ex.getByRole('button', { name: 'Add extra' }).click();
  await expect(ex).toBeHidden();
  await expect(page.getByTestId('extra-row')).toContainText(`E2E Beeswax ${ts}`);
  await expect(page.getByTestId('extra-row')).toContainText('10 gram');
  await page.getByLabel('Note', { exact: true }).fill('Poured at 70°C');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByTestId('notes')).toContainText('Poured at 70°C');
  await shot(page, 'batch-in-progress');

  // Finish into 4 jars of the product's Base variant.
  await page.getByRole('button', { name: 'Finish batch' }).click();
  const fin = page.getByRole('dialog', { name: /Finish batch/ });
  await expect(fin.getByLabel('Output', { exact: true })).toHaveValue('product');
  await fin.getByLabel('Product').selectOption({ label: productName });
  await expect(fin.getByLabel('Variant')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(fin.getByLabel('Variant').locator('option:checked')).toHaveText('Base');
  await expect(fin.getByLabel(`E2E Jar 8oz ${ts} filled`)).toHaveValue('4');
  await expect(fin.getByLabel('Final quantity')).toHaveValue('32');
  await expect(fin.getByLabel('Output unit')).toHaveValue('oz');
  await fin.getByRole('button', { name: 'Finish batch' }).click();
  await expect(fin).toBeHidden();
  await expect(page.getByTestId('batch-status')).toHaveText('Completed', { timeout: 30_000 });

  // Contents 9.10 (honey 2 + 6, beeswax 1 + 0.10 extra) over 32 oz, 8 oz a jar, plus 0.50 for the jar = 2.775.
  const output = page.getByTestId('output-row');
  await expect(output).toHaveCount(1);
  await expect(output).toContainText('4 count');
  await expect(output.getByTestId('output-unit-cost')).toHaveText('$2.775');
  await expect(page.getByTestId('total-cost')).toHaveText('$11.10');
  await shot(page, 'batch-completed');

  // The SKU page shows the stock and the unit cost.
  await output.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\/sku\/[0-9a-f-]{36}$/);
  const skuUrl = page.url();
  await expect(page.locator('.kpi').filter({ hasText: 'On hand' })).toContainText('4');
  await expect(page.locator('.kpi').filter({ hasText: 'Unit cost' })).toContainText('2.775');
  const batchLabel = await page.evaluate(async (u) => {
    const id = u.split('/').pop()!;
    const r = await fetch(
      `/api/trpc/batches.get?input=${encodeURIComponent(JSON.stringify({ json: { batchId: id } }))}`,
    );
    return (await r.json()).result.data.json.label as string;
  }, batchUrl);

  // The supplier lot of honey, traced forward, reaches the batch and the SKU's lot.
  await page.goto(`/inventory/${honey.id}`);
  const lot = page.getByTestId('lots-table').locator('tbody tr').filter({ hasText: 'Bee Farm' });
  await expect(lot).toContainText('300 / 500 gram');
  await lot.getByRole('link', { name: 'Trace forward' }).click();
  await expect(page).toHaveURL(/\/trace\?lotId=/);
  const fwd = page.getByTestId('trace-forward');
  const skuRow = fwd.getByTestId('trace-row').filter({ hasText: productName });
  await expect(skuRow).toHaveAttribute('data-depth', '1');
  await expect(skuRow).toContainText(batchLabel);
  await expect(skuRow).toContainText('Product');
  await expect(skuRow.getByRole('link', { name: new RegExp(productName) })).toHaveAttribute(
    'href',
    new URL(skuUrl).pathname,
  );
  await expect(page.getByTestId('trace-forward-batches')).toContainText(batchLabel);
  await expect(page.getByTestId('trace-forward-batches')).toContainText('200');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download recall CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^recall-forward-.*\.csv$/);
  await shot(page, 'trace-forward');

  // Backward from the batch: both honey lots and the beeswax, with the supplier.
  await page.goto(`/trace?batchId=${batchUrl.split('/').pop()}`);
  const back = page.getByTestId('trace-backward');
  await expect(back.getByTestId('trace-row').filter({ hasText: 'Bee Farm' })).toContainText('200 gram');
  await expect(back.getByTestId('trace-row').filter({ hasText: `E2E Beeswax ${ts}` })).toContainText('110 gram');

  // The list shows the completed batch.
  await page.goto('/batches');
  await page.getByLabel('Search').fill(batchLabel);
  await expect(page.getByTestId('batches-table').getByRole('row').filter({ hasText: batchLabel })).toContainText(
    'Completed',
  );
});

test('a forced start records what was missing; cancelling returns what the batch used', async ({ page }) => {
  const ts = Date.now();
  await signInToDashboard(page, 'owner');
  const salt = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `E2E Salt ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '10',
    cost: '0.01',
  });
  const sugar = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `E2E Sugar ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '100',
    cost: '0.01',
  });
  const recipeName = `E2E Scrub ${ts}`;
  await mutate(page, 'recipes.create', {
    name: recipeName,
    status: 'published',
    predictedYield: '70',
    yieldUnit: 'gram',
    lines: [
      { kind: 'ingredient', itemId: salt.id, quantity: '50', unit: 'gram' },
      { kind: 'ingredient', itemId: sugar.id, quantity: '20', unit: 'gram' },
    ],
  });

  await page.goto('/batches/plan');
  await chooseRecipe(page, recipeName);
  await page.getByRole('radio', { name: 'Intermediate ingredient' }).check();
  await expect(page.getByTestId('stock-row').filter({ hasText: `E2E Salt ${ts}` })).toHaveAttribute(
    'data-status',
    'NEEDED',
  );
  await page.getByRole('button', { name: 'Start batch' }).click();
  await page.getByTestId('shortage').getByRole('button', { name: 'Start anyway' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Start without enough stock?' });
  await confirm.getByRole('button', { name: 'Start anyway' }).click();
  await expect(page).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Started without enough stock')).toBeVisible();
  await expect(page.getByTestId('notes')).toContainText(`Started batch without: 50 gram of E2E Salt ${ts}`);
  await expect(
    page
      .getByTestId('planned-table')
      .getByRole('row')
      .filter({ hasText: `E2E Salt ${ts}` }),
  ).toContainText('Not deducted');

  await page.getByRole('button', { name: 'Cancel batch' }).click();
  const cancel = page.getByRole('dialog').filter({ hasText: 'Cancel this batch?' });
  await cancel.getByRole('button', { name: 'Cancel batch' }).click();
  await expect(page.getByTestId('batch-status')).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: 'Finish batch' })).toHaveCount(0);

  await page.goto(`/inventory/${sugar.id}`);
  await expect(page.getByTestId('on-hand')).toHaveText('100');
});

test('while another recipe loads, the batch type waits for its default instead of showing the last one', async ({
  page,
}) => {
  await signInToDashboard(page, 'owner');
  await page.goto('/batches/plan');
  const product = page.getByRole('group', { name: 'Batch makes' }).getByRole('radio', { name: 'Product', exact: true });
  await expect(product).toBeEnabled();
  // Hold the plan's data until the radios have been looked at.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/batches/plan/__data.json*', async (route) => {
    await held;
    await route.continue();
  });
  const select = page.getByLabel('Recipe', { exact: true });
  const value = (await select.locator('option:not([value=""])').first().getAttribute('value'))!;
  await select.selectOption(value);
  await expect(product).toBeDisabled();
  release();
  await expect(page).toHaveURL(new RegExp(`recipeId=${value}`));
  await expect(product).toBeEnabled();
  await page.unrouteAll();
});
