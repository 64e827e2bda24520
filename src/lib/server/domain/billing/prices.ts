// Tier and add-on prices for display (docs/rules/billing.md, Prices): with billing on, the live Stripe price
// by lookup key (cached 10 minutes by the gateway); otherwise the price last synced onto the tier, if any.
import type { StripeGateway } from '../../integrations/stripe.ts';

export type Price = { cents: number; currency: string; interval: 'month' | 'year' | 'one_time' };

type Priced = {
  stripeLookupKey: string | null;
  priceCents?: number | null;
  priceCurrency?: string | null;
  priceInterval?: string | null;
};

function storedPrice(t: Priced): Price | null {
  if (t.priceCents == null || !t.priceCurrency) return null;
  return {
    cents: t.priceCents,
    currency: t.priceCurrency,
    interval: (t.priceInterval as Price['interval']) ?? 'month',
  };
}

/** The price to show, or null when there is none (free tier, unknown key, Stripe unreachable). */
export async function displayPrice(stripe: StripeGateway | null, item: Priced, now: Date): Promise<Price | null> {
  if (!item.stripeLookupKey) return null;
  if (!stripe) return storedPrice(item);
  try {
    const p = await stripe.resolvePrice(item.stripeLookupKey, now);
    return p ? { cents: p.unitAmountCents, currency: p.currency, interval: p.interval } : null;
  } catch {
    return storedPrice(item);
  }
}
