import { expect } from 'vitest';
import { defineArea } from './types.ts';
import { makeRecipe } from '../production.ts';

const B_RECIPE = 'B secret forgotten recipe';

// Inputs for the retention procedures: org B has an old unused recipe queued for deletion.
export default defineArea({
  async setup({ env, bOrgId, bOwner }) {
    const recipe = await makeRecipe(env, bOrgId, { name: B_RECIPE, lines: [] });
    await env.db.recipe.update({ where: { id: recipe.id }, data: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    await bOwner.retention.acknowledge();
    const entry = await env.db.retentionDeletionQueue.findFirstOrThrow({ where: { recipeId: recipe.id } });
    return { recipeId: recipe.id, entryId: entry.id };
  },
  inputs: (fx) => ({
    'retention.notice': { input: undefined, foreign: false },
    'retention.list': { input: undefined, foreign: false },
    'retention.export': { input: { format: 'json' }, foreign: false },
    'retention.acknowledge': { input: undefined, foreign: false },
    'retention.keep': { input: { entryId: fx.entryId }, foreign: true },
  }),
  secrets: (fx) => [B_RECIPE, fx.recipeId, fx.entryId],
  async assertUntouched({ env }, fx) {
    const entry = await env.db.retentionDeletionQueue.findUniqueOrThrow({ where: { id: fx.entryId } });
    expect(entry.status).toBe('queued');
  },
});
