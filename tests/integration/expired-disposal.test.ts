// "Dispose expired" (docs/rules/inventory.md, Expired lots): one `spoil` movement per expired lot, noted
// "Expired lot <code>", in one transaction; the `expired` change type is left to automatic disposal.
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { expectBooksBalance, makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { disposeExpired } from '../../src/lib/server/domain/inventory/expiry.ts';

const DAY = 86_400_000;
const env = useTestEnv();

describe('disposing expired stock', () => {
  it('spoils each expired lot with its code in the note and leaves the fresh lot', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const cream = await makeItem(db, ctx, {
      name: 'Cream',
      isPerishable: true,
      shelfLifeDays: 2,
      openingQuantity: '30',
      cost: '1',
    });
    env.clock.advance(DAY);
    await applyMovement(db, ctx, { itemId: cream.id, changeType: 'restock', quantity: '12', unitCost: '1.5' });
    env.clock.advance(3 * DAY); // day 4: the lots of day 0 and day 1 have expired
    await applyMovement(db, ctx, { itemId: cream.id, changeType: 'restock', quantity: '20', unitCost: '2' });
    const lots = await env.db.inventoryLot.findMany({ where: { itemId: cream.id }, orderBy: { receivedAt: 'asc' } });

    const r = await disposeExpired(db, ctx, { itemId: cream.id });
    expect(r.quantityDelta).toBe('-42');
    expect(r.message).toBe('Disposed 42 of Cream from 2 expired lots.');
    const moves = await env.db.inventoryMovement.findMany({
      where: { itemId: cream.id, id: { in: r.movements.filter((m): m is string => !!m) } },
      orderBy: { createdAt: 'asc' },
    });
    expect(moves.map((m) => [m.changeType, m.quantityDelta.toString(), m.notes]).sort()).toEqual(
      [
        ['spoil', '-30', `Expired lot ${lots[0]!.code}`],
        ['spoil', '-12', `Expired lot ${lots[1]!.code}`],
      ].sort(),
    );
    const after = await env.db.inventoryLot.findMany({ where: { itemId: cream.id }, orderBy: { receivedAt: 'asc' } });
    expect(after.map((l) => l.remainingQuantity.toString())).toEqual(['0', '0', '20']);
    expect((await env.db.inventoryItem.findUniqueOrThrow({ where: { id: cream.id } })).quantity.toString()).toBe('20');
    expect(await env.db.inventoryMovement.count({ where: { itemId: cream.id, changeType: 'expired' } })).toBe(0);
    await expect(disposeExpired(db, ctx, { itemId: cream.id })).rejects.toThrow('Cream has no expired stock.');
    await expectBooksBalance(env, org.id);
  });
});
