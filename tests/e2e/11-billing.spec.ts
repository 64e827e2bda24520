// Billing end to end: the app server with billing on, the local Stripe stand-in's hosted checkout, its
// signed webhooks processed by the real worker (tests/e2e/billing-env.ts).
import { test, expect } from './fixtures.ts';
import { type Page } from '@playwright/test';
import { BILLING_URL, STRIPE_URL } from './billing-env.ts';
import { shot } from './helpers.ts';

test.use({ baseURL: BILLING_URL });

const stamp = Date.now();
const email = `payer+${stamp}@example.com`;
const password = 'correct-horse-battery';
const INACTIVE = 'Your organization is currently inactive. Please contact support immediately.';

async function signIn(page: Page) {
  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email or username').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Stripe changes the subscription (a failed renewal, a cancellation) and sends the signed event. */
async function stripeSetsStatus(page: Page, status: string) {
  const res = await page.request.post(`${STRIPE_URL}/_test/subscription-status`, { form: { email, status } });
  expect(res.status()).toBe(200);
  expect((await res.json()).delivered).toBe(200);
}

/** Where the app sends the person who opens `path`, once the worker has applied the event. */
async function landsOn(page: Page, path: string, expected: string | RegExp) {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return new URL(page.url()).pathname + new URL(page.url()).search;
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toMatch(expected);
}

test.describe.serial('billing through the Stripe stand-in', () => {
  test('sign up on Solo, pay on the checkout page, come back signed in on Solo', async ({ page }) => {
    await page.goto('/signup');
    await expect(page.getByText(/Billing is off/)).toHaveCount(0);
    await page.getByLabel('Organization name').fill(`Paid Soaps ${stamp}`);
    await page.getByLabel('First name').fill('Pat');
    await page.getByLabel('Last name').fill('Payer');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    const solo = page.getByRole('radio', { name: /^Solo/ });
    await solo.check();
    await expect(page.locator('label.tier-option', { has: solo })).toContainText('$19.00 / month');
    await page.getByRole('button', { name: 'Continue to payment' }).click();

    await expect(page).toHaveURL(new RegExp(`^${STRIPE_URL}/pay/cs_test_`));
    await expect(page.getByRole('heading', { name: 'Pay BatchTrack' })).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await shot(page, 'billing-checkout');
    await page.getByRole('button', { name: /^Pay/ }).click();

    await expect(page).toHaveURL(`${BILLING_URL}/welcome`);
    await expect(page.getByText(`Paid Soaps ${stamp} is on the Solo plan`)).toBeVisible();
    await shot(page, 'billing-welcome');
    await page.goto('/billing');
    await expect(page.getByRole('heading', { name: 'Your plan: Solo' })).toBeVisible();
    await expect(page.getByText('$19.00 / month').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Payment method and invoices' })).toBeVisible();
    await shot(page, 'billing-page');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, 'billing-page-375');
  });

  test('past_due: every page sends the owner to /billing/upgrade, which stays open', async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/dashboard$/);
    await stripeSetsStatus(page, 'past_due');
    await landsOn(page, '/inventory', '/billing/upgrade');
    await expect(page.getByRole('heading', { name: 'Your payment needs attention' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update payment method' })).toBeVisible();
    await shot(page, 'billing-upgrade');
    for (const path of ['/recipes', '/dashboard', '/settings']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/billing\/upgrade$/);
    }
    await page.goto('/billing');
    await expect(page).toHaveURL(/\/billing$/);
    await expect(page.getByText('Your last payment did not go through.')).toBeVisible();
  });

  test('canceled: the open session ends on the next request and signing in is refused', async ({ page }) => {
    await signIn(page);
    await expect(page).toHaveURL(/\/billing\/upgrade$/);
    await stripeSetsStatus(page, 'canceled');
    await landsOn(page, '/billing', '/login?reason=inactive');
    await expect(page.getByText(INACTIVE)).toBeVisible();
    await signIn(page);
    await expect(page.getByRole('alert')).toContainText(INACTIVE);
    await expect(page).toHaveURL(/\/login/);
    await shot(page, 'billing-canceled');
  });
});
