import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'batchtrack-demo';

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email or username').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /▾/ }).click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `reports/screenshots/${name}.png`, fullPage: true });
}
