// Finding what to trace by its printed code (issue 8; docs/rules/traceability.md, Find by code).
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';

const env = useTestEnv();

describe('find a lot or a batch by its code', () => {
  it('a lot code finds the lot, a batch label the batch, in any case; anything else is said plainly', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const oil = await owner.inventory.create({ name: 'Oil', openingQuantity: '1000', cost: '0.01' });
    const lot = await env.db.inventoryLot.findFirstOrThrow({ where: { itemId: oil.id } });
    const recipe = await makeRecipe(env, org.id, {
      prefix: 'SOAP',
      yield: '100',
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    const batch = await owner.batches.start({ recipeId: recipe.id });
    expect(await owner.batches.findTrace({ code: lot.code.toLowerCase() })).toEqual({
      kind: 'lot',
      lotId: lot.id,
      batchId: null,
    });
    expect(await owner.batches.findTrace({ code: ` ${batch.label.toLowerCase()} ` })).toEqual({
      kind: 'batch',
      lotId: null,
      batchId: batch.batchId,
    });
    await expect(owner.batches.findTrace({ code: 'NOPE-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No lot or batch has the code NOPE-1.',
    });
    await expect(owner.batches.findTrace({ code: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
