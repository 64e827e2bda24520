import { describe, expect, it } from 'vitest';
import { billingStanding, isBillingExemptPath } from '../../src/lib/server/auth/billing-standing.ts';
import { toResolvedPrice } from '../../src/lib/server/integrations/stripe.ts';
import { mapSubscriptionStatus } from '../../src/lib/server/domain/billing/subscription-state.ts';
import { recipesToKeep } from '../../src/lib/server/domain/billing/recipe-limit.ts';
import { centsToDecimal, formatPrice } from '../../src/lib/shared/price.ts';

const org = (billingStatus: string, over: Partial<Parameters<typeof billingStanding>[0]> = {}) => ({
  isActive: true,
  billingStatus,
  billingProvider: 'stripe',
  tierBillingProvider: 'stripe',
  ...over,
});

describe('the billing access policy (docs/rules/billing.md, Billing standing)', () => {
  it.each([
    ['active', 'ok'],
    ['past_due', 'require_upgrade'],
    ['payment_failed', 'require_upgrade'],
    ['canceled', 'hard_lock'],
    ['cancelled', 'hard_lock'],
    ['suspended', 'hard_lock'],
    ['something_new', 'ok'],
  ])('a paid tier with billing status %s is %s', (status, standing) => {
    expect(billingStanding(org(status))).toBe(standing);
  });
  it('exempt tiers and exempt organizations skip payment checks; only deactivation locks them', () => {
    for (const status of ['past_due', 'payment_failed', 'canceled', 'suspended']) {
      expect(billingStanding(org(status, { tierBillingProvider: 'exempt' }))).toBe('ok');
      expect(billingStanding(org(status, { billingProvider: 'exempt' }))).toBe('ok');
    }
    expect(billingStanding(org('active', { tierBillingProvider: 'exempt', isActive: false }))).toBe('hard_lock');
  });
  it('an inactive organization is locked whatever its status', () => {
    expect(billingStanding(org('active', { isActive: false }))).toBe('hard_lock');
  });
  it('only the billing pages stay open while billing must be settled', () => {
    expect(isBillingExemptPath('/billing')).toBe(true);
    expect(isBillingExemptPath('/billing/upgrade')).toBe(true);
    expect(isBillingExemptPath('/billingx')).toBe(false);
    expect(isBillingExemptPath('/dashboard')).toBe(false);
  });
});

describe('Stripe status mapping', () => {
  it('maps active/trialing to active, past_due/unpaid to past_due, canceled to canceled and inactive', () => {
    expect(mapSubscriptionStatus('active')).toEqual({ billingStatus: 'active', isActive: true });
    expect(mapSubscriptionStatus('trialing')).toEqual({ billingStatus: 'active', isActive: true });
    expect(mapSubscriptionStatus('past_due')).toEqual({ billingStatus: 'past_due' });
    expect(mapSubscriptionStatus('unpaid')).toEqual({ billingStatus: 'past_due' });
    expect(mapSubscriptionStatus('canceled')).toEqual({ billingStatus: 'canceled', isActive: false });
    expect(mapSubscriptionStatus('incomplete')).toBeNull();
  });
});

describe('prices', () => {
  const price = (recurring: { interval: string; interval_count: number } | null, unit_amount = 1900) =>
    ({
      id: 'price_1',
      lookup_key: 'k',
      currency: 'usd',
      unit_amount,
      unit_amount_decimal: String(unit_amount),
      recurring,
    }) as never;
  it('counts a 12-month interval as yearly, keeps exact cents and upper-cases the currency', () => {
    expect(toResolvedPrice(price({ interval: 'month', interval_count: 12 }))).toEqual({
      id: 'price_1',
      lookupKey: 'k',
      unitAmountCents: 1900,
      currency: 'USD',
      interval: 'year',
    });
    expect(toResolvedPrice(price({ interval: 'month', interval_count: 1 })).interval).toBe('month');
    expect(toResolvedPrice(price({ interval: 'year', interval_count: 1 })).interval).toBe('year');
    expect(toResolvedPrice(price(null)).interval).toBe('one_time');
  });
  it('shows cents exactly', () => {
    expect(centsToDecimal(1900)).toBe('19.00');
    expect(centsToDecimal(19999)).toBe('199.99');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(formatPrice({ cents: 1900, currency: 'USD', interval: 'month' })).toBe('$19.00 / month');
    expect(formatPrice({ cents: 0, currency: 'USD', interval: 'month' })).toBe('Free');
  });
  it('asks for a recipe choice only when the target tier holds fewer recipes than are active', () => {
    expect(recipesToKeep(12, 10)).toBe(10);
    expect(recipesToKeep(10, 10)).toBeNull();
    expect(recipesToKeep(12, -1)).toBeNull();
    expect(recipesToKeep(3, 0)).toBe(0);
  });
});
