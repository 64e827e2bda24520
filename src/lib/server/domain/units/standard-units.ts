/**
 * Standard unit seeds. `factor` is the multiplier to the base unit of the unit's type, kept as a
 * decimal string so callers build exact `Prisma.Decimal`s from it. Every factor is the exact legal
 * definition, never a rounded one (docs/rules/units-exact.md): 1 lb = 0.45359237 kg and 1 US gallon =
 * 231 in³ = 3.785411784 L by definition, and the rest follow, so gal → fl oz is 128 and tbsp → tsp is 3.
 */

export type StandardUnitType = 'weight' | 'volume' | 'length' | 'area' | 'count' | 'time';

export type StandardUnit = {
  name: string;
  symbol: string;
  unitType: StandardUnitType;
  factor: string;
  /** Other ways people write the unit ("ounce", "lbs", "fl. oz"); looked up after name and symbol. */
  aliases?: string[];
};

export const BASE_UNIT_BY_TYPE: Readonly<Record<StandardUnitType, string>> = {
  weight: 'gram',
  volume: 'ml',
  length: 'cm',
  area: 'sqcm',
  count: 'count',
  time: 'second',
};

const u = (
  unitType: StandardUnitType,
  name: string,
  symbol: string,
  factor: string,
  aliases?: string[],
): StandardUnit => ({ name, symbol, unitType, factor, ...(aliases ? { aliases } : {}) });

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
  // weight, base gram. International yard and pound agreement (1959): 1 lb = 453.59237 g exactly.
  u('weight', 'gram', 'g', '1', ['grams', 'gm']),
  u('weight', 'kg', 'kg', '1000', ['kilogram', 'kilograms', 'kilo', 'kilos', 'kgs']),
  u('weight', 'mg', 'mg', '0.001', ['milligram', 'milligrams']),
  u('weight', 'oz', 'oz', '28.349523125', ['ounce', 'ounces', 'oz wt', 'ozs']), // 1/16 lb
  u('weight', 'lb', 'lb', '453.59237', ['pound', 'pounds', 'lbs']),
  u('weight', 'ton', 'ton', '907184.74', ['tons', 'short ton']), // 2000 lb
  // volume, base ml. US customary: 1 gal = 231 in³ = 3785.411784 ml exactly; the rest are fractions of it.
  u('volume', 'ml', 'ml', '1', ['millilitre', 'milliliters', 'millilitres', 'cc']),
  u('volume', 'milliliter', 'ml', '1'),
  u('volume', 'liter', 'l', '1000', ['litre', 'liters', 'litres']),
  u('volume', 'tsp', 'tsp', '4.92892159375', ['teaspoon', 'teaspoons']), // 1/6 fl oz
  u('volume', 'tbsp', 'tbsp', '14.78676478125', ['tablespoon', 'tablespoons', 'tbs']), // 1/2 fl oz
  u('volume', 'cup', 'cup', '236.5882365', ['cups']), // 8 fl oz
  u('volume', 'pint', 'pt', '473.176473', ['pints']), // 16 fl oz
  u('volume', 'quart', 'qt', '946.352946', ['quarts']), // 32 fl oz
  u('volume', 'gallon', 'gal', '3785.411784', ['gallons']), // 128 fl oz
  u('volume', 'floz', 'fl oz', '29.5735295625', ['fl. oz', 'fl.oz', 'fluid ounce', 'fluid ounces', 'fl oz.']), // 1/128 gal
  u('volume', 'drop', 'drop', '0.05', ['drops', 'gtt']), // the pharmacist's convention of 20 drops per ml
  u('volume', 'dram', 'dr', '3.6966911953125', ['fluid dram', 'fl dr']), // 1/8 fl oz
  u('volume', 'cubicinch', 'in³', '16.387064', ['cubic inch', 'cu in']), // 2.54³
  u('volume', 'cubicfoot', 'ft³', '28316.846592', ['cubic foot', 'cu ft']), // 1728 in³
  u('volume', 'cubicyard', 'yd³', '764554.857984', ['cubic yard', 'cu yd']), // 27 ft³
  // length, base cm
  u('length', 'cm', 'cm', '1', ['centimeter', 'centimeters', 'centimetre']),
  u('length', 'mm', 'mm', '0.1', ['millimeter', 'millimeters', 'millimetre']),
  u('length', 'inch', 'in', '2.54', ['inches']),
  u('length', 'ft', 'ft', '30.48', ['foot', 'feet']),
  u('length', 'yard', 'yd', '91.44', ['yards']),
  u('length', 'meter', 'm', '100', ['metre', 'meters', 'metres']),
  // area, base sqcm
  u('area', 'sqcm', 'cm²', '1', ['sq cm']),
  u('area', 'sqmm', 'mm²', '0.01', ['sq mm']),
  u('area', 'sqm', 'm²', '10000', ['sq m']),
  u('area', 'sqkm', 'km²', '10000000000', ['sq km']),
  u('area', 'sqinch', 'in²', '6.4516', ['sq in']),
  u('area', 'sqft', 'ft²', '929.0304', ['sq ft']),
  u('area', 'sqyard', 'yd²', '8361.2736', ['sq yd']),
  u('area', 'sqmile', 'mi²', '25899881103.36', ['sq mi']),
  u('area', 'acre', 'ac', '40468564.224', ['acres']),
  u('area', 'hectare', 'ha', '100000000', ['hectares']),
  // count, base count
  ...COUNT_ONES.map((name) => u('count', name, name.toLowerCase(), '1')),
  u('count', 'dozen', 'dz', '12'),
  u('count', 'pair', 'pr', '2'),
  // time, base second (a month is 30 days and a year 365 days here, by convention)
  u('time', 'second', 's', '1', ['seconds', 'sec']),
  u('time', 'minute', 'min', '60', ['minutes']),
  u('time', 'hour', 'h', '3600', ['hours', 'hr']),
  u('time', 'day', 'd', '86400', ['days']),
  u('time', 'week', 'wk', '604800', ['weeks']),
  u('time', 'month', 'mo', '2592000', ['months']),
  u('time', 'year', 'yr', '31536000', ['years']),
];

/**
 * How a unit is written in generated names and labels: its symbol where the stored name is a squashed
 * key ("floz" → "fl oz", "cubicinch" → "in³"), otherwise the name itself ("gram", "oz", "Bar").
 */
const SQUASHED = new Set([
  'floz',
  'cubicinch',
  'cubicfoot',
  'cubicyard',
  'sqcm',
  'sqmm',
  'sqm',
  'sqkm',
  'sqinch',
  'sqft',
  'sqyard',
  'sqmile',
]);
export function unitLabel(unit: string): string {
  const std = STANDARD_UNITS.find((x) => x.name.toLowerCase() === unit.trim().toLowerCase());
  return std && SQUASHED.has(std.name) ? std.symbol : unit.trim();
}
