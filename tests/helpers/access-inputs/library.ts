import { defineArea } from './types.ts';

// Inputs for the item library (docs/rules/library.md): a shared library item, and org B's item linked to it.
export default defineArea({
  async setup({ env, bOrgId }) {
    const g = await env.db.globalItem.upsert({
      where: { slug: 'access-inputs-wax' },
      create: {
        name: 'Access inputs wax',
        slug: 'access-inputs-wax',
        itemType: 'ingredient',
        defaultUnit: 'gram',
        density: '0.96',
      },
      update: { archivedAt: null },
    });
    const item = await env.db.inventoryItem.create({
      data: {
        organizationId: bOrgId,
        name: 'B secret library wax',
        itemType: 'ingredient',
        unit: 'gram',
        globalItemId: g.id,
        density: '0.96',
      },
    });
    return { globalItemId: g.id, itemId: item.id };
  },
  inputs: (fx) => ({
    'library.save': { input: { globalItemId: fx.globalItemId }, foreign: false },
    'library.suggestions': { input: { itemId: fx.itemId }, foreign: true },
    'library.itemLink': { input: { itemId: fx.itemId }, foreign: true },
    'library.link': { input: { itemId: fx.itemId, globalItemId: fx.globalItemId }, foreign: true },
    'library.unlink': { input: { itemId: fx.itemId }, foreign: true },
    'library.resync': { input: { itemId: fx.itemId }, foreign: true },
  }),
  secrets: (fx) => ['B secret library wax', fx.itemId],
  async assertUntouched({ env }, fx) {
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: fx.itemId } });
    if (item.globalItemId !== fx.globalItemId || item.density?.toString() !== '0.96')
      throw new Error('B secret library wax was changed');
  },
});
