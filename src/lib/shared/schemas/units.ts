// Custom units, mappings and the converter's inputs.
import { z } from 'zod';

// The kinds of unit there are, in the order pages list them.
export const UNIT_TYPES = ['weight', 'volume', 'length', 'area', 'count', 'time'] as const;
export type UnitTypeName = (typeof UNIT_TYPES)[number];

export const CustomUnitInputSchema = z.object({
  name: z.string().trim().min(1, 'Unit name is required').max(40),
  symbol: z.string().trim().max(20).optional(),
  unitType: z.enum(UNIT_TYPES),
});

export const MappingInputSchema = z.object({
  fromUnit: z.string().trim().min(1),
  toUnit: z.string().trim().min(1),
  factor: z
    .union([z.string(), z.number()])
    .transform(String)
    .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, 'Factor must be greater than 0'),
  notes: z.string().trim().max(200).optional(),
});

export const ConvertInputSchema = z.object({
  amount: z.union([z.string(), z.number()]).transform(String),
  from: z.string().min(1),
  to: z.string().min(1),
  density: z.union([z.string(), z.number()]).transform(String).optional(),
  itemId: z.uuid().optional(),
});
