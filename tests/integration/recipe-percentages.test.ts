// Recipes written as percentages (docs/rules/production-outputs.md, Recipes as percentages).
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { createRecipe } from '../../src/lib/server/domain/recipes/create-recipe.ts';
import { updateRecipe } from '../../src/lib/server/domain/recipes/update-recipe.ts';
import { getRecipe } from '../../src/lib/server/domain/recipes/queries.ts';
import { scaleRecipe } from '../../src/lib/server/domain/recipes/cost-card.ts';

const env = useTestEnv();

async function lotionKit() {
  const o = await makeInventoryOrg(env);
  const mk = (name: string) => makeItem(o.db, o.ctx, { name, unit: 'gram' });
  return {
    ...o,
    water: await mk('Water'),
    oil: await mk('Almond oil'),
    emulsifier: await mk('Emulsifier'),
    preservative: await mk('Preservative'),
    fragrance: await mk('Fragrance'),
  };
}
const pct = (itemId: string, percent: string, unit = 'gram', percentOf?: string) => ({
  kind: 'ingredient' as const,
  itemId,
  unit,
  percent,
  ...(percentOf ? { percentOf } : {}),
});

describe('percentages of the batch', () => {
  it('a lotion of water 70, oil 20, emulsifier 5, preservative 1, fragrance 4 for a 1000 g batch', async () => {
    const k = await lotionKit();
    const r = await createRecipe(k.db, k.ctx, {
      name: 'Almond Lotion',
      predictedYield: '1000',
      yieldUnit: 'gram',
      batchSize: '1000',
      batchSizeUnit: 'gram',
      lines: [
        pct(k.water.id, '70'),
        pct(k.oil.id, '20'),
        pct(k.emulsifier.id, '5'),
        pct(k.preservative.id, '1'),
        pct(k.fragrance.id, '4'),
      ],
    });
    const got = await getRecipe(k.db, k.ctx, { recipeId: r.id });
    // Shown both ways: the amount computed exactly, and the percentage it was written as.
    expect(got.lines.map((l) => [l.itemName, l.quantity, l.unit, l.percent, l.percentOf, l.shareOfBatch])).toEqual([
      ['Water', '700', 'gram', '70', 'batch', '70'],
      ['Almond oil', '200', 'gram', '20', 'batch', '20'],
      ['Emulsifier', '50', 'gram', '5', 'batch', '5'],
      ['Preservative', '10', 'gram', '1', 'batch', '1'],
      ['Fragrance', '40', 'gram', '4', 'batch', '4'],
    ]);
    expect([got.batchSize, got.batchSizeUnit]).toEqual(['1000', 'gram']);
  });

  it('works for a batch size in any unit: 70 % of 32 oz is 635.029318 g', async () => {
    const k = await lotionKit();
    const r = await createRecipe(k.db, k.ctx, {
      name: 'Lotion in ounces',
      predictedYield: '32',
      yieldUnit: 'oz',
      lines: [pct(k.water.id, '70'), pct(k.oil.id, '30', 'oz')],
    });
    // the batch size defaults to the yield: 22.4 oz × 28.349523125 g = 635.02931800 g; 30 % = 9.6 oz
    const got = await getRecipe(k.db, k.ctx, { recipeId: r.id });
    expect(got.lines.map((l) => [l.quantity, l.unit, l.shareOfBatch])).toEqual([
      ['635.029318', 'gram', '70'],
      ['9.6', 'oz', '30'],
    ]);
  });

  it('refuses percentages of the batch that do not add up to 100', async () => {
    const k = await lotionKit();
    await expect(
      createRecipe(k.db, k.ctx, {
        name: 'Short lotion',
        predictedYield: '1000',
        yieldUnit: 'gram',
        lines: [pct(k.water.id, '70'), pct(k.oil.id, '28')],
      }),
    ).rejects.toThrow('The percentages of the batch add up to 98%; they must add up to 100%.');
    await expect(
      createRecipe(k.db, k.ctx, { name: 'No size', status: 'draft', lines: [pct(k.water.id, '100')] }),
    ).rejects.toThrow('Line 1 (Water) is a percentage of the batch: enter the batch size first.');
  });

  it('follows the batch size when it changes, keeping the percentages', async () => {
    const k = await lotionKit();
    const r = await createRecipe(k.db, k.ctx, {
      name: 'Resized lotion',
      status: 'draft',
      predictedYield: '1000',
      yieldUnit: 'gram',
      lines: [pct(k.water.id, '75'), pct(k.oil.id, '25')],
    });
    await updateRecipe(k.db, k.ctx, { recipeId: r.id, batchSize: '2', batchSizeUnit: 'kg' });
    const got = await getRecipe(k.db, k.ctx, { recipeId: r.id });
    expect(got.lines.map((l) => [l.quantity, l.percent])).toEqual([
      ['1500', '75'],
      ['500', '25'],
    ]);
  });
});

describe('a percentage of one base line', () => {
  it('a fragrance load of 8 % of 6.8 oz of wax is 0.544 oz, and scaling keeps the 8 %', async () => {
    const o = await makeInventoryOrg(env);
    const wax = await makeItem(o.db, o.ctx, { name: 'Soy wax', unit: 'oz' });
    const fo = await makeItem(o.db, o.ctx, { name: 'Cedar fragrance', unit: 'oz' });
    const r = await createRecipe(o.db, o.ctx, {
      name: 'Cedar candle',
      predictedYield: '7.344',
      yieldUnit: 'oz',
      lines: [{ kind: 'ingredient', itemId: wax.id, quantity: '6.8', unit: 'oz' }, pct(fo.id, '8', 'oz', wax.id)],
    });
    const got = await getRecipe(o.db, o.ctx, { recipeId: r.id });
    expect(got.lines.map((l) => [l.itemName, l.quantity, l.percent, l.percentOf])).toEqual([
      ['Soy wax', '6.8', null, null],
      ['Cedar fragrance', '0.544', '8', wax.id],
    ]);
    const scaled = await scaleRecipe(o.db, o.ctx, { recipeId: r.id, scale: '12' });
    expect(scaled.lines.map((l) => [l.quantity, l.percent])).toEqual([
      ['81.6', null],
      ['6.528', '8'],
    ]);
    await expect(
      createRecipe(o.db, o.ctx, {
        name: 'Bad base',
        predictedYield: '1',
        yieldUnit: 'oz',
        lines: [{ kind: 'ingredient', itemId: wax.id, quantity: '6.8', unit: 'oz' }, pct(fo.id, '8', 'oz', fo.id)],
      }),
    ).rejects.toThrow('Line 2 (Cedar fragrance): its base line is not in the recipe. Choose a line of this recipe.');
  });
});
