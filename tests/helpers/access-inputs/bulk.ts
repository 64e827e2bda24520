import { defineArea } from './types.ts';

// Inputs for bulk stock updates and the tracked/infinite switch. They use organization B's own "secret oil"
// when the suite made one (so its id is one the foreign-id swap knows), else an item of their own. The
// inputs change nothing on B's side even when run for real: a draft, and a switch to where it already is.
export default defineArea({
  async setup({ env, bOrgId, bOwner }) {
    const found = await env.db.inventoryItem.findFirst({
      where: { organizationId: bOrgId, name: { endsWith: 'secret oil' }, isTracked: true },
      select: { id: true, quantity: true },
    });
    const item =
      found ?? (await bOwner.inventory.create({ name: 'B secret bulk oil', openingQuantity: '10', cost: '1' }));
    const quantity = (await env.db.inventoryItem.findUniqueOrThrow({ where: { id: item.id } })).quantity.toString();
    return { itemId: item.id, quantity };
  },
  inputs: (fx) => ({
    'inventory.bulkUpdate': {
      input: { mode: 'draft', lines: [{ action: 'restock', itemId: fx.itemId, quantity: '1' }] },
      foreign: true,
    },
    'inventory.setTracking': { input: { itemId: fx.itemId, tracked: true }, foreign: true },
  }),
  secrets: (fx) => ['B secret bulk oil', fx.itemId],
  async assertUntouched({ env }, fx) {
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: fx.itemId } });
    if (!item.isTracked || item.quantity.toString() !== fx.quantity) throw new Error('B bulk item was changed');
  },
});
