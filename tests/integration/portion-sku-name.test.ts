// Portion SKUs are named for the planned portion size, not the weighed one (issue 8; decisions.md §14;
// docs/rules/products.md, Portion SKUs).
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { makeProduct, makeRecipe } from '../helpers/production.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { requestCompletion } from '../../src/lib/server/domain/batches/finish.ts';
import { completeBatch } from '../../src/lib/server/domain/batches/complete-batch.ts';

const env = useTestEnv();

describe('portion SKU names', () => {
  it('4 bars planned at 113 g, weighed at 452.64 g: the SKU is the 113 gram Bar, and a second batch shares it', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const base = await makeItem(db, ctx, { name: 'Soap base', unit: 'gram', openingQuantity: '2000', cost: '0.01' });
    const recipe = await makeRecipe(env, org.id, {
      name: 'Lavender',
      prefix: 'LAV',
      yield: '452',
      yieldUnit: 'gram',
      isPortioned: true,
      portionName: 'Bar',
      portionCount: 4,
      lines: [{ itemId: base.id, quantity: '452', unit: 'gram' }],
    });
    const { product, variant } = await makeProduct(env, org.id, 'Lavender Soap', 'Soaps');
    for (const weighed of ['452.64', '449.2']) {
      const { batchId } = await startBatch(db, ctx, { recipeId: recipe.id, batchType: 'product' });
      await requestCompletion(db, ctx, {
        batchId,
        finalQuantity: weighed,
        outputUnit: 'gram',
        finalPortions: 4,
        productId: product.id,
        variantId: variant.id,
      });
      await completeBatch(env.db, env.services, { organizationId: org.id, batchId });
    }
    const skus = await env.db.productSku.findMany({
      where: { productId: product.id, sizeKind: 'portion' },
      include: { item: true },
    });
    expect(skus.map((s) => [s.portionSize?.toString(), s.portionUnit, s.item.quantity.toString()])).toEqual([
      ['113', 'gram', '8'],
    ]);
    expect(skus[0]!.item.name).toContain('113 gram Bar');
    expect(skus[0]!.item.name).not.toContain('113.16');
  });
});
