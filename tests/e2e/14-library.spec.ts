// Issue 15 acceptance, the item library (docs/rules/library.md): a signed-out visitor browses /library,
// searches with the typeahead, opens Shea Butter and saves it through the quick free sign-up, coming back
// to the page, which saves it (Free Tools has inventory.edit, docs/rules/permissions-and-tiers.md). The
// new organization then clones a public recipe of the demo organization: its shea butter line maps to the
// saved item through the library link. No sideways scroll at 375 px on the library pages.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { mutate, shot, signInToDashboard, signOut } from './helpers.ts';

/** A tRPC query through the HTTP API (GET, superjson envelope), with the page's cookies if any. */
async function query<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, body]) => {
      const r = await fetch(`/api/trpc/${p}?input=${encodeURIComponent(JSON.stringify({ json: body }))}`);
      return { status: r.status, body: await r.json() };
    },
    [path, input] as const,
  );
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body.result.data.json as T;
}

/** The page fits 375 px: nothing scrolls sideways. */
async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(100);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 375 px`).toBeLessThanOrEqual(375);
  await shot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('library: browse signed out, save through the quick free sign-up, clone a public recipe', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const stamp = Date.now().toString(36);
  const recipeName = `Shea Body Butter ${stamp}`;

  // The demo owner shares a recipe whose shea butter is linked to the library: 300 g shea, 100 g jojoba.
  await signInToDashboard(page, 'owner');
  const shea = await query<{ id: string; name: string }>(page, 'library.get', { slug: 'shea-butter' });
  const sellerShea = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `Shea butter ${stamp}`,
    globalItemId: shea.id,
    openingQuantity: '1000',
    cost: '0.02',
  });
  const jojoba = await mutate<{ id: string }>(page, 'inventory.create', {
    name: `Golden jojoba ${stamp}`,
    unit: 'gram',
    openingQuantity: '1000',
    cost: '0.05',
  });
  const line = (itemId: string, quantity: string) => ({ kind: 'ingredient', itemId, quantity, unit: 'gram' });
  const recipe = await mutate<{ id: string }>(page, 'recipes.create', {
    name: recipeName,
    labelPrefix: `SB${stamp.slice(-5)}`.toUpperCase(),
    predictedYield: '400',
    yieldUnit: 'gram',
    lines: [line(sellerShea.id, '300'), line(jojoba.id, '100')],
  });
  await mutate(page, 'recipes.setPublic', { recipeId: recipe.id, isPublic: true });
  await signOut(page);

  // Signed out: the library lists, searches with the typeahead, and opens an item.
  await page.goto('/library');
  await expect(page.getByRole('heading', { name: 'Item library' })).toBeVisible();
  await expect(page.getByTestId('library-table').locator('tbody tr')).toHaveCount(24);
  await shot(page, 'library-list-1280');
  await fitsPhone(page, 'library-list');
  await page.waitForLoadState('networkidle');
  await page.locator('#lib-search').pressSequentially('shea', { delay: 50 });
  const hints = page.getByTestId('library-typeahead');
  await expect(hints.getByRole('link', { name: 'Shea Butter', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]q=shea/);
  await expect(page.getByTestId('library-table')).toContainText('Shea Butter');
  await shot(page, 'library-typeahead-1280');
  await hints.getByRole('link', { name: 'Shea Butter', exact: true }).click();

  await expect(page).toHaveURL(/\/library\/shea-butter$/);
  await expect(page.getByRole('heading', { name: 'Shea Butter' })).toBeVisible();
  await expect(page.getByTestId('library-facts')).toContainText('SAP (NaOH)');
  await shot(page, 'library-item-1280');
  await fitsPhone(page, 'library-item');

  // Save to inventory: the quick free sign-up, then back to the item, which is saved.
  await page.getByRole('link', { name: 'Save to inventory' }).click();
  await expect(page).toHaveURL(/\/signup\?plan=free&next=/);
  await expect(page.getByRole('radio', { name: /Free Tools/ })).toBeChecked();
  await page.getByLabel('Organization name').fill(`Shea Studio ${stamp}`);
  await page.getByLabel('First name').fill('Lea');
  await page.getByLabel('Last name').fill('Visitor');
  await page.getByLabel('Email').fill(`visitor+${stamp}@example.com`);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await fitsPhone(page, 'library-signup');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/library\/shea-butter$/);
  const saved = page.getByRole('status').filter({ hasText: 'is in your inventory' });
  await expect(saved).toHaveText(/Shea Butter is in your inventory with quantity 0\./);
  await shot(page, 'library-saved-1280');
  await fitsPhone(page, 'library-saved');

  // Saving again is refused: it is already there.
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Save to inventory' }).click();
  await expect(page.getByRole('alert')).toContainText('Shea Butter is already in your inventory.');

  await page.goto('/inventory');
  await expect(page.getByRole('link', { name: 'Shea Butter', exact: true })).toBeVisible();
  await shot(page, 'library-inventory-1280');
  await page.getByRole('link', { name: 'Shea Butter', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Shea Butter' })).toBeVisible();
  await expect(page.getByTestId('on-hand')).toHaveText('∞');
  const mine = page.url().split('/').pop()!;

  // Free Tools creates items but moves no stock: the new-item form offers no opening stock.
  await page.goto('/inventory/new');
  await expect(page.getByTestId('no-opening-stock')).toContainText('does not track stock quantities');
  await expect(page.getByLabel('Opening quantity')).toHaveCount(0);
  await fitsPhone(page, 'library-free-new-item');

  // Clone the demo organization's public recipe: shea maps to the saved item by its library link.
  await page.goto('/recipes/library');
  await page.locator('#lib-search').fill(stamp);
  await page.getByTestId('library-table').getByRole('link', { name: recipeName }).click();
  await expect(page.getByRole('heading', { name: recipeName })).toBeVisible();
  await expect(page.getByTestId('library-line')).toHaveCount(2);
  await expect(page.getByTestId('library-line').nth(0)).toContainText('75%');
  await page.getByRole('button', { name: 'Clone into my recipes' }).click();
  const result = page.getByTestId('clone-result');
  await expect(result).toContainText(`Shea butter ${stamp}: matched by library item (Shea Butter)`);
  await expect(result).toContainText(`Golden jojoba ${stamp}: created`);
  await shot(page, 'library-cloned-1280');
  await fitsPhone(page, 'library-cloned');
  await page.getByRole('button', { name: 'Open the clone' }).click();
  await expect(page.getByRole('heading', { name: recipeName })).toBeVisible();
  await expect(page.getByTestId('recipe-lines').getByRole('link', { name: 'Shea Butter' })).toHaveAttribute(
    'href',
    `/inventory/${mine}`,
  );

  // The item's library card: linked to Shea Butter; resync, unlink (confirmed), then link again from the
  // suggestions (only those whose unit converts to gram).
  await page.goto(`/inventory/${mine}`);
  const card = page.getByTestId('library-card');
  await expect(card.getByRole('heading', { name: 'Global library' })).toBeVisible();
  await expect(card.getByTestId('library-link').getByRole('link', { name: 'Shea Butter' })).toHaveAttribute(
    'href',
    '/library/shea-butter',
  );
  await page.waitForLoadState('networkidle');
  await card.getByRole('button', { name: 'Resync' }).click();
  await expect(page.getByRole('status')).toContainText('taken again from the library');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'library-card-linked-1280');
  await fitsPhone(page, 'library-card-linked');

  await card.getByRole('button', { name: 'Unlink' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Shea Butter stops following Shea Butter.');
  await dialog.getByRole('button', { name: 'Unlink' }).click();
  await expect(page.getByRole('status')).toHaveText('Shea Butter is no longer linked to the library.');
  await expect(card).toContainText('Not linked to the library.');
  const suggestions = card.getByTestId('library-suggestions');
  await expect(suggestions.getByRole('link', { name: 'Shea Butter', exact: true })).toBeVisible();
  await shot(page, 'library-card-suggestions-1280');
  await fitsPhone(page, 'library-card-suggestions');

  await suggestions.getByRole('button', { name: 'Link to Shea Butter', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Linked to Shea Butter');
  await expect(card.getByTestId('library-link')).toContainText('Shea Butter');

  // Signed out, an existing account signs in from an item's page and comes back to it, which saves it.
  await signOut(page);
  await page.goto('/library/cocoa-butter');
  await page.getByRole('link', { name: 'Already have one? Sign in' }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email or username').fill(`visitor+${stamp}@example.com`);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/library\/cocoa-butter$/);
  await expect(page.getByRole('status').filter({ hasText: 'is in your inventory' })).toHaveText(
    /Cocoa Butter is in your inventory with quantity 0\./,
  );
});
