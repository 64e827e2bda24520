// The input primitives (src/lib/shared/schemas/primitives.ts): text without control characters, decimals
// within their kind's precision and scale, int4 integers, dates from 1900 to 2200, the CSV size limit.
import { describe, expect, it } from 'vitest';
import {
  Count,
  DateInput,
  DECIMAL_KINDS,
  JsonRecord,
  MultilineText,
  Text,
  decimal,
  decimalLimitText,
  decimalProblem,
} from '../../src/lib/shared/schemas/primitives.ts';
import { CsvInputSchema } from '../../src/lib/shared/schemas/inventory.ts';
import { BODY_SIZE_LIMIT_BYTES, CSV_IMPORT_MAX_BYTES } from '../../src/lib/shared/limits.ts';

const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('text', () => {
  it('refuses NUL and other control characters; multi-line text keeps tabs and line breaks', () => {
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[31m', 'del\u007f', 'c1\u0085'])
      expect(issue(Text().safeParse(bad))).toBe('Remove the control characters (such as NUL) from this text');
    expect(Text().parse('  Olive oil\n')).toBe('Olive oil');
    expect(Text().safeParse('a\tb').success).toBe(false);
    expect(MultilineText().parse('line 1\n\tline 2\r\nline 3')).toBe('line 1\n\tline 2\r\nline 3');
    expect(MultilineText().safeParse('a\u0000b').success).toBe(false);
    expect(Text().min(1).max(3).safeParse('abcd').success).toBe(false);
  });
  it('refuses control characters anywhere in stored JSON', () => {
    expect(JsonRecord().safeParse({ a: { b: ['ok', 'x\u0000'] } }).success).toBe(false);
    expect(JsonRecord().safeParse({ 'k\u0000': 1 }).success).toBe(false);
    expect(JsonRecord().parse({ a: { b: ['ok', 2, null] } })).toEqual({ a: { b: ['ok', 2, null] } });
  });
});

describe('decimals: one precision and scale per kind', () => {
  it('follows the columns of prisma/schema.prisma', () => {
    expect(DECIMAL_KINDS.quantity).toMatchObject({ precision: 20, scale: 6 });
    expect(DECIMAL_KINDS.money).toMatchObject({ precision: 20, scale: 6 });
    expect(DECIMAL_KINDS.unitCost).toMatchObject({ precision: 28, scale: 12 });
    expect(DECIMAL_KINDS.rate).toMatchObject({ precision: 12, scale: 6 });
    expect(decimalLimitText('quantity')).toBe('100,000,000,000,000');
  });
  it.each([
    ['1.5', 'quantity', null],
    ['1.500000000', 'quantity', null], // trailing zeros are not decimals
    ['99999999999999.999999', 'quantity', null],
    ['100000000000000', 'quantity', 'Quantity must be less than 100,000,000,000,000'],
    ['999999999999999999999999999999', 'quantity', 'Quantity must be less than 100,000,000,000,000'],
    ['1.0000001', 'quantity', 'Quantity can have at most 6 decimals'],
    ['0.0000599', 'unitCost', null],
    ['0.0000000000001', 'unitCost', 'Cost per unit can have at most 12 decimals'],
    ['1e20', 'quantity', 'Quantity must be a number'],
    ['NaN', 'quantity', 'Quantity must be a number'],
    ['1,5', 'quantity', 'Quantity must be a number'],
    ['1000000', 'rate', 'Value must be less than 1,000,000'],
  ] as const)('%s as %s → %s', (value, kind, expected) => {
    expect(decimalProblem(value, kind)).toBe(expected);
  });
  it('checks the sign, and converts numbers from forms once', () => {
    expect(decimalProblem('0', 'quantity', { sign: 'positive' })).toBe('Quantity must be greater than 0');
    expect(decimalProblem('0.000000', 'quantity', { sign: 'positive' })).toBe('Quantity must be greater than 0');
    expect(decimalProblem('-0', 'quantity', { sign: 'nonNegative' })).toBeNull();
    expect(decimalProblem('-1', 'money', { sign: 'nonNegative', label: 'Cost' })).toBe('Cost must be zero or greater');
    const q = decimal('quantity', { sign: 'positive' });
    expect(q.parse(2.5)).toBe('2.5');
    expect(issue(q.safeParse(1e20))).toBe('Quantity must be less than 100,000,000,000,000');
    expect(issue(q.safeParse(1e-7))).toBe('Quantity must be a number');
    expect(issue(q.safeParse(Infinity))).toBe('Quantity must be a number');
  });
});

describe('integers and dates', () => {
  it('bounds counts to int4 or narrower', () => {
    expect(Count(0, 'Portions').safeParse(2147483647).success).toBe(true);
    expect(issue(Count(0, 'Portions').safeParse(2147483648))).toBe('Portions must be at most 2,147,483,647');
    expect(issue(Count(1, 'Shelf life', 3650, ' days').safeParse(4000))).toBe('Shelf life must be at most 3,650 days');
    expect(issue(Count(1, 'Portions').safeParse(1.5))).toBe('Portions must be a whole number');
  });
  it('keeps dates between 1900 and 2200', () => {
    expect(DateInput().parse('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(issue(DateInput().safeParse('-271821-04-20'))).toBe('Enter a date after 1900');
    expect(issue(DateInput().safeParse(new Date(8.64e15)))).toBe('Enter a date before 2200');
    expect(issue(DateInput().safeParse('not a date'))).toBe('Enter a valid date');
  });
});

describe('the CSV import limit and the request body limit are one number', () => {
  it('accepts a file of exactly the limit in UTF-8 bytes and refuses one byte more', () => {
    expect(CSV_IMPORT_MAX_BYTES).toBe(5 * 1024 * 1024);
    const atLimit = 'a'.repeat(CSV_IMPORT_MAX_BYTES);
    expect(CsvInputSchema.safeParse({ csv: atLimit }).success).toBe(true);
    expect(issue(CsvInputSchema.safeParse({ csv: `${atLimit}a` }))).toBe('The file is larger than 5 MB');
    // Multi-byte characters count as bytes: 2 bytes each.
    expect(CsvInputSchema.safeParse({ csv: 'é'.repeat(CSV_IMPORT_MAX_BYTES / 2 + 1) }).success).toBe(false);
    expect(issue(CsvInputSchema.safeParse({ csv: 'name\nA\u0000' }))).toBe(
      'The file contains control characters (such as NUL)',
    );
  });
  it('lets the largest file through the body limit however it is escaped as JSON', () => {
    // Worst case: every byte a quote or line break, each escaped to two characters in the JSON body.
    const worst = '"\n'.repeat(CSV_IMPORT_MAX_BYTES / 2);
    const body = JSON.stringify({ 0: { json: { csv: worst } } });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_SIZE_LIMIT_BYTES);
    expect(BODY_SIZE_LIMIT_BYTES).toBeGreaterThan(512 * 1024);
  });
});
