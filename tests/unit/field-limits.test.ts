import { describe, expect, it } from 'vitest';
import { limitsOf } from '../../src/lib/shared/field-limits.ts';
import { InventorySettingsSchema, SignUpInputSchema } from '../../src/lib/shared/schemas/orgs.ts';
import { CreateItemInputSchema, MovementInputSchema } from '../../src/lib/shared/schemas/inventory.ts';

describe('inputs carry their limits from the shared schemas', () => {
  it('texts: the schema maximum, through optional, trim, refine and pipe', () => {
    expect(limitsOf(SignUpInputSchema, 'organizationName')).toEqual({ maxlength: 120 });
    expect(limitsOf(SignUpInputSchema, 'owner.email')).toEqual({ maxlength: 254 });
    expect(limitsOf(MovementInputSchema, 'supplier')).toEqual({ maxlength: 120 });
  });
  it('whole numbers: min, max and step 1', () => {
    expect(limitsOf(InventorySettingsSchema, 'expiringSoonDays')).toEqual({ min: 1, max: 365, step: 1 });
  });
  it("decimals: the kind's scale as the step, 0 as the floor unless any sign is allowed, and digits + sign + point as the length", () => {
    expect(limitsOf(MovementInputSchema, 'unitCost')).toEqual({ maxlength: 30, step: '0.000000000001', min: 0 });
    expect(limitsOf(CreateItemInputSchema, 'openingQuantity')).toEqual({
      maxlength: 22,
      step: '0.000001',
      min: 0,
    });
  });
  it('an unknown path has no limits', () => {
    expect(limitsOf(SignUpInputSchema, 'nope')).toEqual({});
    expect(limitsOf(SignUpInputSchema, 'owner.nope.deeper')).toEqual({});
  });
});
