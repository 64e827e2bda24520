import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/lib/server/db/client.ts';
import { BASE_UNIT_BY_TYPE, STANDARD_UNITS } from '../../src/lib/server/domain/units/standard-units.ts';
import {
  convertUnits,
  costPerUnitIn,
  findUnit,
  roundMoney,
  roundQuantity,
  standardUnitDefs,
  type ConversionInput,
  type ConversionResult,
  type UnitCatalog,
  type UnitDef,
  type UnitMapping,
} from '../../src/lib/server/domain/units/rules.ts';

const D = (v: string | number) => new Prisma.Decimal(v);

const custom = (name: string, unitType: UnitDef['unitType'] = 'count'): UnitDef => ({
  name,
  symbol: name,
  unitType,
  factor: D(1),
  isCustom: true,
});
const map = (fromUnit: string, toUnit: string, factor: string): UnitMapping => ({
  fromUnit,
  toUnit,
  factor: D(factor),
});

const catalog = (extra: UnitDef[] = [], mappings: UnitMapping[] = []): UnitCatalog => ({
  units: [...standardUnitDefs(), ...extra],
  mappings,
});
const STD = catalog();

function value(r: ConversionResult): string {
  if (!r.ok) throw new Error(`expected success, got ${r.code}: ${r.message}`);
  return r.value.toFixed();
}
function conv(input: ConversionInput, cat: UnitCatalog = STD) {
  return convertUnits(cat, input);
}
function error(r: ConversionResult) {
  if (r.ok) throw new Error(`expected an error, got ${r.value.toFixed()} (${r.type})`);
  return r;
}

describe('standard unit seeds', () => {
  it('has the bases and the exact defined factors (docs/rules/units-exact.md)', () => {
    expect(BASE_UNIT_BY_TYPE).toEqual({
      weight: 'gram',
      volume: 'ml',
      length: 'cm',
      area: 'sqcm',
      count: 'count',
      time: 'second',
    });
    const f = (name: string) => STANDARD_UNITS.find((u) => u.name === name)!.factor;
    expect([
      f('oz'),
      f('lb'),
      f('ton'),
      f('floz'),
      f('gallon'),
      f('sqmile'),
      f('hectare'),
      f('dozen'),
      f('pair'),
      f('year'),
    ]).toEqual([
      '28.349523125',
      '453.59237',
      '907184.74',
      '29.5735295625',
      '3785.411784',
      '25899881103.36',
      '100000000',
      '12',
      '2',
      '31536000',
    ]);
    expect(STANDARD_UNITS.find((u) => u.name === 'floz')!.symbol).toBe('fl oz');
    for (const [type, base] of Object.entries(BASE_UNIT_BY_TYPE)) {
      const b = STANDARD_UNITS.find((u) => u.name === base)!;
      expect([b.unitType, b.factor]).toEqual([type, '1']);
    }
  });
  it('has unique names and symbols (milliliter shares "ml"), and every name finds itself', () => {
    const names = STANDARD_UNITS.map((u) => u.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    const symbols = STANDARD_UNITS.filter((u) => u.name !== 'milliliter').map((u) => u.symbol.toLowerCase());
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const u of STANDARD_UNITS) expect(findUnit(STD, u.name)!.name).toBe(u.name);
    expect(STANDARD_UNITS.filter((u) => u.unitType === 'count')).toHaveLength(18);
  });
});

describe('same type and direct conversions', () => {
  it('converts the seeded examples exactly', () => {
    expect(value(conv({ amount: 1, from: 'lb', to: 'g' }))).toBe('453.59237');
    expect(value(conv({ amount: 2, from: 'kg', to: 'g' }))).toBe('2000');
    expect(value(conv({ amount: 1, from: 'gallon', to: 'ml' }))).toBe('3785.411784');
    expect(value(conv({ amount: 1, from: 'dozen', to: 'count' }))).toBe('12');
    expect(value(conv({ amount: 1, from: 'hour', to: 'second' }))).toBe('3600');
    expect(value(conv({ amount: '1500', from: 'gram', to: 'kg' }))).toBe('1.5');
  });
  it('types a same-type conversion as same_type and the same unit as direct', () => {
    const r = conv({ amount: 1, from: 'lb', to: 'g' });
    expect(r.ok && [r.type, r.path, r.densityUsed]).toEqual(['same_type', ['lb', 'gram'], null]);
    const d = conv({ amount: '2.5', from: 'g', to: 'gram' });
    expect(d.ok && d.type).toBe('direct');
    expect(value(d)).toBe('2.5');
  });
  it('12 fl oz into 4 fl oz is exactly 3', () => {
    const r = conv({ amount: 12, from: 'fl oz', to: 'floz' });
    expect(value(r)).toBe('12');
    expect(value(conv({ amount: D(12).mul('29.5735295625'), from: 'ml', to: 'fl oz' }))).toBe('12');
    // "how many 4 fl oz portions in 12 fl oz": 12 fl oz → ml, then ÷ (4 fl oz → ml)
    const twelve = conv({ amount: 12, from: 'floz', to: 'ml' });
    const four = conv({ amount: 4, from: 'floz', to: 'ml' });
    expect(twelve.ok && four.ok && twelve.value.div(four.value).toFixed()).toBe('3');
  });
  it('zero converts to zero; amounts may be Decimal, string or number', () => {
    expect(value(conv({ amount: 0, from: 'kg', to: 'g' }))).toBe('0');
    expect(value(conv({ amount: D('0.25'), from: 'kg', to: 'g' }))).toBe('250');
    expect(value(conv({ amount: ' 3 ', from: 'pair', to: 'count' }))).toBe('6');
  });
});

describe('lookup by name or symbol', () => {
  it('finds "fl oz" (symbol) as floz, case-insensitively', () => {
    expect(findUnit(STD, 'fl oz')!.name).toBe('floz');
    expect(findUnit(STD, 'FL OZ')!.name).toBe('floz');
    expect(findUnit(STD, 'G')!.name).toBe('gram');
    expect(findUnit(STD, 'piece')!.name).toBe('Piece');
    expect(findUnit(STD, 'ml')!.name).toBe('ml');
    expect(findUnit(STD, 'nope')).toBeUndefined();
  });
  it('8 fl oz → 236.5882365 ml (one cup)', () => {
    expect(value(conv({ amount: 8, from: 'fl oz', to: 'ml' }))).toBe('236.5882365');
  });
});

describe('density (volume ↔ weight, g/ml)', () => {
  it('100 ml of oil at 0.92 g/ml is 92 g, and back', () => {
    const r = conv({ amount: 100, from: 'ml', to: 'g', density: '0.92' });
    expect(value(r)).toBe('92');
    expect(r.ok && [r.type, r.densityUsed!.toFixed()]).toEqual(['density', '0.92']);
    expect(value(conv({ amount: 92, from: 'g', to: 'ml', density: D('0.92') }))).toBe('100');
  });
  it('goes through base units for non-base units', () => {
    // 1 cup water (density 1) = 236.5882365 g = 0.2365882365 kg
    expect(value(conv({ amount: 1, from: 'cup', to: 'kg', density: '1' }))).toBe('0.2365882365');
    // 1 lb at 0.5 g/ml = 907.18474 ml = 0.90718474 liter
    expect(value(conv({ amount: 1, from: 'lb', to: 'liter', density: '0.5' }))).toBe('0.90718474');
  });
  it('missing, null, zero or negative density → MISSING_DENSITY', () => {
    const r = error(conv({ amount: 100, from: 'ml', to: 'g' }));
    expect(r.code).toBe('MISSING_DENSITY');
    expect(r.message).toBe('Converting ml to g needs a density (g/ml)');
    expect([r.fromType, r.toType]).toEqual(['volume', 'weight']);
    expect(error(conv({ amount: 100, from: 'ml', to: 'g', density: null })).code).toBe('MISSING_DENSITY');
    expect(error(conv({ amount: 100, from: 'ml', to: 'g', density: '0' })).code).toBe('MISSING_DENSITY');
    expect(error(conv({ amount: 100, from: 'g', to: 'ml', density: D(0) })).code).toBe('MISSING_DENSITY');
    expect(error(conv({ amount: 100, from: 'g', to: 'ml', density: '-1' })).code).toBe('MISSING_DENSITY');
  });
});

describe('cost per unit', () => {
  it('honey at $10.89/lb: 50 g costs 1.20', () => {
    const perGram = costPerUnitIn(STD, D('10.89'), 'lb', 'g');
    if (!perGram.ok) throw new Error(perGram.message);
    expect(perGram.value.equals(D('10.89').div('453.59237'))).toBe(true);
    const cost50 = perGram.value.mul(50);
    expect(cost50.toFixed(4)).toBe('1.2004');
    expect(roundMoney(cost50).toFixed(2)).toBe('1.20');
  });
  it('cost per kg from cost per g, and across density', () => {
    const r = costPerUnitIn(STD, D('0.01'), 'g', 'kg');
    expect(value(r)).toBe('10');
    // $0.02 per g of oil (0.92 g/ml) → per ml = 0.02 × 0.92
    expect(value(costPerUnitIn(STD, D('0.02'), 'g', 'ml', '0.92'))).toBe('0.0184');
    expect(error(costPerUnitIn(STD, D('0.02'), 'g', 'ml')).code).toBe('MISSING_DENSITY');
  });
});

describe('custom units and mappings', () => {
  const scoopCat = catalog([custom('scoop'), custom('bag')], [map('scoop', 'g', '30'), map('bag', 'scoop', '4')]);

  it('2 scoop → 60 g via one mapping (custom)', () => {
    const r = conv({ amount: 2, from: 'scoop', to: 'g' }, scoopCat);
    expect(value(r)).toBe('60');
    expect(r.ok && [r.type, r.path]).toEqual(['custom', ['scoop', 'gram']]);
  });
  it('2 scoop → 0.06 kg (mapping then a same-type step)', () => {
    const r = conv({ amount: 2, from: 'scoop', to: 'kg' }, scoopCat);
    expect(value(r)).toBe('0.06');
    expect(r.ok && [r.type, r.path]).toEqual(['custom', ['scoop', 'gram', 'kg']]);
  });
  it('90 g → 3 scoop exactly (inverse), and 0.06 kg → 2 scoop', () => {
    const r = conv({ amount: 90, from: 'g', to: 'scoop' }, scoopCat);
    expect(value(r)).toBe('3');
    expect(r.ok && r.type).toBe('custom');
    expect(value(conv({ amount: '0.06', from: 'kg', to: 'scoop' }, scoopCat))).toBe('2');
    expect(value(conv({ amount: 100, from: 'g', to: 'scoop' }, scoopCat))).toBe(D(10).div(3).toFixed());
  });
  it('multi-hop: 1 bag (= 4 scoop) → 120 g (custom_compound), and back', () => {
    const r = conv({ amount: 1, from: 'bag', to: 'g' }, scoopCat);
    expect(value(r)).toBe('120');
    expect(r.ok && [r.type, r.path]).toEqual(['custom_compound', ['bag', 'scoop', 'gram']]);
    expect(value(conv({ amount: 240, from: 'gram', to: 'bag' }, scoopCat))).toBe('2');
    expect(value(conv({ amount: 3, from: 'bag', to: 'oz' }, scoopCat))).toBe(D(360).div('28.349523125').toFixed());
  });
  it('mappings do not change standard conversions that merely share a unit', () => {
    const r = conv({ amount: 1, from: 'lb', to: 'g' }, scoopCat);
    expect(value(r)).toBe('453.59237');
    expect(r.ok && r.type).toBe('same_type');
    // a standard unit of the custom unit's type is not a way into the mapping
    expect(error(conv({ amount: 1, from: 'dozen', to: 'g' }, scoopCat)).code).toBe('UNSUPPORTED_CONVERSION');
  });
  it('a custom unit without a mapping → MISSING_CUSTOM_MAPPING', () => {
    const cat = catalog([custom('handful')]);
    const r = error(conv({ amount: 1, from: 'handful', to: 'g' }, cat));
    expect(r.code).toBe('MISSING_CUSTOM_MAPPING');
    expect(r.message).toBe('No conversion is defined for custom unit "handful"');
    expect(r.unit).toBe('handful');
    expect(error(conv({ amount: 1, from: 'g', to: 'handful' }, cat)).code).toBe('MISSING_CUSTOM_MAPPING');
  });
});

describe('errors', () => {
  it('count → g without a mapping is UNSUPPORTED_CONVERSION', () => {
    const r = error(conv({ amount: 1, from: 'count', to: 'g' }));
    expect(r.code).toBe('UNSUPPORTED_CONVERSION');
    expect(r.message).toBe('Cannot convert count to g');
    expect([r.fromType, r.toType]).toEqual(['count', 'weight']);
    expect(error(conv({ amount: 1, from: 'hour', to: 'cm' })).code).toBe('UNSUPPORTED_CONVERSION');
  });
  it('an unknown unit is UNKNOWN_UNIT', () => {
    const r = error(conv({ amount: 1, from: 'smidgen', to: 'g' }));
    expect([r.code, r.message, r.unit]).toEqual(['UNKNOWN_UNIT', 'Unknown unit "smidgen"', 'smidgen']);
    expect(error(conv({ amount: 1, from: 'g', to: 'blob' })).message).toBe('Unknown unit "blob"');
  });
  it("another catalog's custom unit is unknown", () => {
    expect(error(conv({ amount: 1, from: 'scoop', to: 'g' })).code).toBe('UNKNOWN_UNIT');
  });
  it.each([-1, '-0.5', 'abc', '', NaN, Infinity, '1e', 'Infinity'])('amount %s is INVALID_AMOUNT', (amount) => {
    const r = error(conv({ amount: amount as ConversionInput['amount'], from: 'g', to: 'kg' }));
    expect([r.code, r.message]).toEqual(['INVALID_AMOUNT', 'Amount must be a number zero or greater']);
  });
});

describe('rounding', () => {
  it('roundQuantity is half-up at 3 places by default', () => {
    expect(roundQuantity(D('0.0005')).toFixed()).toBe('0.001');
    expect(roundQuantity(D('0.0004999')).toFixed()).toBe('0');
    expect(roundQuantity(D('2.3456'), 2).toFixed()).toBe('2.35');
    expect(roundQuantity(D('1.2344')).toFixed()).toBe('1.234');
  });
  it('roundMoney is half-up at 2 places', () => {
    expect(roundMoney(D('1.005')).toFixed(2)).toBe('1.01');
    expect(roundMoney(D('1.004999')).toFixed(2)).toBe('1.00');
    expect(roundMoney(D('0.125')).toFixed(2)).toBe('0.13');
  });
  it('convertUnits does not round', () => {
    expect(value(conv({ amount: 1, from: 'mg', to: 'kg' }))).toBe('0.000001');
  });
});

describe('exact definitions (docs/rules/units-exact.md)', () => {
  it('1 lb = 453.59237 g, 1 oz = 28.349523125 g, 1 US fl oz = 29.5735295625 ml, 1 US gal = 3.785411784 L', () => {
    expect(value(conv({ amount: 1, from: 'lb', to: 'gram' }))).toBe('453.59237');
    expect(value(conv({ amount: 1, from: 'oz', to: 'gram' }))).toBe('28.349523125');
    expect(value(conv({ amount: 1, from: 'floz', to: 'ml' }))).toBe('29.5735295625');
    expect(value(conv({ amount: 1, from: 'gallon', to: 'liter' }))).toBe('3.785411784');
  });
  it('same-system conversions are exact: gal → fl oz = 128, qt → pt = 2, tbsp → tsp = 3, ton → lb = 2000', () => {
    expect(value(conv({ amount: 1, from: 'gallon', to: 'floz' }))).toBe('128');
    expect(value(conv({ amount: 1, from: 'quart', to: 'pint' }))).toBe('2');
    expect(value(conv({ amount: 1, from: 'tbsp', to: 'tsp' }))).toBe('3');
    expect(value(conv({ amount: 1, from: 'ton', to: 'lb' }))).toBe('2000');
    expect(value(conv({ amount: 1, from: 'lb', to: 'oz' }))).toBe('16');
    expect(value(conv({ amount: 1, from: 'cup', to: 'floz' }))).toBe('8');
    expect(value(conv({ amount: 1, from: 'floz', to: 'dram' }))).toBe('8');
    expect(value(conv({ amount: 1, from: 'cubicfoot', to: 'cubicinch' }))).toBe('1728');
    expect(value(conv({ amount: 1, from: 'gallon', to: 'cubicinch' }))).toBe('231');
    expect(value(conv({ amount: 1, from: 'acre', to: 'sqft' }))).toBe('43560');
  });
  it('every standard factor has at most 20 decimal places (the units.factor column is numeric(40,20))', () => {
    for (const u of STANDARD_UNITS) expect(D(u.factor).decimalPlaces()).toBeLessThanOrEqual(20);
  });
  it('resolves the common aliases: ounce, pound, lbs, "fl. oz"', () => {
    expect(findUnit(STD, 'ounce')!.name).toBe('oz');
    expect(findUnit(STD, 'Ounces')!.name).toBe('oz');
    expect(findUnit(STD, 'pound')!.name).toBe('lb');
    expect(findUnit(STD, 'lbs')!.name).toBe('lb');
    expect(findUnit(STD, 'fl. oz')!.name).toBe('floz');
    expect(findUnit(STD, 'Fl.Oz')!.name).toBe('floz');
    expect(findUnit(STD, 'fluid ounce')!.name).toBe('floz');
    expect(findUnit(STD, 'tablespoon')!.name).toBe('tbsp');
    expect(value(conv({ amount: 2, from: 'pound', to: 'ounce' }))).toBe('32');
  });
  it('an organization unit named like an alias wins over the alias', () => {
    const cat = catalog([custom('pound', 'count')]);
    expect(findUnit(cat, 'pound')!.isCustom).toBe(true);
  });
  it('a custom volume unit converts to weight through density: a 2 tbsp scoop of 0.9 g/ml powder = 26.616 g', () => {
    // The scoop mapped to 2 tbsp gets a volume factor of 2 × 14.78676478125 = 29.5735295625 ml.
    const scoop: UnitDef = { ...custom('scoop', 'volume'), factor: D('29.5735295625'), factorKnown: true };
    const cat = catalog([scoop], [map('scoop', 'tbsp', '2')]);
    const r = conv({ amount: 1, from: 'scoop', to: 'gram', density: '0.9' }, cat);
    expect(value(r)).toBe('26.61617660625');
    expect(roundQuantity((r as { value: Prisma.Decimal }).value).toFixed()).toBe('26.616');
    expect(value(conv({ amount: '26.61617660625', from: 'gram', to: 'scoop', density: '0.9' }, cat))).toBe('1');
    expect(error(conv({ amount: 1, from: 'scoop', to: 'gram' }, cat)).code).toBe('MISSING_DENSITY');
  });
  it('labels squashed names for people: floz → "fl oz", never "floz"', async () => {
    const { unitLabel } = await import('../../src/lib/server/domain/units/standard-units.ts');
    expect([unitLabel('floz'), unitLabel('cubicinch'), unitLabel('gram'), unitLabel('oz'), unitLabel('Bar')]).toEqual([
      'fl oz',
      'in³',
      'gram',
      'oz',
      'Bar',
    ]);
  });
});

describe('default densities (docs/rules/units-exact.md, Default densities)', () => {
  it('uses pouring densities: melted wax 0.86–0.90, fragrance oils below water, spooned flour', async () => {
    const { INGREDIENT_CATEGORIES } = await import('../../src/lib/server/domain/inventory/categories.ts');
    const d = (name: string) => Number(INGREDIENT_CATEGORIES.find((c) => c.name === name)!.defaultDensity);
    expect(d('Waxes')).toBeGreaterThanOrEqual(0.86);
    expect(d('Waxes')).toBeLessThanOrEqual(0.9);
    expect(d('Fragrance Oils')).toBeLessThan(1);
    expect(d('Flours')).toBeLessThanOrEqual(0.53);
    expect(d('Alcohols')).toBe(0.789);
  });
});
