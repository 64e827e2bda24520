import { test, expect } from './fixtures.ts';
import { shot, signIn, signOut } from './helpers.ts';

test('sign up a new organization on the Team tier, sign out, sign in again', async ({ page }) => {
  const stamp = Date.now();
  const email = `founder+${stamp}@example.com`;
  const password = 'correct-horse-battery';

  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Create your organization' })).toBeVisible();
  // Free Tools is the default plan.
  await expect(page.getByRole('radio', { name: /Free Tools/ })).toBeChecked();

  await page.getByLabel('Organization name').fill(`Lather Works ${stamp}`);
  await page.getByLabel('First name').fill('Fran');
  await page.getByLabel('Last name').fill('Founder');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('radio', { name: /^Team/ }).check();
  await shot(page, 'signup');
  await page.getByRole('button', { name: 'Create organization' }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Fran Founder' })).toBeVisible();
  await expect(page.getByTestId('org-name')).toContainText(`Lather Works ${stamp}`);
  await expect(page.getByTestId('org-name')).toContainText('Team');

  await signOut(page);
  // Signed out: the app redirects to the login page.
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Fran Founder' })).toBeVisible();
  await shot(page, 'dashboard');
});

test('a wrong password shows the server message', async ({ page }) => {
  await signIn(page, 'warehouse', 'not-the-password');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
});

test('an empty sign-up flags every field that needs fixing, not only the first', async ({ page }) => {
  await page.goto('/signup');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Create organization' }).click();
  for (const message of [
    'Organization name must be at least 2 characters',
    'Enter a valid email address',
    'Password must be at least 8 characters',
  ])
    await expect(page.getByText(message)).toBeVisible();
  await expect(page.getByText('Required')).toHaveCount(2); // first and last name
  await expect(page).toHaveURL(/\/signup$/);
});

test('a form that submits through the script cannot be sent before the script runs', async ({ browser }) => {
  // Without the script the sign-up form would post natively to a page with no form actions (a 405);
  // its button stays disabled until the page is interactive. Sign-in works either way (a form action).
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/signup');
  await expect(page.getByRole('button', { name: 'Create organization' })).toBeDisabled();
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await context.close();
});
