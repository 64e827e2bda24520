import { test, expect } from './fixtures.ts';
import { shot, signIn } from './helpers.ts';

test('developer browses organizations, views as one, and runs a stats rollup to completion', async ({ page }) => {
  await signIn(page, 'developer');
  await expect(page).toHaveURL(/\/dev$/);
  await expect(page.getByRole('heading', { name: 'Platform overview' })).toBeVisible();
  await expect(page.getByText('Organizations', { exact: true }).first()).toBeVisible();
  await shot(page, 'dev-overview');

  await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Organizations' }).click();
  await expect(page.getByRole('heading', { name: 'Organizations' })).toBeVisible();
  await page.getByLabel('Search').fill('Demo Soap');
  const orgLink = page.getByRole('link', { name: 'Demo Soap Co.' });
  await expect(orgLink).toBeVisible();
  await shot(page, 'dev-organizations');
  await orgLink.click();

  await expect(page.getByRole('heading', { name: 'Demo Soap Co.' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'owner@demo.batchtrack.local' })).toBeVisible();
  const orgUrl = page.url();

  // View as the organization: customer dashboard with a banner, then exit back to the console.
  await page.getByRole('button', { name: 'View as this organization' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const banner = page.getByRole('status').filter({ hasText: 'Viewing as' });
  await expect(banner).toContainText('Viewing as Demo Soap Co.');
  await expect(page.getByTestId('org-name')).toContainText('Demo Soap Co.');
  await banner.getByRole('button', { name: 'Exit' }).click();
  await expect(page).toHaveURL(/\/dev$/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/dev$/);

  // Rollup for this organization from its detail page: the job row reaches "completed".
  await page.goto(orgUrl);
  await page.getByRole('button', { name: 'Run stats rollup' }).click();
  await expect(page.getByRole('status').filter({ hasText: /rollup/i })).toBeVisible();
  // The table polls every second while a job is created/active: watch the job finish. (When an
  // identical rollup was already queued the server returns no id; then that queued one is watched.)
  const orgJobs = page.getByTestId('jobs-table');
  if (await page.getByTestId('queued-job-id').count()) {
    const orgJobId = (await page.getByTestId('queued-job-id').textContent())!.trim();
    const orgJob = orgJobs.locator(`tr[data-job-id="${orgJobId}"]`);
    await expect(orgJob).toBeVisible();
    await expect(orgJob.getByTestId('job-state')).toHaveText('completed', { timeout: 30_000 });
  }
  await expect(
    orgJobs.locator('tr[data-state="created"], tr[data-state="active"], tr[data-state="retry"]'),
  ).toHaveCount(0, { timeout: 30_000 });
  await expect(orgJobs.locator('tbody tr').first().getByTestId('job-state')).toHaveText('completed');
  await expect(page.getByTestId('stats-computed-at')).toBeVisible({ timeout: 15_000 });
  await shot(page, 'dev-org-detail');

  // Rollup for all organizations from the job console.
  await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { name: 'Jobs', exact: true })).toBeVisible();
  await expect(page.getByTestId('queues-table')).toContainText('stats.rollup');
  await page.getByRole('button', { name: 'Run stats rollup for all organizations' }).click();
  await expect(page.getByRole('status').filter({ hasText: /all organizations/ })).toBeVisible();
  const allJobId = (await page.getByTestId('queued-job-id').textContent())!.trim();
  const allJob = page.getByTestId('jobs-table').locator(`tr[data-job-id="${allJobId}"]`);
  await expect(allJob).toContainText('*');
  await expect(allJob.getByTestId('job-state')).toHaveText('completed', { timeout: 30_000 });
  await expect(allJob).toContainText(/organizations? updated/);
  await expect(page.getByText('Auto-refreshing while jobs run…')).toHaveCount(0);
  await shot(page, 'dev-jobs');
});

test('a customer is refused the developer console', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(page).toHaveURL(/\/dashboard$/);
  const res = await page.goto('/dev');
  expect(res?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('developer console');
});
