// Messages for people (issue 8; docs/rules/input-limits.md, Messages): no zod default text, one message per field.
import { describe, expect, it } from 'vitest';
import { z, ZodError } from 'zod';
import { Text } from '../../src/lib/shared/schemas/primitives.ts';
import { zodMessage } from '../../src/lib/server/trpc/errors.ts';

const first = (schema: z.ZodType, v: unknown) => schema.safeParse(v).error!.issues[0]!.message;

describe('schema messages', () => {
  it('replaces zod defaults with words', () => {
    expect(first(Text().max(120), 'x'.repeat(121))).toBe('Use at most 120 characters');
    expect(first(Text().min(1), '')).toBe('Required');
    expect(first(Text().min(3), 'ab')).toBe('Use at least 3 characters');
    expect(first(z.object({ a: z.string() }), {})).toBe('Required');
    expect(first(z.number(), 'x')).toBe('Enter a number');
    expect(first(z.uuid(), 'nope')).toBe('Choose one from the list');
    expect(first(z.enum(['a', 'b']), 'c')).toBe('Choose one of the options');
    expect(first(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('Choose at most 2');
    expect(first(z.number().max(10), 11)).toBe('Must be at most 10');
  });
  it('keeps a schema’s own message', () => {
    expect(first(Text().max(3, 'Names are short'), 'abcd')).toBe('Names are short');
  });
  it('says one thing per field', () => {
    const schema = z.object({
      density: z
        .string()
        .regex(/^\d+(\.\d+)?$/, 'Enter a number')
        .refine((v) => Number(v) > 0, 'Density must be greater than 0'),
    });
    const e = schema.safeParse({ density: 'x' }).error as ZodError;
    expect(e.issues.length).toBeGreaterThan(1);
    expect(zodMessage(e)).toBe('density: Enter a number');
  });
});
