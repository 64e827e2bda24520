import { describe, expect, it } from 'vitest';
import {
  bulkLabelFor,
  containerLabel,
  DEFAULT_SKU_TEMPLATE,
  formatSize,
  portionLabel,
  portionNameFromLabel,
  renderSkuName,
  skuCode,
  stockStatus,
} from '../../src/lib/server/domain/products/rules.ts';
import { Prisma } from '../../src/lib/server/db/client.ts';

const SOAPS = '{variant} {product} ({portion_size_value} {portion_size_unit} {portion_name})';
const CANDLES = '{variant} {product} ({container})';

describe('renderSkuName', () => {
  it('fills placeholders', () => {
    expect(
      renderSkuName(SOAPS, {
        product: 'Lavender Soap',
        variant: 'Base',
        portion_size_value: '1000',
        portion_size_unit: 'gram',
        portion_name: 'Bar',
      }),
    ).toBe('Base Lavender Soap (1000 gram Bar)');
    expect(renderSkuName(CANDLES, { product: 'Vanilla Candle', variant: 'Tall', container: '8 oz Amber Jar' })).toBe(
      'Tall Vanilla Candle (8 oz Amber Jar)',
    );
  });
  it('renders missing values empty and removes an empty "()"', () => {
    expect(renderSkuName(CANDLES, { product: 'Vanilla Candle', variant: 'Base' })).toBe('Base Vanilla Candle');
    expect(renderSkuName(SOAPS, { product: 'Soap', variant: 'Base' })).toBe('Base Soap');
    expect(renderSkuName('{variant}  {product} (( )) [x]', { product: 'P' })).toBe('P [x]');
  });
  it('trims spaces left inside parentheses', () => {
    expect(
      renderSkuName(SOAPS, { product: 'Soap', variant: 'Base', portion_size_value: 100, portion_size_unit: 'gram' }),
    ).toBe('Base Soap (100 gram)');
  });
  it('falls back to the default template', () => {
    expect(DEFAULT_SKU_TEMPLATE).toBe('{variant} {product} ({size_label})');
    expect(renderSkuName(null, { product: 'Balm', variant: 'Base', size_label: 'Bulk Weight' })).toBe(
      'Base Balm (Bulk Weight)',
    );
    expect(renderSkuName('  ', { product: 'Balm', variant: 'Base' })).toBe('Base Balm');
  });
  it('formats decimal values and keeps unknown placeholders as written', () => {
    expect(
      renderSkuName('{product} {yield_value} {yield_unit} {oops}', {
        product: 'X',
        yield_value: new Prisma.Decimal('2.500'),
        yield_unit: 'lb',
      }),
    ).toBe('X 2.5 lb {oops}');
  });
});

describe('size labels', () => {
  it('names bulk SKUs by unit type', () => {
    expect(['weight', 'volume', 'length', 'area', 'count', 'time'].map(bulkLabelFor)).toEqual([
      'Bulk Weight',
      'Bulk Volume',
      'Bulk Length',
      'Bulk Area',
      'Bulk Count',
      'Bulk Time',
    ]);
    expect(bulkLabelFor('unknown')).toBe('Bulk');
  });
  it('formats sizes without trailing zeros, 2 decimals at most', () => {
    expect(['1000', '1000.000000', '2.50', '0.125', '0.1', '3.333'].map(formatSize)).toEqual([
      '1000',
      '1000',
      '2.5',
      '0.13',
      '0.1',
      '3.33',
    ]);
  });
  it('labels portions "1000 gram Bar"', () => {
    expect(portionLabel('1000.000000', 'gram', 'Bar')).toBe('1000 gram Bar');
    expect(portionLabel(new Prisma.Decimal('4.25'), 'oz', '  Bar ')).toBe('4.25 oz Bar');
    expect(portionLabel(100, 'gram', null)).toBe('100 gram');
    expect(portionNameFromLabel('1000 gram Bar', '1000', 'gram')).toBe('Bar');
  });
  it('labels containers by capacity and name without repeating the capacity', () => {
    expect(containerLabel('8', 'oz', 'Amber Glass Jar - 8 oz')).toBe('8 oz Amber Glass Jar');
    expect(containerLabel('8.00', 'oz', 'Tin')).toBe('8 oz Tin');
    expect(containerLabel(null, null, 'Gift Box')).toBe('Gift Box');
  });
});

describe('skuCode', () => {
  it('joins 3-letter slugs and 6 random base-36 characters, uppercased', () => {
    let i = 0;
    const code = skuCode('Lavender Soap', 'Base', '1000 gram Bar', () => i++ % 36);
    expect(code).toBe('LAV-BAS-100-012345');
    expect(skuCode('Lavender Soap', 'Base', 'Bulk Weight')).toMatch(/^LAV-BAS-BUL-[0-9A-Z]{6}$/);
  });
  it('is random enough that two calls differ', () => {
    const codes = new Set(Array.from({ length: 50 }, () => skuCode('a', 'b', 'c')));
    expect(codes.size).toBe(50);
  });
});

describe('stockStatus', () => {
  const D = (v: string) => new Prisma.Decimal(v);
  it('is Out of Stock at 0, Low Stock at or under the threshold, else In Stock', () => {
    expect(stockStatus(D('0'), D('10'))).toBe('Out of Stock');
    expect(stockStatus(D('10'), D('10'))).toBe('Low Stock');
    expect(stockStatus(D('10.5'), D('10'))).toBe('In Stock');
    expect(stockStatus(D('1'), D('0'))).toBe('In Stock');
  });
});
