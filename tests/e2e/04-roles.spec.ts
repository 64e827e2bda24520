import { test, expect } from './fixtures.ts';
import { signIn } from './helpers.ts';

test('the start page sends a signed-out visitor to sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the owner creates a role with permissions from the catalogue', async ({ page }) => {
  const name = `Packer ${Date.now()}`;
  await signIn(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto('/roles/new');
  await expect(page.getByRole('heading', { name: 'New role' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'inventory' })).toBeVisible();

  // Validation from the server is shown per field.
  await page.getByLabel('Role name').fill(name);
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByText('Pick at least one permission', { exact: true })).toBeVisible();

  await page.getByRole('checkbox', { name: 'inventory.view', exact: true }).check();
  await page.getByRole('checkbox', { name: 'products.view', exact: true }).check();
  await page.getByLabel('Description').fill('Packs orders');
  await page.getByRole('button', { name: 'Create role' }).click();
  await expect(page).toHaveURL(/\/roles$/);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('inventory.view');
  await expect(row).toContainText('products.view');
});
