// Custom units, mappings and the converter's inputs.
import { z } from 'zod';
import { MultilineText, Text, decimal, quantity, rate } from './primitives.ts';

// The kinds of unit there are, in the order pages list them.
export const UNIT_TYPES = ['weight', 'volume', 'length', 'area', 'count', 'time'] as const;
export type UnitTypeName = (typeof UNIT_TYPES)[number];

export const CustomUnitInputSchema = z.object({
  name: Text().min(1, 'Unit name is required').max(40),
  symbol: Text().max(20).optional(),
  unitType: z.enum(UNIT_TYPES),
});

export const MappingInputSchema = z.object({
  fromUnit: Text().min(1, 'Choose a unit').max(40),
  toUnit: Text().min(1, 'Choose a unit').max(40),
  factor: decimal('factor', { sign: 'positive' }),
  notes: MultilineText().max(200).optional(),
});

export const ConvertInputSchema = z.object({
  amount: quantity({ label: 'Amount' }),
  from: Text().min(1, 'Choose a unit').max(40),
  to: Text().min(1, 'Choose a unit').max(40),
  density: rate({ label: 'Density (g/mL)' }).optional(),
  itemId: z.uuid().optional(),
});
