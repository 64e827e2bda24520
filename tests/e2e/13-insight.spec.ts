// Issue 13 acceptance: the retention notice, export and acknowledge; a webhook endpoint receiving a test
// event on localhost, correctly signed.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { test, expect } from './fixtures.ts';
import { mutate, shot, signInToDashboard } from './helpers.ts';
import { verifySignature } from '../../src/lib/server/domain/webhooks/signature.ts';

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

test('retention: the notice on the dashboard, export, acknowledge', async ({ page }) => {
  await signInToDashboard(page, 'owner');
  // A recipe no batch used, aged past the 365 days.
  const name = `Forgotten balm ${Date.now()}`;
  const created = await mutate<{ id: string }>(page, 'recipes.create', { name, status: 'draft', lines: [] });
  await sql(`UPDATE recipes SET created_at = now() - interval '400 days' WHERE id = $1`, [created.id]);
  const recipe = { id: created.id, name };
  await page.goto('/dashboard');
  const notice = page.getByTestId('retention-notice');
  await expect(notice).toContainText('Data Retention Notice');
  await shot(page, 'retention-notice');
  await notice.getByRole('link').click();
  await expect(page).toHaveURL(/\/recipes\/retention$/);
  await expect(page.getByTestId('at-risk')).toContainText(recipe.name);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^recipes-at-risk-\d{4}-\d{2}-\d{2}\.csv$/);
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByTestId('queued')).toContainText(recipe.name);
  await expect(page.getByTestId('no-at-risk').or(page.getByTestId('at-risk'))).not.toContainText(recipe.name);
  await shot(page, 'retention-queued');
});

test('webhooks: an endpoint added, a test event delivered to a receiver on localhost, signed', async ({ page }) => {
  const got: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    await signInToDashboard(page, 'owner');
    await page.goto('/settings/webhooks');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByLabel('Webhook test').check();
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('webhook-secret').locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await page
      .getByTestId('endpoints')
      .getByRole('row', { name: url })
      .getByRole('button', { name: 'Send test event' })
      .click();
    await expect.poll(() => got.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const hit = got[0]!;
    expect(JSON.parse(hit.body)).toMatchObject({
      type: 'webhook_test',
      properties: { message: 'A test event from BatchTrack' },
    });
    expect(verifySignature(secret, hit.body, hit.headers['x-batchtrack-signature'] as string, new Date())).toBe(true);
    await expect
      .poll(async () => (await page.reload(), await page.getByTestId('deliveries').textContent()), { timeout: 15_000 })
      .toContain('delivered');
    await shot(page, 'webhooks');
  } finally {
    await new Promise((r) => server.close(r));
  }
});

/** The page does not scroll sideways at this width. */
async function fitsWidth(page: import('@playwright/test').Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test('reports: the recipe report with its chart, the ingredient report and the batch’s FIFO insight, at 1280 and 375 px', async ({
  page,
}) => {
  const ts = Date.now();
  await signInToDashboard(page, 'owner');
  const oil = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `Report oil ${ts}`,
    itemType: 'ingredient',
    unit: 'gram',
    openingQuantity: '2000',
    cost: '0.02',
    isPerishable: true,
    shelfLifeDays: 30,
  });
  const recipe = await mutate<{ id: string }>(page, 'recipes.create', {
    name: `Report balm ${ts}`,
    status: 'published',
    predictedYield: '500',
    yieldUnit: 'gram',
    lines: [{ kind: 'ingredient', itemId: oil.id, quantity: '500', unit: 'gram' }],
  });
  // Two batches finished through the worker: two points on the cost-per-unit chart.
  for (const made of ['480', '500']) {
    const { batchId } = await mutate<{ batchId: string }>(page, 'batches.start', { recipeId: recipe.id });
    await mutate(page, 'batches.complete', {
      batchId,
      finalQuantity: made,
      outputUnit: 'gram',
      outputType: 'ingredient',
      wasteQuantity: made === '480' ? '20' : '0',
      wasteReason: made === '480' ? 'spilled' : undefined,
    });
    await expect
      .poll(
        async () => (await sql<{ status: string }>(`SELECT status FROM batches WHERE id = $1`, [batchId]))[0]!.status,
        {
          timeout: 30_000,
        },
      )
      .toBe('completed');
    if (made === '500') {
      await page.goto(`/batches/${batchId}`);
      await expect(page.getByTestId('batch-freshness')).toContainText(`Report oil ${ts}`);
      await expect(page.getByTestId('batch-freshness-percent')).toHaveText('100 %');
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/recipes/${recipe.id}`);
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/recipes/${recipe.id}/report$`));
  await expect(page.getByTestId('report-batches')).toContainText('2');
  // Planned 1,000 g, made 980 g: −2 %; 20 g of 980 g wasted: 2.04 %.
  await expect(page.getByTestId('report-yield')).toContainText('-2 %');
  await expect(page.getByTestId('report-yield')).toContainText('2.04 %');
  await expect(page.getByTestId('report-cost').locator('canvas')).toBeVisible();
  await shot(page, 'report-recipe-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByTestId('report-cost').locator('canvas')).toBeVisible();
  await fitsWidth(page, 375);
  await shot(page, 'report-recipe-375');

  // The ingredient report, from the item page: 1,000 g used today, 1,000 g on hand → 30 days of cover.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/inventory/${oil.id}`);
  await page.getByRole('link', { name: 'Report', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/inventory/${oil.id}/report$`));
  await expect(page.getByTestId('days-of-cover')).toHaveText('30');
  await expect(page.getByTestId('report-usage').locator('canvas')).toBeVisible();
  await shot(page, 'report-ingredient-1280');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByTestId('report-usage').locator('canvas')).toBeVisible();
  await fitsWidth(page, 375);
  await shot(page, 'report-ingredient-375');

  // The advanced reports: freshness and statistics, from the Reports section.
  await page.goto('/reports/freshness');
  await expect(page.getByTestId('freshness-now')).toBeVisible();
  await fitsWidth(page, 375);
  await shot(page, 'report-freshness-375');
  await page.goto('/reports/statistics');
  await page.getByRole('button', { name: 'Refresh now' }).click();
  await expect
    .poll(async () => (await page.reload(), await page.getByTestId('stats-organization').count()), { timeout: 30_000 })
    .toBe(1);
  await expect(page.getByTestId('leaderboard')).toContainText('Most productive');
  await fitsWidth(page, 375);
  await shot(page, 'report-statistics-375');
});
