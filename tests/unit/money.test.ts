// The one money formatter (docs/rules/money-display.md): 2 decimals, or 4 below one cent; unit costs with
// the decimals they need up to 6; in the organization's currency, USD by default.
import { describe, expect, it } from 'vitest';
import { formatMoney, formatUnitCost, isCurrencyCode } from '../../src/lib/shared/money.ts';

describe('formatMoney', () => {
  it('shows 2 decimals in USD by default', () => {
    expect(formatMoney('22.6')).toBe('$22.60');
    expect(formatMoney('43.949')).toBe('$43.95');
    expect(formatMoney(12.8889)).toBe('$12.89');
    expect(formatMoney('1234.5')).toBe('$1,234.50');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney('-5.5')).toBe('-$5.50');
  });
  it('shows 4 decimals below one cent', () => {
    expect(formatMoney('0.0042')).toBe('$0.0042');
    expect(formatMoney('0.006283174472')).toBe('$0.0063');
    expect(formatMoney('-0.005')).toBe('-$0.0050');
    expect(formatMoney('0.01')).toBe('$0.01');
  });
  it("uses the organization's currency", () => {
    expect(formatMoney('1234.5', 'EUR')).toBe('€1,234.50');
    expect(formatMoney('10', 'GBP')).toBe('£10.00');
    expect(formatMoney('10', 'CAD')).toBe('CA$10.00');
    expect(formatMoney('10', 'chf')).toBe('CHF\u00a010.00');
  });
  it('falls back to USD for a missing or unknown code, and a dash for no amount', () => {
    expect(formatMoney('3', null)).toBe('$3.00');
    expect(formatMoney('3', 'NOPE')).toBe('$3.00');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('')).toBe('—');
  });
  it('takes a Decimal-like value', () => {
    expect(formatMoney({ toString: () => '7.125' })).toBe('$7.13');
  });
});

describe('formatUnitCost', () => {
  it('shows as many decimals as needed, from 2 up to 6', () => {
    expect(formatUnitCost('22.6')).toBe('$22.60');
    expect(formatUnitCost('2.3131')).toBe('$2.3131');
    expect(formatUnitCost('43.949')).toBe('$43.949');
    expect(formatUnitCost('12.888888889')).toBe('$12.888889');
    expect(formatUnitCost('0.006283174472')).toBe('$0.006283');
    expect(formatUnitCost('0.0000001')).toBe('$0.00');
    expect(formatUnitCost('2.5', 'EUR')).toBe('€2.50');
    expect(formatUnitCost(null)).toBe('—');
  });
});

describe('isCurrencyCode', () => {
  it('accepts ISO 4217 codes, any case, and refuses the rest', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(true);
    expect(isCurrencyCode('JPY')).toBe(true);
    expect(isCurrencyCode('US')).toBe(false);
    expect(isCurrencyCode('USDX')).toBe(false);
    expect(isCurrencyCode('QQQ')).toBe(false);
    expect(isCurrencyCode('$')).toBe(false);
  });
});
