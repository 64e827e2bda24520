// The billing e2e setup, shared by playwright.config.ts and the billing spec: a second app server with
// billing on (STRIPE_* pointed at the local Stripe stand-in), the stand-in itself, and the worker that
// processes both servers' jobs. The main app server keeps billing off, as the other specs expect.
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BILLING_PORT = Number(process.env.E2E_BILLING_PORT ?? PORT + 1);
export const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 12111);
export const BILLING_URL = `http://127.0.0.1:${BILLING_PORT}`;
export const STRIPE_URL = `http://127.0.0.1:${STRIPE_PORT}`;
export const STRIPE_ENV = {
  STRIPE_SECRET_KEY: 'sk_test_e2e_batchtrack',
  STRIPE_WEBHOOK_SECRET: 'whsec_e2e_batchtrack',
  STRIPE_API_BASE: STRIPE_URL,
};
