import { test, expect } from './fixtures.ts';
import { DEMO_PASSWORD } from './helpers.ts';

// The web edge of the built app (docs/rules/web.md): security headers and the page CSP, no-store on the API
// and CSV files, tRPC mutations refused without the app's Origin, and a CSV preview above adapter-node's
// default 512 KiB body limit accepted (BODY_SIZE_LIMIT comes from the import's own limit).

const signInBody = JSON.stringify({ json: { identifier: 'owner', password: DEMO_PASSWORD } });

test('pages carry the security headers and a nonce CSP, and still run', async ({ page, baseURL }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto('/login');
  const h = res!.headers();
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(h['strict-transport-security']).toBeUndefined(); // served over http here
  // Hydrated under the CSP: the enhanced sign-in form works and the dashboard renders.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Email or username').fill('owner');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${baseURL}/dashboard`);
  expect(violations).toEqual([]);
});

test('tRPC mutations need the app Origin; the API and CSV files are not cached', async ({ request, baseURL }) => {
  const noOrigin = await request.post('/api/trpc/auth.signIn', {
    headers: { 'content-type': 'application/json' },
    data: signInBody,
  });
  expect(noOrigin.status()).toBe(403);
  const foreign = await request.post('/api/trpc/auth.signIn', {
    headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    data: signInBody,
  });
  expect(foreign.status()).toBe(403);
  const signedIn = await request.post('/api/trpc/auth.signIn', {
    headers: { 'content-type': 'application/json', origin: baseURL! },
    data: signInBody,
  });
  expect(signedIn.status()).toBe(200);
  expect(signedIn.headers()['cache-control']).toBe('no-store');
  expect(signedIn.headers()['content-security-policy']).toContain("default-src 'none'");

  const me = await request.get('/api/trpc/me.get');
  expect([me.status(), me.headers()['cache-control']]).toEqual([200, 'no-store']);
  const csv = await request.get('/inventory/export/items.csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['cache-control']).toBe('no-store');
  expect(csv.headers()['x-content-type-options']).toBe('nosniff');
});

test('a 600 kB CSV preview fits the body limit', async ({ request, baseURL }) => {
  const headers = { 'content-type': 'application/json', origin: baseURL! };
  expect((await request.post('/api/trpc/auth.signIn', { headers, data: signInBody })).status()).toBe(200);
  const rows = Array.from({ length: 9_000 }, (_, i) => `Hardening item ${i} ${'with a long name '.repeat(3)},1,0.5`);
  const csv = `name,opening_quantity,cost_per_unit\n${rows.join('\n')}\n`;
  expect(csv.length).toBeGreaterThan(600_000);
  const res = await request.post('/api/trpc/inventory.importPreview', {
    headers,
    data: JSON.stringify({ json: { csv } }),
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.result.data.json).toMatchObject({ validCount: 9000, errors: [] });
});
