import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/lib/server/db/client.ts';
import { standardUnitDefs } from '../../src/lib/server/domain/units/rules.ts';
import {
  assertScale,
  diffRecipes,
  findCyclePath,
  generatePrefix,
  joinLabels,
  producerGroupName,
  sameProportions,
  scaleFactor,
  scaleLines,
  uniqueName,
  type DiffableRecipe,
} from '../../src/lib/server/domain/recipes/rules.ts';

const catalog = { units: standardUnitDefs(), mappings: [] };

describe('generatePrefix', () => {
  it('takes 3 letters of one word, 2 + 1 of two words, initials of the first three of more', () => {
    expect(generatePrefix('Test')).toBe('TES');
    expect(generatePrefix('Lavender Soap')).toBe('LAS');
    expect(generatePrefix('Cold Process Oatmeal Soap')).toBe('CPO');
    expect(generatePrefix('  lip-balm  ')).toBe('LIB');
    expect(generatePrefix('Ab')).toBe('AB');
  });
  it('falls back to RCP without words', () => {
    expect(generatePrefix('!!! ---')).toBe('RCP');
  });
  it('appends 1, 2, 3 when taken (case-insensitive)', () => {
    expect(generatePrefix('Test', ['TES'])).toBe('TES1');
    expect(generatePrefix('Test', ['tes', 'TES1'])).toBe('TES2');
    expect(generatePrefix('Tester', ['TES1'])).toBe('TES');
  });
});

describe('uniqueName', () => {
  it('adds (2), (3), ...', () => {
    expect(uniqueName('Lavender', [])).toBe('Lavender');
    expect(uniqueName('Lavender', ['lavender', 'Lavender (2)'])).toBe('Lavender (3)');
  });
});

describe('scaling', () => {
  it('accepts 0.001× to 1000× and refuses outside with a clear error', () => {
    expect(assertScale('0.001').toString()).toBe('0.001');
    expect(assertScale(1000).toString()).toBe('1000');
    expect(() => assertScale('0.0009')).toThrow('Scale must be between 0.001× and 1000× (got 0.0009×).');
    expect(() => assertScale(1001)).toThrow('Scale must be between 0.001× and 1000×');
    expect(() => assertScale(0)).toThrow(/between 0.001× and 1000×/);
  });
  it('factor = target yield ÷ predicted yield', () => {
    expect(scaleFactor('25', '10').toString()).toBe('2.5');
    expect(() => scaleFactor('10', null)).toThrow('The recipe has no predicted yield to scale from.');
    expect(() => scaleFactor('20000', '10')).toThrow(/between 0.001× and 1000×/);
  });
  it('multiplies lines exactly', () => {
    const out = scaleLines(
      [
        { quantity: '33.333', unit: 'gram' },
        { quantity: '0.1', unit: 'oz' },
      ],
      '3',
    );
    expect(out.map((l) => l.scaledQuantity.toString())).toEqual(['99.999', '0.3']);
  });
});

describe('sameProportions', () => {
  const items = new Map([
    ['oil', { unit: 'gram', density: null }],
    ['lye', { unit: 'gram', density: null }],
    ['water', { unit: 'ml', density: new Prisma.Decimal(1) }],
  ]);
  const line = (itemId: string, quantity: string, unit: string) => ({ kind: 'ingredient', itemId, quantity, unit });
  it('treats 100 g and 3.527396 oz as equal (0.01 % tolerance after conversion)', () => {
    expect(
      sameProportions(
        catalog,
        [line('oil', '100', 'gram'), line('lye', '10', 'gram')],
        [line('oil', '3.527396', 'oz'), line('lye', '10', 'gram')],
        items,
      ),
    ).toBe(true);
  });
  it('treats a pure rescale as the same proportions', () => {
    expect(
      sameProportions(
        catalog,
        [line('oil', '100', 'gram'), line('lye', '10', 'gram')],
        [line('oil', '200', 'gram'), line('lye', '20', 'gram')],
        items,
      ),
    ).toBe(true);
  });
  it('detects a changed proportion, an added item and a removed item', () => {
    const base = [line('oil', '100', 'gram'), line('lye', '10', 'gram')];
    expect(sameProportions(catalog, base, [line('oil', '100', 'gram'), line('lye', '11', 'gram')], items)).toBe(false);
    expect(sameProportions(catalog, base, [...base, line('water', '30', 'ml')], items)).toBe(false);
    expect(sameProportions(catalog, base, [line('oil', '100', 'gram')], items)).toBe(false);
  });
  it('converts volume through the density', () => {
    expect(
      sameProportions(
        catalog,
        [line('oil', '100', 'gram'), line('water', '100', 'ml')],
        [line('oil', '100', 'gram'), line('water', '100', 'gram')],
        items,
      ),
    ).toBe(true);
  });
});

describe('diffRecipes', () => {
  const base: DiffableRecipe = {
    name: 'Soap',
    status: 'published',
    predictedYield: '10',
    yieldUnit: 'oz',
    isPortioned: false,
    portionName: null,
    portionCount: null,
    productCategoryId: null,
    instructions: 'Mix',
    allowedContainerIds: [],
    lines: [
      { kind: 'ingredient', itemId: 'a', itemName: 'Oil', quantity: '100', unit: 'gram' },
      { kind: 'ingredient', itemId: 'b', itemName: 'Lye', quantity: '10', unit: 'gram' },
    ],
  };
  it('lists changed fields and added, removed and changed lines', () => {
    const d = diffRecipes(base, {
      ...base,
      predictedYield: '12.000',
      instructions: 'Mix well',
      lines: [
        { kind: 'ingredient', itemId: 'a', itemName: 'Oil', quantity: '110', unit: 'gram' },
        { kind: 'ingredient', itemId: 'c', itemName: 'Salt', quantity: '1', unit: 'gram' },
      ],
    });
    expect(d.fields).toEqual([
      { field: 'predictedYield', from: '10', to: '12.000' },
      { field: 'instructions', from: 'Mix', to: 'Mix well' },
    ]);
    expect(d.lines.map((l) => [l.itemName, l.change])).toEqual([
      ['Oil', 'changed'],
      ['Lye', 'removed'],
      ['Salt', 'added'],
    ]);
    expect(d.changed).toBe(true);
  });
  it('sees no change between equal recipes (10 = 10.000)', () => {
    expect(diffRecipes(base, { ...base, predictedYield: '10.000' }).changed).toBe(false);
  });
});

describe('messages and cycles', () => {
  it('joins labels with commas and "and"', () => {
    expect(`Missing required fields: ${joinLabels(['Yield amount', 'Portion count', 'Ingredients'])}`).toBe(
      'Missing required fields: Yield amount, Portion count and Ingredients',
    );
    expect(joinLabels(['Ingredients'])).toBe('Ingredients');
  });
  it('finds the producer of an intermediate and a cycle through other groups', () => {
    expect(producerGroupName('Lye Solution (Intermediate)')).toBe('Lye Solution');
    expect(producerGroupName('Olive Oil')).toBeNull();
    const uses = new Map([
      ['b', ['C']],
      ['c', ['A']],
    ]);
    expect(findCyclePath('A', 'B', uses)).toEqual(['B', 'C', 'A']);
    expect(findCyclePath('A', 'A', uses)).toEqual(['A']);
    expect(findCyclePath('A', 'D', uses)).toBeNull();
  });
});

describe('scaling count items (docs/rules/production-outputs.md, Scaling and portions)', () => {
  it('rounds a fraction of a count item up, judged in the count base unit', async () => {
    const { scaleLineQuantity } = await import('../../src/lib/server/domain/recipes/rules.ts');
    const { standardUnitDefs } = await import('../../src/lib/server/domain/units/rules.ts');
    const cat = { units: standardUnitDefs(), mappings: [] };
    const f = (q: string, unit: string, k: string) => {
      const r = scaleLineQuantity(cat, q, unit, k);
      return [r.quantity.toString(), r.roundedFrom?.toString() ?? null];
    };
    expect(f('1', 'count', '0.5')).toEqual(['1', '0.5']);
    expect(f('3', 'Piece', '0.5')).toEqual(['2', '1.5']);
    expect(f('1', 'dozen', '0.5')).toEqual(['0.5', null]);
    expect(f('4', 'count', '0.5')).toEqual(['2', null]);
    expect(f('10', 'gram', '0.33')).toEqual(['3.3', null]);
  });
});
