import { test, expect } from './fixtures.ts';
import { shot, signIn } from './helpers.ts';

test('owner invites a viewer; the teammate accepts through the link and sees a read-only team page', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const email = `viewer+${stamp}@example.com`;
  const username = `viewer_${stamp}`;

  await signIn(page, 'owner');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { name: 'Team', exact: true })).toBeVisible();

  const invite = page.getByRole('region', { name: 'Invite teammate' });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Role').selectOption({ label: 'viewer' });
  await invite.getByRole('button', { name: 'Send invite' }).click();
  const linkInput = page.getByLabel('Invite link');
  await expect(linkInput).toBeVisible();
  const link = await linkInput.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9]+/);
  await expect(page.getByRole('region', { name: 'Pending invites' })).toContainText(email);
  // Owner sees row actions.
  await expect(page.getByRole('button', { name: 'Deactivate' }).first()).toBeVisible();
  await shot(page, 'team');

  await page.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { name: 'Roles' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /^viewer/ })).toBeVisible();
  await shot(page, 'roles');

  // The teammate, in a fresh browser context (no cookies), follows the link.
  const context = await browser.newContext();
  const mate = await context.newPage();
  await mate.goto(new URL(link).pathname);
  await expect(mate.getByText('Demo Soap Co.')).toBeVisible();
  await expect(mate.getByText('viewer', { exact: true })).toBeVisible();
  await mate.getByLabel('First name').fill('Vera');
  await mate.getByLabel('Last name').fill('Viewer');
  await mate.getByLabel('Username').fill(username);
  await mate.getByLabel('Password').fill('viewer-password-1');
  await mate.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(mate).toHaveURL(/\/dashboard$/);
  await expect(mate.getByRole('heading', { name: 'Welcome, Vera Viewer' })).toBeVisible();

  // Read-only team page: no invite form, no row actions.
  await mate.getByRole('link', { name: 'Team' }).click();
  await expect(mate.getByRole('heading', { name: 'Team', exact: true })).toBeVisible();
  await expect(mate.getByTestId('read-only')).toBeVisible();
  await expect(mate.getByRole('cell', { name: `Vera Viewer @${username}` })).toBeVisible();
  await expect(mate.getByRole('region', { name: 'Invite teammate' })).toHaveCount(0);
  await expect(mate.getByRole('button', { name: 'Send invite' })).toHaveCount(0);
  for (const action of ['Deactivate', 'Activate', 'Delete', 'Restore', 'Make owner', 'Revoke']) {
    await expect(mate.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  }
  await expect(mate.getByRole('columnheader', { name: 'Actions' })).toHaveCount(0);

  // An admin action is refused with a clear message.
  await mate.goto('/roles/new');
  const alert = mate.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('You do not have permission organization.manage_roles');
  await context.close();
});
