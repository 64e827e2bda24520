// The plan page's default batch type (docs/rules/planning.md, Batch type).
import { describe, expect, it } from 'vitest';
import { defaultBatchType } from '../../src/lib/server/domain/planning/batch-type.ts';

const base = { testSequence: null, productCategoryId: null, allowedContainerIds: [] as string[], isPortioned: false };
const SOAPS = '6f1c2a70-0000-4000-8000-000000000001';
const JAR = '6f1c2a70-0000-4000-8000-000000000002';

describe('default batch type', () => {
  it('a test is a test run (untracked), whatever else it has', () => {
    expect(defaultBatchType({ ...base, testSequence: 1 })).toBe('untracked');
    expect(
      defaultBatchType({ testSequence: 2, productCategoryId: SOAPS, allowedContainerIds: [JAR], isPortioned: true }),
    ).toBe('untracked');
  });
  it('a product category with portions or allowed containers makes a product', () => {
    expect(defaultBatchType({ ...base, productCategoryId: SOAPS, isPortioned: true })).toBe('product');
    expect(defaultBatchType({ ...base, productCategoryId: SOAPS, allowedContainerIds: [JAR] })).toBe('product');
  });
  it('otherwise an intermediate ingredient', () => {
    expect(defaultBatchType(base)).toBe('ingredient');
    expect(defaultBatchType({ ...base, productCategoryId: SOAPS })).toBe('ingredient');
    expect(defaultBatchType({ ...base, allowedContainerIds: [JAR], isPortioned: true })).toBe('ingredient');
  });
});
