// Numbers are bounded by their columns and kept exactly (docs/rules/input-limits.md): the twenty
// movements with a seventh decimal, conversions rounded once, a movement that would round to zero, the
// values batches.complete must refuse before its job runs, and references to rows that do not exist.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg, type Caller } from '../helpers/factories.ts';
import { expectBooksBalance } from '../helpers/inventory.ts';
import { makeRecipe } from '../helpers/production.ts';

let env: TestEnv;
let org: Awaited<ReturnType<typeof makeOrg>>;
let owner: Caller;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  await resetData(env.db);
  org = await makeOrg(env);
  owner = await callerFor(env, org.owner.id);
});

async function books(itemId: string) {
  const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
  const lots = await env.db.inventoryLot.aggregate({ where: { itemId }, _sum: { remainingQuantity: true } });
  const events = await env.db.inventoryEvent.aggregate({ where: { itemId }, _sum: { quantityDelta: true } });
  return {
    onHand: item.quantity.toString(),
    lots: lots._sum.remainingQuantity?.toString(),
    events: events._sum.quantityDelta?.toString(),
  };
}

describe('precision: one scale per kind, kept exactly', () => {
  it('refuses the twenty movements of 1.5000001 g, and twenty of 1.500001 g add up exactly', async () => {
    const item = await owner.inventory.create({ name: 'Shea', unit: 'gram' });
    for (let i = 0; i < 20; i++) {
      await expect(
        owner.inventory.adjust({ itemId: item.id, changeType: 'restock', quantity: '1.5000001', unitCost: '0.01' }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'quantity: Quantity can have at most 6 decimals' });
    }
    expect(await books(item.id)).toEqual({ onHand: '0', lots: undefined, events: undefined });
    for (let i = 0; i < 20; i++)
      await owner.inventory.adjust({ itemId: item.id, changeType: 'restock', quantity: '1.500001', unitCost: '0.01' });
    expect(await books(item.id)).toEqual({ onHand: '30.00002', lots: '30.00002', events: '30.00002' });
    await expectBooksBalance(env, org.id);
  });

  it('rounds a converted quantity once, so on-hand = Σ lots = Σ events after twenty ounces in grams', async () => {
    const item = await owner.inventory.create({ name: 'Cocoa butter', unit: 'gram' });
    // 1 oz = 28.349523125 g: nine decimals, kept as 28.349523 everywhere.
    for (let i = 0; i < 20; i++)
      await owner.inventory.adjust({
        itemId: item.id,
        changeType: 'restock',
        quantity: '1',
        unit: 'oz',
        unitCost: '1',
      });
    for (let i = 0; i < 7; i++)
      await owner.inventory.adjust({ itemId: item.id, changeType: 'use', quantity: '0.5', unit: 'oz' });
    // 20 × 28.349523 − 7 × 14.174762 (0.5 oz = 14.1747615625 g, rounded half up)
    expect(await books(item.id)).toEqual({ onHand: '467.767126', lots: '467.767126', events: '467.767126' });
    await expectBooksBalance(env, org.id);
  });

  it('refuses a movement that would round to zero in the item unit ("0 gram taken from 1 lot")', async () => {
    const item = await owner.inventory.create({ name: 'Mica', unit: 'gram', openingQuantity: '10', cost: '1' });
    await expect(
      owner.inventory.adjust({ itemId: item.id, changeType: 'use', quantity: '0.000001', unit: 'mg' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '0.000001 mg is less than the smallest amount of Mica recorded (0.000001 gram).',
    });
    await expect(
      owner.inventory.adjust({ itemId: item.id, changeType: 'use', quantity: '0.0000001' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'quantity: Quantity can have at most 6 decimals' });
    expect(await env.db.inventoryMovement.count({ where: { itemId: item.id } })).toBe(1);
    expect(await books(item.id)).toEqual({ onHand: '10', lots: '10', events: '10' });
  });

  it('bounds numbers by their columns: quantities below 10^14, integers within int4, dates 1900–2200', async () => {
    const item = await owner.inventory.create({ name: 'Lye', unit: 'gram' });
    const cases: [Record<string, unknown>, string][] = [
      [{ quantity: '999999999999999999999999999999' }, 'quantity: Quantity must be less than 100,000,000,000,000'],
      [{ quantity: 1e20 }, 'quantity: Quantity must be less than 100,000,000,000,000'],
      [{ quantity: '5', unitCost: '1e20' }, 'unitCost: Cost per unit must be a number'],
      [{ quantity: '5', receivedAt: '-271821-04-20' }, 'receivedAt: Enter a date after 1900'],
      [{ quantity: '5', expiresAt: '9999-12-31' }, 'expiresAt: Enter a date before 2200'],
      [{ quantity: '5', notes: 'a\u0000b' }, 'notes: Remove the control characters (such as NUL) from this text'],
    ];
    for (const [extra, message] of cases)
      await expect(
        owner.inventory.adjust({ itemId: item.id, changeType: 'restock', ...extra } as never),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST', message });
    await expect(owner.org.updateInventorySettings({ expiringSoonDays: 2147483648 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(owner.inventory.create({ name: 'Big', shelfLifeDays: 2147483648 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'shelfLifeDays: Shelf life must be at most 3,650 days',
    });
    expect(await env.db.inventoryMovement.count({ where: { itemId: item.id } })).toBe(0);
  });

  it('keeps the largest quantity the column holds, exactly', async () => {
    const item = await owner.inventory.create({ name: 'Water', unit: 'gram' });
    await owner.inventory.adjust({ itemId: item.id, changeType: 'restock', quantity: '99999999999999.999999' });
    expect(await books(item.id)).toEqual({
      onHand: '99999999999999.999999',
      lots: '99999999999999.999999',
      events: '99999999999999.999999',
    });
    // One more gram does not fit the on-hand column: a 400 that says so, and nothing written.
    await expect(
      owner.inventory.adjust({ itemId: item.id, changeType: 'restock', quantity: '1' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A number is too large to store.' });
    expect(await env.db.inventoryMovement.count({ where: { itemId: item.id } })).toBe(1);
  });
});

describe('batches.complete refuses at the request what its job could not write', () => {
  it('refuses a final quantity of 30 nines and 2147483648 portions; nothing is queued or stored', async () => {
    const oil = await owner.inventory.create({ name: 'Olive', unit: 'gram', openingQuantity: '1000', cost: '1' });
    const recipe = await makeRecipe(env, org.id, {
      yield: '100',
      isPortioned: true,
      portionName: 'bar',
      portionCount: 10,
      lines: [{ itemId: oil.id, quantity: '100', unit: 'gram' }],
    });
    const { batchId } = await owner.batches.start({ recipeId: recipe.id });
    const base = { batchId, finalQuantity: '100', outputUnit: 'gram', finalPortions: 10 };
    const refused: [Record<string, unknown>, string][] = [
      [{ finalQuantity: '9'.repeat(30) }, 'finalQuantity: Quantity must be less than 100,000,000,000,000'],
      [{ finalQuantity: '1.0000001' }, 'finalQuantity: Quantity can have at most 6 decimals'],
      [{ finalPortions: 2147483648 }, 'finalPortions: Portions must be at most 2,147,483,647.'],
      [{ wasteQuantity: '1e30' }, 'wasteQuantity: Waste must be a number'],
      [
        { containerCounts: { [oil.id]: 2147483648 } },
        `containerCounts.${oil.id}: Containers filled must be at most 2,147,483,647`,
      ],
      [{ shelfLifeDays: 2147483648 }, 'shelfLifeDays: Shelf life must be at most 3,650 days'],
      [{ expiresAt: '-271821-04-20' }, 'expiresAt: Enter a date after 1900'],
      [{ wasteReason: 'spilt\u0000' }, 'wasteReason: Remove the control characters (such as NUL) from this text'],
    ];
    for (const [over, message] of refused)
      await expect(owner.batches.complete({ ...base, ...over } as never)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message,
      });
    const batch = await env.db.batch.findUniqueOrThrow({ where: { id: batchId } });
    expect([batch.status, batch.completion]).toEqual(['in_progress', null]);
    const jobs = await env.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = 'batch.complete'`,
    );
    expect(Number(jobs[0]!.n)).toBe(0);
  });
});

describe('references to rows that do not exist', () => {
  it('answers NOT_FOUND naming what was not found, not a database error', async () => {
    const item = await owner.inventory.create({ name: 'Beeswax', unit: 'gram' });
    await expect(
      owner.inventory.update({ itemId: item.id, ingredientCategoryId: '00000000-0000-4000-8000-000000000001' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Ingredient category not found.' });
    await expect(
      owner.inventory.create({ name: 'Jar', inventoryCategoryId: '00000000-0000-4000-8000-000000000002' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await env.db.inventoryItem.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it('answers a required id left out of a trace CSV with a message, not "id: undefined"', async () => {
    await expect(owner.batches.recallCsv({ direction: 'forward' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'lotId: Choose the lot to trace forward from',
    });
    await expect(owner.batches.recallCsv({ direction: 'backward' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'batchId: Choose the batch or lot to trace back from',
    });
  });
});
