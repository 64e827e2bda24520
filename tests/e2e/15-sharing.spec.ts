// Recipe sharing across organizations (docs/rules/recipe-sharing.md): the demo owner marks a recipe public;
// a second organization, signed up on the spot, finds it in the recipe library, reads its formula in
// percent (no costs) and clones it, one ingredient matched by name and the others created.
import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot, signInToDashboard, signOut } from './helpers.ts';

async function both(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('share a recipe in one organization and clone it from another', async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const recipeName = `Whipped Balm ${stamp}`;

  // The demo organization writes a balm: 250 g shea, 200 g almond oil, 50 g beeswax for 500 g (50/40/10 %).
  await signInToDashboard(page, 'owner');
  const item = (name: string) =>
    mutate<{ id: string }>(page, 'inventory.create', { name, unit: 'gram', openingQuantity: '1000', cost: '0.04' });
  const shea = await item(`Shea butter ${stamp}`);
  const almond = await item(`Sweet almond oil ${stamp}`);
  const wax = await item(`Beeswax ${stamp}`);
  const line = (itemId: string, quantity: string) => ({ kind: 'ingredient', itemId, quantity, unit: 'gram' });
  const recipe = await mutate<{ id: string }>(page, 'recipes.create', {
    name: recipeName,
    labelPrefix: `B${stamp.slice(-5)}`.toUpperCase(),
    predictedYield: '500',
    yieldUnit: 'gram',
    lines: [line(shea.id, '250'), line(almond.id, '200'), line(wax.id, '50')],
  });

  await page.goto(`/recipes/${recipe.id}`);
  await expect(page.getByRole('heading', { name: recipeName })).toBeVisible();
  await expect(page.getByTestId('sharing-state')).toContainText('Private');
  await page.getByRole('button', { name: 'Share in the recipe library' }).click();
  await expect(page.getByText('Shared in the recipe library.')).toBeVisible();
  await expect(page.getByTestId('sharing-state')).toContainText('Public');
  await page.getByRole('heading', { name: 'Labels and sharing' }).scrollIntoViewIfNeeded();
  await both(page, 'sharing-public');
  await signOut(page);

  // A second organization signs up and keeps its own shea butter (a plural, another case).
  await page.goto('/signup');
  await page.getByLabel('Organization name').fill(`Moonlight Candles ${stamp}`);
  await page.getByLabel('First name').fill('Mona');
  await page.getByLabel('Last name').fill('Buyer');
  await page.getByLabel('Email').fill(`buyer+${stamp}@example.com`);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('radio', { name: /^Team/ }).check();
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const mine = await mutate<{ id: string }>(page, 'inventory.create', { name: `SHEA BUTTERS ${stamp}`, unit: 'gram' });

  await page.goto('/recipes');
  await page.getByRole('link', { name: 'Recipe library' }).click();
  await expect(page.getByRole('heading', { name: 'Recipe library' })).toBeVisible();
  await page.locator('#lib-search').fill(stamp);
  await expect(page.getByTestId('library-table').getByRole('link', { name: recipeName })).toBeVisible();
  await both(page, 'sharing-library');

  await page.getByTestId('library-table').getByRole('link', { name: recipeName }).click();
  await expect(page.getByRole('heading', { name: recipeName })).toBeVisible();
  const rows = page.getByTestId('library-line');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(`Shea butter ${stamp}`);
  await expect(rows.nth(0)).toContainText('50%');
  await expect(rows.nth(1)).toContainText('40%');
  await expect(rows.nth(2)).toContainText('10%');
  await expect(page.getByText('percentage of the batch (500 gram)')).toBeVisible();
  // No money anywhere on the page.
  await expect(page.locator('main')).not.toContainText('$');
  await both(page, 'sharing-library-recipe');

  await page.getByRole('button', { name: 'Clone into my recipes' }).click();
  const result = page.getByTestId('clone-result');
  await expect(result).toContainText(`Shea butter ${stamp}: matched by name (SHEA BUTTERS ${stamp})`);
  await expect(result).toContainText(`Sweet almond oil ${stamp}: created`);
  await expect(result).toContainText(`Beeswax ${stamp}: created`);
  await both(page, 'sharing-cloned');

  await page.getByRole('button', { name: 'Open the clone' }).click();
  await expect(page.getByRole('heading', { name: recipeName })).toBeVisible();
  await expect(page.getByTestId('recipe-lines')).toContainText(`SHEA BUTTERS ${stamp}`);
  await expect(page.getByTestId('sharing-state')).toContainText('Cloned from the recipe library');
  await expect(page.getByRole('button', { name: 'Share in the recipe library' })).toHaveCount(0);
  expect(mine.id).toBeTruthy();
  await both(page, 'sharing-clone-recipe');
});
