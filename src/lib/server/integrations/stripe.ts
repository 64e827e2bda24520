// THE STRIPE CLIENT: the only place the Stripe SDK is constructed (docs/rules/billing.md, Stripe behind one
// interface). Configured by STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and, for tests, STRIPE_API_BASE (the
// SDK's host, port and protocol pointed at a local stand-in that speaks Stripe's HTTP API). Without a
// secret key billing is off and `stripeGateway()` returns null; callers say so plainly.
import Stripe from 'stripe';

export type StripeConfig = { secretKey: string; webhookSecret: string | null; apiBase: string | null };

export function stripeConfig(env: Record<string, string | undefined> = process.env): StripeConfig | null {
  const secretKey = env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey) return null;
  return {
    secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || null,
    apiBase: env.STRIPE_API_BASE?.trim() || null,
  };
}

/** A Stripe price, as the app uses it: exact cents and a normalised interval. */
export type ResolvedPrice = {
  id: string;
  lookupKey: string | null;
  unitAmountCents: number;
  currency: string;
  interval: 'month' | 'year' | 'one_time';
};

const PRICE_CACHE_MS = 10 * 60 * 1000;

export type StripeGateway = {
  sdk: Stripe;
  webhookSecret: string | null;
  /** The price for a lookup key, else the key taken as a price id; cached 10 minutes, misses included. */
  resolvePrice(lookupKey: string, now?: Date): Promise<ResolvedPrice | null>;
  /** Drops the cached entry, so "Sync prices" reads the live price. */
  forgetPrice(lookupKey: string): void;
};

/** Converts a Stripe price into exact cents and month/year/one_time (a 12-month interval counts as yearly). */
export function toResolvedPrice(p: Stripe.Price): ResolvedPrice {
  const rec = p.recurring;
  let interval: ResolvedPrice['interval'] = 'one_time';
  if (rec) {
    const months =
      rec.interval === 'year' ? 12 * rec.interval_count : rec.interval === 'month' ? rec.interval_count : 0;
    interval = months > 0 && months % 12 === 0 ? 'year' : 'month';
  }
  let cents = p.unit_amount;
  if (cents === null && p.unit_amount_decimal) cents = Math.round(Number(p.unit_amount_decimal));
  return {
    id: p.id,
    lookupKey: p.lookup_key,
    unitAmountCents: cents ?? 0,
    currency: p.currency.toUpperCase(),
    interval,
  };
}

function sdkOptions(apiBase: string | null): Stripe.StripeConfig {
  const opts: Stripe.StripeConfig = { maxNetworkRetries: 1, timeout: 10_000, telemetry: false };
  if (apiBase) {
    const u = new URL(apiBase);
    opts.host = u.hostname;
    opts.port = u.port || (u.protocol === 'http:' ? 80 : 443);
    opts.protocol = u.protocol === 'http:' ? 'http' : 'https';
  }
  return opts;
}

export function createStripeGateway(config: StripeConfig): StripeGateway {
  const sdk = new Stripe(config.secretKey, sdkOptions(config.apiBase));
  const cache = new Map<string, { at: number; price: ResolvedPrice | null }>();
  return {
    sdk,
    webhookSecret: config.webhookSecret,
    async resolvePrice(lookupKey, now = new Date()) {
      const hit = cache.get(lookupKey);
      if (hit && now.getTime() - hit.at < PRICE_CACHE_MS) return hit.price;
      let price: ResolvedPrice | null = null;
      const listed = await sdk.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
      if (listed.data[0]) price = toResolvedPrice(listed.data[0]);
      else if (lookupKey.startsWith('price_')) {
        try {
          price = toResolvedPrice(await sdk.prices.retrieve(lookupKey));
        } catch (e) {
          if (!(e instanceof Stripe.errors.StripeInvalidRequestError)) throw e;
        }
      }
      cache.set(lookupKey, { at: now.getTime(), price });
      return price;
    },
    forgetPrice(lookupKey) {
      cache.delete(lookupKey);
    },
  };
}

let shared: { key: string; gateway: StripeGateway } | undefined;

/** The process's gateway for the environment's configuration, or null when billing is off. */
export function stripeGateway(env: Record<string, string | undefined> = process.env): StripeGateway | null {
  const config = stripeConfig(env);
  if (!config) return null;
  const key = JSON.stringify(config);
  if (shared?.key !== key) shared = { key, gateway: createStripeGateway(config) };
  return shared.gateway;
}

/** Stripe could not be reached or answered with a server error (as opposed to refusing the request). */
export function isStripeUnavailable(e: unknown): boolean {
  return (
    e instanceof Stripe.errors.StripeConnectionError ||
    e instanceof Stripe.errors.StripeAPIError ||
    e instanceof Stripe.errors.StripeRateLimitError ||
    (e instanceof Stripe.errors.StripeError && (e.statusCode ?? 0) >= 500)
  );
}

export { Stripe };
