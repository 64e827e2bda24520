import { expect } from 'vitest';
import { Prisma } from '../../../src/lib/server/db/client.ts';
import { defineArea } from './types.ts';

const B_RECIPE = 'B secret balm';

// Inputs for the batches procedures: org B owns a recipe, an in-progress batch with a timer, and the
// supplier lot it consumed. Org A owns a recipe too, for the procedures that take no id.
export default defineArea({
  async setup({ env, aOrgId, bOrgId, aOwner, bOwner }) {
    const recipeIn = async (orgId: string, name: string, itemId: string) => {
      const group = await env.db.recipeGroup.create({
        data: { organizationId: orgId, name, prefix: name.slice(0, 3).toUpperCase() + orgId.slice(0, 2) },
      });
      return env.db.recipe.create({
        data: {
          organizationId: orgId,
          groupId: group.id,
          name,
          status: 'published',
          isCurrent: true,
          predictedYield: new Prisma.Decimal(10),
          yieldUnit: 'gram',
          lines: {
            create: [
              { organizationId: orgId, kind: 'ingredient', itemId, quantity: new Prisma.Decimal(1), unit: 'gram' },
            ],
          },
        },
      });
    };
    const bItem = await bOwner.inventory.create({ name: 'B beeswax', openingQuantity: '100', cost: '1' });
    const aItem = await aOwner.inventory.create({ name: 'A beeswax', openingQuantity: '100', cost: '1' });
    const bRecipe = await recipeIn(bOrgId, B_RECIPE, bItem.id);
    const aRecipe = await recipeIn(aOrgId, 'A balm', aItem.id);
    const bBatch = await bOwner.batches.start({ recipeId: bRecipe.id });
    const bTimer = await bOwner.batches.startTimer({ batchId: bBatch.batchId, durationSeconds: 60 });
    const bLot = await env.db.inventoryLot.findFirstOrThrow({ where: { itemId: bItem.id } });
    return {
      bRecipeId: bRecipe.id,
      aRecipeId: aRecipe.id,
      bBatchId: bBatch.batchId,
      bLabel: bBatch.label,
      bTimerId: bTimer.id,
      bLotId: bLot.id,
      bItemId: bItem.id,
    };
  },
  inputs: (fx) => ({
    'batches.plan': { input: { recipeId: fx.bRecipeId }, foreign: true },
    'batches.start': { input: { recipeId: fx.bRecipeId }, foreign: true },
    'batches.list': { input: {}, foreign: false },
    'batches.get': { input: { batchId: fx.bBatchId }, foreign: true },
    'batches.addNote': { input: { batchId: fx.bBatchId, text: 'cross-tenant note' }, foreign: true },
    'batches.setTags': { input: { batchId: fx.bBatchId, tags: ['x'] }, foreign: true },
    'batches.addExtras': {
      input: { batchId: fx.bBatchId, lines: [{ kind: 'ingredient', itemId: fx.bItemId, quantity: '1' }] },
      foreign: true,
    },
    'batches.timers': { input: { batchId: fx.bBatchId }, foreign: true },
    'batches.startTimer': { input: { batchId: fx.bBatchId, durationSeconds: 30 }, foreign: true },
    'batches.pauseTimer': { input: { timerId: fx.bTimerId }, foreign: true },
    'batches.resumeTimer': { input: { timerId: fx.bTimerId }, foreign: true },
    'batches.completeTimer': { input: { timerId: fx.bTimerId }, foreign: true },
    'batches.cancelTimer': { input: { timerId: fx.bTimerId }, foreign: true },
    'batches.complete': { input: { batchId: fx.bBatchId, finalQuantity: '1', outputUnit: 'gram' }, foreign: true },
    'batches.retryCompletion': { input: { batchId: fx.bBatchId }, foreign: true },
    'batches.fail': { input: { batchId: fx.bBatchId, reason: 'cross-tenant' }, foreign: true },
    'batches.cancel': { input: { batchId: fx.bBatchId }, foreign: true },
    'batches.traceBackward': { input: { batchId: fx.bBatchId }, foreign: true },
    'batches.traceForward': { input: { lotId: fx.bLotId }, foreign: true },
    'batches.findTrace': { input: { code: fx.bLabel }, foreign: true },
    'batches.recallCsv': { input: { direction: 'forward', lotId: fx.bLotId }, foreign: true },
  }),
  secrets: (fx) => [fx.bRecipeId, fx.bBatchId, fx.bLabel, fx.bTimerId, fx.bLotId, B_RECIPE],
  async assertUntouched({ env }, fx) {
    const b = await env.db.batch.findUniqueOrThrow({
      where: { id: fx.bBatchId },
      include: { notes: true, lines: true, timers: true },
    });
    expect([b.status, b.notes.length, b.lines.length, b.tags, b.timers.map((t) => t.status)]).toEqual([
      'in_progress',
      0,
      1,
      [],
      ['active'],
    ]);
  },
});
