import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot, signInToDashboard } from './helpers.ts';

// Selling (issue 12): a customer orders 3 bars of an olive-oil soap, the order is reserved from the bars'
// lot and fulfilled, the margin shows, and the olive oil lot traces forward to that customer, with a
// recall CSV. $12 of oil (1000 g of a 1500 g lot at $0.012) makes 10 bars at $1.20: 3 bars at $8 = $24.00 revenue,
// $3.60 cost of goods, $20.40 margin (85.0%).

async function makeBars(page: Page, ts: string) {
  const oil = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `E2E Olive Oil ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '1500',
    cost: '0.012',
  });
  const recipe = await mutate<{ id: string }>(page, 'recipes.create', {
    name: `E2E Olive Bar ${ts}`,
    status: 'published',
    predictedYield: '1000',
    yieldUnit: 'gram',
    isPortioned: true,
    portionName: 'Bar',
    portionCount: 10,
    lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '1000', unit: 'gram' }],
  });
  const product = await mutate<{ id: string; baseVariantId: string }>(page, 'products.create', {
    name: `E2E Olive Soap ${ts}`,
  });
  const batch = await mutate<{ batchId: string }>(page, 'batches.start', {
    recipeId: recipe.id,
    batchType: 'product',
  });
  await mutate(page, 'batches.complete', {
    batchId: batch.batchId,
    finalQuantity: '1000',
    outputUnit: 'gram',
    finalPortions: 10,
    productId: product.id,
    variantId: product.baseVariantId,
  });
  // The worker posts the bars; wait for it.
  await expect(async () => {
    await page.goto(`/batches/${batch.batchId}`);
    await expect(page.getByTestId('batch-status')).toHaveText('Completed', { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  return { oilId: oil.id, productName: `E2E Olive Soap ${ts}` };
}

test('customer → order of 3 bars → reserve → fulfil → margin → trace the olive oil to the customer', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const ts = Date.now().toString(36);
  await signInToDashboard(page, 'owner');
  const { oilId, productName } = await makeBars(page, ts);

  // A customer, by hand.
  const customer = `Ada Lovelace ${ts}`;
  await page.goto('/customers');
  await page.getByRole('button', { name: 'New customer' }).click();
  const cform = page.getByRole('dialog').filter({ hasText: 'New customer' });
  await cform.getByLabel('Name').fill(customer);
  await cform.getByLabel('Email').fill(`ada-${ts}@example.com`);
  await cform.getByLabel('Phone').fill('555-0101');
  await cform.getByRole('button', { name: 'Create customer' }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: customer })).toBeVisible();

  // An order of 3 bars for them.
  await page.getByRole('link', { name: 'New order' }).click();
  const oform = page.getByRole('dialog').filter({ hasText: 'New order' });
  await expect(oform.getByLabel('Customer')).toHaveValue(/[0-9a-f-]{36}/);
  const sku = oform.getByLabel('SKU');
  const option = sku.locator('option', { hasText: productName });
  await expect(option).toHaveCount(1);
  await expect(option).toContainText('10 count available');
  await sku.selectOption({ label: (await option.textContent())!.trim() });
  await oform.getByLabel('Quantity').fill('3');
  await oform.getByLabel('Unit price').fill('8');
  await shot(page, 'orders-new');
  await oform.getByRole('button', { name: 'Create order' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('order-status')).toHaveText('Draft');

  // Reserve: the bars leave their lot and are held for the order.
  await page.getByRole('button', { name: 'Reserve', exact: true }).click();
  const rform = page.getByRole('dialog').filter({ hasText: 'Takes every line' });
  await rform.getByRole('button', { name: 'Reserve', exact: true }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Reserved');
  const avail = page.getByTestId('order-availability');
  await expect(avail).toContainText('7 count');
  await expect(avail).toContainText('3 count');
  await expect(page.getByTestId('order-reservations')).toContainText('Active');

  // Fulfil: no second deduction; revenue, cost of goods and margin.
  await page.getByRole('button', { name: 'Fulfil', exact: true }).click();
  const fdialog = page.getByRole('dialog').filter({ hasText: 'Fulfil' });
  await fdialog.getByRole('button', { name: 'Fulfil', exact: true }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Fulfilled');
  await expect(page.getByTestId('net-revenue')).toHaveText('$24.00');
  await expect(page.getByTestId('cogs')).toHaveText('$3.60');
  await expect(page.getByTestId('margin')).toContainText('$20.40');
  await expect(page.getByTestId('margin')).toContainText('85.0%');
  await expect(avail).toContainText('7 count');
  await shot(page, 'orders-detail');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'orders-detail-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The olive oil lot traces forward, through the batch and the bars, to the customer.
  await page.goto(`/inventory/${oilId}`);
  await page.getByRole('link', { name: 'Trace forward' }).first().click();
  await expect(page).toHaveURL(/\/trace\?lotId=/);
  const customers = page.getByTestId('trace-customers');
  await expect(customers).toContainText(customer);
  await expect(customers).toContainText(`ada-${ts}@example.com`);
  await shot(page, 'orders-trace');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download recall CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  // One row per customer and order line (row_type customer), with the contact details.
  expect(text.split(/\r?\n/)[0]).toMatch(/^row_type,.*customer,email,phone,address,order,sku,returned,still_held$/);
  expect(text).toMatch(
    new RegExp(`\\ncustomer,.*,fulfilled,3,.*,${customer},ada-${ts}@example.com,555-0101,,ORD-\\d+,[^,]+,0,no`),
  );

  // The sales report shows the sale.
  await page.goto('/sales');
  await expect(page.getByTestId('sales-by-sku')).toContainText(productName);
  await expect(page.getByTestId('sales-top-customers')).toContainText(customer);
  await shot(page, 'sales-report');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'sales-report-375');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/orders');
  await expect(page.getByTestId('orders-table')).toContainText(customer);
  await shot(page, 'orders-list');
  await page.goto('/customers');
  await shot(page, 'customers-list');
});

test('integrations: Shopify says plainly when it is off; an API token is shown once and can be revoked', async ({
  page,
}) => {
  await signInToDashboard(page, 'owner');
  await page.goto('/orders');
  await page.getByRole('link', { name: 'Shopify' }).click();
  await expect(page.getByTestId('shopify-off')).toContainText('Shopify is off on this server');
  await expect(page.getByLabel('Shop domain')).toBeDisabled();
  await shot(page, 'orders-shopify-off');

  await page.goto('/orders/api');
  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'New API token' });
  await dialog.getByLabel('Name').fill('E2E webshop');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toContainText('will not be shown again');
  const token = (await shown.locator('code').textContent())!.trim();
  expect(token).toMatch(/^bt_/);
  // The token works against the API, and the list never shows it again.
  const res = await page.evaluate(async (t) => {
    const r = await fetch('/api/v1/orders', { headers: { authorization: `Bearer ${t}` } });
    return r.status;
  }, token);
  expect(res).toBe(200);
  await page.reload();
  await expect(page.getByTestId('api-tokens')).toContainText('E2E webshop');
  await expect(page.getByTestId('api-tokens')).not.toContainText(token);
  await shot(page, 'orders-api-tokens');
  await page
    .getByTestId('api-tokens')
    .getByRole('row', { name: /E2E webshop/ })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await page.getByRole('dialog').filter({ hasText: 'Revoke' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('api-tokens')).toContainText('Revoked');
  const after = await page.evaluate(async (t) => {
    const r = await fetch('/api/v1/orders', { headers: { authorization: `Bearer ${t}` } });
    return r.status;
  }, token);
  expect(after).toBe(401);
});
