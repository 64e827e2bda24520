import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { mutate, shot, signIn } from './helpers.ts';

// The platform console (issue 11): a developer creates an organization, moves it to Team, finds a user and
// resets the password, toggles a flag, and deletes a scratch organization after typing its name.
async function createOrganization(page: Page, name: string, username: string) {
  await page.goto('/dev/organizations');
  await page.getByRole('button', { name: 'New organization' }).click();
  const dialog = page.getByRole('dialog', { name: 'New organization' });
  await dialog.getByLabel('Organization name').fill(name);
  await dialog.getByLabel('Tier').selectOption('free');
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Email').fill(`${username}@console.test`);
  await dialog.getByLabel('First name').fill('Cora');
  await dialog.getByLabel('Last name').fill('Console');
  await dialog.getByLabel('Password').fill('console-pass-1');
  await dialog.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

test('a developer runs the platform from the console', async ({ page }) => {
  await signIn(page, 'developer');
  await expect(page).toHaveURL(/\/dev$/);
  const stamp = Date.now().toString(36);

  // Create an organization on Free, then move it to Team (a billing override).
  await createOrganization(page, `Console Candles ${stamp}`, `cora_${stamp}`);
  await expect(page.locator('.kpi').filter({ hasText: 'Plan' })).toContainText('Free Tools');
  await page.getByRole('button', { name: 'Change tier' }).click();
  const tierDialog = page.getByRole('dialog', { name: /Change the tier/ });
  await tierDialog.getByLabel('Tier', { exact: true }).selectOption('team');
  await tierDialog.getByLabel('Reason (for the audit log)').fill('Moved to Team in the e2e');
  await tierDialog.getByRole('button', { name: 'Change tier' }).click();
  await expect(tierDialog).toBeHidden();
  await expect(page.locator('.kpi').filter({ hasText: 'Plan' })).toContainText('Team');
  await expect(page.getByTestId('audit-log')).toContainText('organization.billing_override');
  await shot(page, 'dev-organization-console');
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, 'dev-organization-console-375');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Find the owner and reset the password to a temporary one.
  await page.getByRole('navigation', { name: 'Developer' }).getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Search').fill(`cora_${stamp}`);
  const row = page.getByTestId(`user-row-cora_${stamp}`);
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Reset password' }).click();
  const reset = page.getByRole('dialog', { name: /Reset the password/ });
  await reset.getByLabel('How').selectOption('temporary');
  await reset.getByLabel('Temporary password').fill('temporary-pass-9');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByRole('status')).toContainText('must change the temporary password');
  await expect(row).toContainText('temporary password');
  await shot(page, 'dev-users');

  // Toggle a flag off and back on.
  await page.goto('/dev/platform');
  const flag = page.getByTestId('flag-FEATURE_CSV_EXPORT');
  await flag.getByRole('button', { name: 'Switch off' }).click();
  await expect(flag).toContainText('off');
  await expect(page.getByRole('status')).toContainText('FEATURE_CSV_EXPORT is now off');
  await flag.getByRole('button', { name: 'Switch on' }).click();
  await expect(page.getByRole('status')).toContainText('FEATURE_CSV_EXPORT is now on');
  await shot(page, 'dev-platform');

  // Delete a scratch organization after typing its name.
  const scratch = `Scratch ${stamp}`;
  await mutate(page, 'dev.orgs.create', {
    name: scratch,
    tierKey: 'free',
    owner: {
      username: `scratch_${stamp}`,
      email: `scratch_${stamp}@console.test`,
      firstName: 'S',
      lastName: 'C',
      password: 'console-pass-1',
    },
  });
  await page.goto('/dev/organizations');
  await page.getByLabel('Search').fill(scratch);
  await page.getByRole('link', { name: scratch }).click();
  await page.getByRole('button', { name: 'Delete…' }).click();
  const del = page.getByRole('dialog', { name: `Delete ${scratch}` });
  const confirm = del.getByRole('button', { name: 'Delete organization' });
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Type the organization's name to confirm").fill(scratch);
  await confirm.click();
  await expect(page).toHaveURL(/\/dev\/organizations$/);
  await expect(page.getByTestId('deleted-notice')).toContainText(`${scratch} was deleted.`);
  await expect(page.getByRole('link', { name: 'Download its data archive' })).toBeVisible();
  await page.getByLabel('Search').fill(scratch);
  await expect(page.getByRole('link', { name: scratch })).toHaveCount(0);
});
