/**
 * Standard unit seeds (domain.md §2.3). `factor` is the multiplier to the base unit of the
 * unit's type, kept as a decimal string so callers build exact `Prisma.Decimal`s from it.
 */

export type StandardUnitType = 'weight' | 'volume' | 'length' | 'area' | 'count' | 'time';

export type StandardUnit = { name: string; symbol: string; unitType: StandardUnitType; factor: string };

export const BASE_UNIT_BY_TYPE: Readonly<Record<StandardUnitType, string>> = {
  weight: 'gram',
  volume: 'ml',
  length: 'cm',
  area: 'sqcm',
  count: 'count',
  time: 'second',
};

const u = (unitType: StandardUnitType, name: string, symbol: string, factor: string): StandardUnit => ({
  name,
  symbol,
  unitType,
  factor,
});

const COUNT_ONES = [
  'count',
  'pack',
  'unit',
  'batch',
  'Piece',
  'Bar',
  'Slice',
  'Cookie',
  'Bottle',
  'Jar',
  'Tablet',
  'Capsule',
  'Bomb',
  'Loaf',
  'Cupcake',
  'Muffin',
];

export const STANDARD_UNITS: readonly StandardUnit[] = [
  // weight, base gram
  u('weight', 'gram', 'g', '1'),
  u('weight', 'kg', 'kg', '1000'),
  u('weight', 'mg', 'mg', '0.001'),
  u('weight', 'oz', 'oz', '28.3495'),
  u('weight', 'lb', 'lb', '453.592'),
  u('weight', 'ton', 'ton', '907184.74'),
  // volume, base ml
  u('volume', 'ml', 'ml', '1'),
  u('volume', 'milliliter', 'ml', '1'),
  u('volume', 'liter', 'l', '1000'),
  u('volume', 'tsp', 'tsp', '4.92892'),
  u('volume', 'tbsp', 'tbsp', '14.7868'),
  u('volume', 'cup', 'cup', '236.588'),
  u('volume', 'pint', 'pt', '473.176'),
  u('volume', 'quart', 'qt', '946.353'),
  u('volume', 'gallon', 'gal', '3785.41'),
  u('volume', 'floz', 'fl oz', '29.5735'),
  u('volume', 'drop', 'drop', '0.05'),
  u('volume', 'dram', 'dr', '3.69669'),
  u('volume', 'cubicinch', 'in³', '16.3871'),
  u('volume', 'cubicfoot', 'ft³', '28316.8'),
  u('volume', 'cubicyard', 'yd³', '764555'),
  // length, base cm
  u('length', 'cm', 'cm', '1'),
  u('length', 'mm', 'mm', '0.1'),
  u('length', 'inch', 'in', '2.54'),
  u('length', 'ft', 'ft', '30.48'),
  u('length', 'yard', 'yd', '91.44'),
  u('length', 'meter', 'm', '100'),
  // area, base sqcm
  u('area', 'sqcm', 'cm²', '1'),
  u('area', 'sqmm', 'mm²', '0.01'),
  u('area', 'sqm', 'm²', '10000'),
  u('area', 'sqkm', 'km²', '10000000000'),
  u('area', 'sqinch', 'in²', '6.4516'),
  u('area', 'sqft', 'ft²', '929.03'),
  u('area', 'sqyard', 'yd²', '8361.27'),
  u('area', 'sqmile', 'mi²', '25899881103.36'),
  u('area', 'acre', 'ac', '40468564'),
  u('area', 'hectare', 'ha', '100000000'),
  // count, base count
  ...COUNT_ONES.map((name) => u('count', name, name.toLowerCase(), '1')),
  u('count', 'dozen', 'dz', '12'),
  u('count', 'pair', 'pr', '2'),
  // time, base second
  u('time', 'second', 's', '1'),
  u('time', 'minute', 'min', '60'),
  u('time', 'hour', 'h', '3600'),
  u('time', 'day', 'd', '86400'),
  u('time', 'week', 'wk', '604800'),
  u('time', 'month', 'mo', '2592000'),
  u('time', 'year', 'yr', '31536000'),
];
