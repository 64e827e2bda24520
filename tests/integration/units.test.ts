import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg } from '../helpers/factories.ts';

const env = useTestEnv();

describe('custom units and conversion', () => {
  it('a same-type mapping makes a custom unit a normal unit of its type', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    await owner.units.createCustom({ name: 'scoop', unitType: 'weight' });
    expect(await owner.units.convert({ amount: '2', from: 'scoop', to: 'gram' })).toMatchObject({
      ok: false,
      code: 'MISSING_CUSTOM_MAPPING',
    });
    await owner.units.addMapping({ fromUnit: 'scoop', toUnit: 'gram', factor: '30' });
    const list = await owner.units.list();
    expect(list.custom).toEqual([expect.objectContaining({ name: 'scoop', factor: '30', isMapped: true })]);
    expect(await owner.units.convert({ amount: '2', from: 'scoop', to: 'kg' })).toMatchObject({
      ok: true,
      value: '0.06',
    });
    await expect(owner.units.addMapping({ fromUnit: 'scoop', toUnit: 'gram', factor: '31' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'scoop already has a mapping',
    });
    await expect(owner.units.addMapping({ fromUnit: 'gram', toUnit: 'kg', factor: '1' })).rejects.toMatchObject({
      message: 'Only custom units can be mapped',
    });
    await expect(owner.units.createCustom({ name: 'kg', unitType: 'weight' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a cross-type mapping (count to weight) is stored as a mapping', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    await owner.units.createCustom({ name: 'brick', unitType: 'count' });
    await owner.units.addMapping({ fromUnit: 'brick', toUnit: 'gram', factor: '113' });
    expect(await owner.units.convert({ amount: '4', from: 'brick', to: 'kg' })).toMatchObject({
      ok: true,
      value: '0.452',
      type: 'custom',
    });
    await owner.units.createCustom({ name: 'span', unitType: 'length' });
    await expect(owner.units.addMapping({ fromUnit: 'span', toUnit: 'gram', factor: '1' })).rejects.toMatchObject({
      message: 'A length unit cannot be mapped to a weight unit',
    });
  });

  it("one organization's custom units are invisible to another", async () => {
    const a = await makeOrg(env);
    const b = await makeOrg(env);
    const ownerA = await callerFor(env, a.owner.id);
    const ownerB = await callerFor(env, b.owner.id);
    await ownerA.units.createCustom({ name: 'pinch', unitType: 'weight' });
    await ownerA.units.addMapping({ fromUnit: 'pinch', toUnit: 'gram', factor: '0.36' });
    expect((await ownerB.units.list()).custom).toEqual([]);
    expect(await ownerB.units.convert({ amount: '1', from: 'pinch', to: 'gram' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_UNIT',
    });
    // B may create its own unit of the same name
    await expect(ownerB.units.createCustom({ name: 'pinch', unitType: 'weight' })).resolves.toBeTruthy();
  });

  it('converts volume to weight with the item density, the category default, or reports it missing', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const cats = await owner.inventory.categories();
    const carrier = cats.find((c) => c.name === 'Carrier Oils')!;
    const oil = await owner.inventory.create({ name: 'Sunflower oil', unit: 'gram', ingredientCategoryId: carrier.id });
    expect(await owner.units.convert({ amount: '100', from: 'ml', to: 'gram', itemId: oil.id })).toMatchObject({
      ok: true,
      value: '92',
      densityUsed: '0.92',
    });
    const bare = await owner.inventory.create({ name: 'Mystery liquid', unit: 'gram' });
    const adjust = owner.inventory.adjust({ itemId: bare.id, changeType: 'restock', quantity: '100', unit: 'ml' });
    await expect(adjust).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await adjust.catch((e) => expect(e.cause.details).toMatchObject({ conversionError: 'MISSING_DENSITY' }));
    await owner.inventory.update({ itemId: bare.id, density: '1.2' });
    const ok = await owner.inventory.adjust({
      itemId: bare.id,
      changeType: 'restock',
      quantity: '100',
      unit: 'ml',
      unitCost: '0.5',
    });
    // 100 ml × 1.2 g/ml = 120 g; the lot is worth 100 ml × $0.50 = $50 exactly, $0.416666666667/g derived
    expect(ok.item).toMatchObject({ quantity: '120', costPerUnit: '0.416666666667' });
    expect(ok.events[0]!.value).toBe('50');
  });
});

describe('organization inventory settings', () => {
  it('switches the costing method and the expiring-soon window', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    expect(await owner.org.inventorySettings()).toEqual({
      inventoryCostMethod: 'fifo',
      expiringSoonDays: 7,
      currency: 'USD',
    });
    await owner.org.updateInventorySettings({ inventoryCostMethod: 'average', expiringSoonDays: 14 });
    expect(await owner.org.inventorySettings()).toEqual({
      inventoryCostMethod: 'average',
      expiringSoonDays: 14,
      currency: 'USD',
    });
    await expect(owner.org.updateInventorySettings({ expiringSoonDays: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('organization currency (docs/rules/money-display.md)', () => {
  it('is USD by default, takes an ISO code in any case, refuses the rest, and reaches me.get', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    expect((await owner.me.get()).organization?.currency).toBe('USD');
    await owner.org.updateInventorySettings({ currency: 'eur' });
    expect((await owner.org.inventorySettings()).currency).toBe('EUR');
    expect((await owner.me.get()).organization?.currency).toBe('EUR');
    for (const bad of ['EU', 'EURO', 'QQQ', '$$$'])
      await expect(owner.org.updateInventorySettings({ currency: bad })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('Enter a three-letter currency code such as USD or EUR'),
      });
    expect((await owner.org.inventorySettings()).currency).toBe('EUR');
  });
});
