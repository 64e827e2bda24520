// The item library (docs/rules/library.md) with concrete numbers: the starter catalogue, the console's
// curation and CSV import, the public reads and their rate limit, saving to an inventory, and links.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor, makeDeveloper, type Caller } from '../helpers/factories.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';
import { seedGlobalItems } from '../../src/lib/server/seed/seed-global-items.ts';
import { GLOBAL_ITEMS, type GlobalItemSeed } from '../../src/lib/server/seed/global-items.ts';
import { findGlobalItemForName, suggestGlobalItems } from '../../src/lib/server/domain/library/links.ts';
import { createRateLimiter, libraryRateLimiter } from '../../src/lib/server/http/rate-limit.ts';

let env: TestEnv;
let dev: Caller;
let seq = 0;
/** A name no other test (nor the starter catalogue) uses. */
const unique = (name: string) => `${name} T${Date.now().toString(36)}${seq++}`;

beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
  await seedGlobalItems(env.db);
});
beforeEach(async () => {
  env.clock.set(FIXED_NOW);
  libraryRateLimiter.reset();
  dev = await callerFor(env, (await makeDeveloper(env)).id);
});
afterAll(() => env.close());

/** The starter catalogue's Milk (liquid, 1.03 g/ml), as the tests need it even after another test edited it. */
async function milk() {
  const g = await env.db.globalItem.findUniqueOrThrow({ where: { slug: 'milk' } });
  return dev.dev.library.update({
    globalItemId: g.id,
    name: 'Milk',
    slug: 'milk',
    aliases: ['whole milk', 'cow milk'],
    itemType: 'ingredient',
    defaultUnit: 'ml',
    density: '1.03',
    ingredientCategory: 'Liquids',
    isPerishable: true,
    shelfLifeDays: 7,
  });
}

describe('starter catalogue', () => {
  it('seeds at least 150 materials, oils and butters with SAP values, idempotently by slug', async () => {
    expect(GLOBAL_ITEMS.length).toBeGreaterThanOrEqual(150);
    const before = await env.db.globalItem.count();
    expect(before).toBeGreaterThanOrEqual(150);
    await seedGlobalItems(env.db);
    expect(await env.db.globalItem.count()).toBe(before);
    const olive = await env.db.globalItem.findUniqueOrThrow({ where: { slug: 'olive-oil' } });
    expect([olive.density?.toString(), olive.sapNaoh?.toString(), olive.sapKoh?.toString()]).toEqual([
      '0.911',
      '0.1353',
      '0.19',
    ]);
    const oils = GLOBAL_ITEMS.filter((g) => g.category === 'Carrier Oils' || g.category === 'Butters');
    expect(oils.length).toBeGreaterThanOrEqual(50);
    for (const o of oils) expect([o.name, Boolean(o.sapNaoh && o.sapKoh && o.density)]).toEqual([o.name, true]);
    const jar = await env.db.globalItem.findUniqueOrThrow({ where: { slug: 'amber-glass-jar-4-oz' } });
    expect([jar.itemType, jar.defaultUnit, jar.capacity?.toString(), jar.capacityUnit]).toEqual([
      'container',
      'count',
      '4',
      'floz',
    ]);
  });

  it('never overwrites a field edited in the console, and keeps an archived item archived', async () => {
    const seed: GlobalItemSeed = { ...GLOBAL_ITEMS.find((g) => g.slug === 'olive-oil')!, name: unique('Seed Oil') };
    seed.slug = seed.name.toLowerCase().replace(/\s+/g, '-');
    await seedGlobalItems(env.db, [seed]);
    const row = await env.db.globalItem.findUniqueOrThrow({ where: { slug: seed.slug } });
    await dev.dev.library.update({
      globalItemId: row.id,
      name: seed.name,
      slug: seed.slug,
      defaultUnit: 'gram',
      density: '0.95',
      sapNaoh: '0.1353',
      sapKoh: '0.19',
      ingredientCategory: 'Carrier Oils',
    });
    await dev.dev.library.archive({ globalItemId: row.id });
    await seedGlobalItems(env.db, [{ ...seed, sapKoh: '0.191' }]);
    const after = await env.db.globalItem.findUniqueOrThrow({ where: { slug: seed.slug } });
    expect(after.editedFields).toContain('density');
    // density was edited and stays; the SAP (KOH) value was not, and follows the seed.
    expect([after.density?.toString(), after.sapKoh?.toString(), after.archivedAt]).toEqual([
      '0.95',
      '0.191',
      FIXED_NOW,
    ]);
  });
});

describe('public library', () => {
  it('lists, searches by name and alias, and shows one item by slug, signed out', async () => {
    await milk();
    const anon = await callerFor(env, null);
    const page = await anon.library.list({ search: 'shea', pageSize: 5 });
    expect(page.items.map((i) => i.slug)).toContain('shea-butter');
    const byAlias = await anon.library.list({ search: 'Caustic Soda' });
    expect(byAlias.items.map((i) => i.slug)).toEqual(['sodium-hydroxide']);
    const lye = await anon.library.list({ search: 'lye' });
    expect(lye.items.map((i) => i.slug)).toContain('sodium-hydroxide');
    const shea = await anon.library.get({ slug: 'shea-butter' });
    expect([shea.name, shea.density, shea.sapNaoh, shea.sapKoh, shea.ingredientCategory]).toEqual([
      'Shea Butter',
      '0.91',
      '0.128',
      '0.179',
      'Butters',
    ]);
    expect(shea.fattyAcids).toEqual({ palmitic: 5, stearic: 40, oleic: 48, linoleic: 6 });
    const first = await anon.library.list({ sort: 'name', pageSize: 10, page: 1 });
    const second = await anon.library.list({ sort: 'name', pageSize: 10, page: 2 });
    expect(first.items).toHaveLength(10);
    expect(first.total).toBeGreaterThanOrEqual(150);
    expect(first.items.at(-1)!.name.localeCompare(second.items[0]!.name)).toBeLessThanOrEqual(0);
  });

  it('answers the typeahead with names starting with the text first', async () => {
    const anon = await callerFor(env, null);
    const hits = await anon.library.typeahead({ q: 'coco' });
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(hits.length).toBeLessThanOrEqual(8);
    expect(hits[0]!.name.toLowerCase().startsWith('coco')).toBe(true);
    expect(await anon.library.typeahead({ q: 'c' })).toEqual([]);
  });

  it('refuses the 121st read of a minute from one address with TOO_MANY_REQUESTS, not another address', async () => {
    const a = await callerFor(env, null, { clientAddress: '203.0.113.7' });
    const b = await callerFor(env, null, { clientAddress: '203.0.113.8' });
    for (let i = 0; i < 120; i++) await a.library.typeahead({ q: 'x' });
    await expect(a.library.typeahead({ q: 'x' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many requests: try again in 60 s.',
    });
    await expect(b.library.typeahead({ q: 'x' })).resolves.toEqual([]);
    env.clock.advance(60_000);
    await expect(a.library.typeahead({ q: 'x' })).resolves.toEqual([]);
  });

  it('a limiter counts per key within its window', () => {
    const l = createRateLimiter({ limit: 3, windowMs: 1000 });
    for (let i = 0; i < 3; i++) l.hit('k', 100);
    expect(() => l.hit('k', 600)).toThrow('Too many requests: try again in 1 s.');
    expect(() => l.hit('k', 1100)).not.toThrow();
  });
});

describe('save to inventory', () => {
  it('creates a 0-quantity linked item with the library density and unit, once', async () => {
    const g = await milk();
    const { org, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const saved = await owner.library.save({ globalItemId: g.id });
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: saved.itemId } });
    expect([item.name, item.unit, item.quantity.toString(), item.density?.toString(), item.globalItemId]).toEqual([
      'Milk',
      'ml',
      '0',
      '1.03',
      g.id,
    ]);
    expect([item.isPerishable, item.shelfLifeDays, item.densitySource]).toEqual([true, 7, 'global']);
    expect(await env.db.inventoryLot.count({ where: { itemId: item.id } })).toBe(0);
    await expect(owner.library.save({ globalItemId: g.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Milk is already in your inventory.',
    });
    expect(ctx.organizationId).toBe(org.id);
  });

  it('a container takes the library capacity and is counted', async () => {
    const jar = await env.db.globalItem.findUniqueOrThrow({ where: { slug: 'amber-glass-jar-4-oz' } });
    const { org } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const saved = await owner.library.save({ globalItemId: jar.id });
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: saved.itemId } });
    expect([item.itemType, item.unit, item.capacity?.toString(), item.capacityUnit, item.containerMaterial]).toEqual([
      'container',
      'count',
      '4',
      'floz',
      'Glass',
    ]);
  });

  it('refuses a signed-out visitor and a member without inventory.edit', async () => {
    const g = await milk();
    const anon = await callerFor(env, null);
    await expect(anon.library.save({ globalItemId: g.id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('linked items keep their own stock, cost and lots when the library density changes', async () => {
    const name = unique('Oat Milk');
    const g = await dev.dev.library.create({ name, defaultUnit: 'ml', density: '1.02', ingredientCategory: 'Liquids' });
    const { org, db, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const { itemId } = await owner.library.save({ globalItemId: g.id });
    await applyMovement(db, ctx, { itemId, changeType: 'restock', quantity: '500', unitCost: '0.01' });
    const updated = await dev.dev.library.update({
      globalItemId: g.id,
      name,
      slug: g.slug,
      defaultUnit: 'ml',
      density: '1.035',
      ingredientCategory: 'Liquids',
    });
    expect(updated.linkedUpdated).toBe(1);
    const item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
    expect([item.density?.toString(), item.quantity.toString(), item.costPerUnit.toString(), item.unit]).toEqual([
      '1.035',
      '500',
      '0.01',
      'ml',
    ]);
    const lots = await env.db.inventoryLot.findMany({ where: { itemId } });
    expect(lots.map((l) => [l.remainingQuantity.toString(), l.unitCost.toString()])).toEqual([['500', '0.01']]);
  });
});

describe('link existing items', () => {
  it('"Milk" (liquid, density 1.03) is suggested for the ml and g items, but not for a count item', async () => {
    const g = await milk();
    const { db, ctx } = await makeInventoryOrg(env);
    const ml = await makeItem(db, ctx, { name: 'Milk', unit: 'ml' });
    const grams = await makeItem(db, ctx, { name: 'Whole Milk', unit: 'gram' });
    const count = await makeItem(db, ctx, { name: 'Milk Carton', unit: 'count' });
    const ids = async (itemId: string) => (await suggestGlobalItems(db, ctx, { itemId })).map((s) => s.id);
    expect(await ids(ml.id)).toContain(g.id);
    expect((await suggestGlobalItems(db, ctx, { itemId: ml.id }))[0]).toMatchObject({ id: g.id, score: 1 });
    expect(await ids(grams.id)).toContain(g.id);
    expect(await ids(count.id)).not.toContain(g.id);
    // No liquid at all for the count item: every suggestion is itself counted.
    const offered = await env.db.globalItem.findMany({ where: { id: { in: await ids(count.id) } } });
    expect(offered.every((o) => o.defaultUnit === 'count')).toBe(true);
  });

  it('linking sets the density and keeps the unit; unlink keeps the values; resync takes the library again', async () => {
    const g = await milk();
    const { org, db, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const grams = await makeItem(db, ctx, { name: 'Fresh milk', unit: 'gram', openingQuantity: '2000', cost: '0.002' });
    const count = await makeItem(db, ctx, { name: 'Milk Carton', unit: 'count' });
    await owner.library.link({ itemId: grams.id, globalItemId: g.id });
    let item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: grams.id } });
    expect([item.unit, item.density?.toString(), item.globalItemId, item.quantity.toString()]).toEqual([
      'gram',
      '1.03',
      g.id,
      '2000',
    ]);
    await expect(owner.library.link({ itemId: count.id, globalItemId: g.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: "Milk is measured in ml, which does not convert to Milk Carton's unit (count).",
    });
    await owner.library.unlink({ itemId: grams.id });
    item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: grams.id } });
    expect([item.globalItemId, item.density?.toString()]).toEqual([null, '1.03']);
    await expect(owner.library.resync({ itemId: grams.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Fresh milk is not linked to the library.',
    });
    await owner.library.link({ itemId: grams.id, globalItemId: g.id });
    await env.db.inventoryItem.update({ where: { id: grams.id }, data: { density: '0.9' } });
    await owner.library.resync({ itemId: grams.id });
    item = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: grams.id } });
    expect([item.unit, item.density?.toString()]).toEqual(['gram', '1.03']);
  });

  it('finds a library item by name or alias, plurals and case ignored', async () => {
    expect((await findGlobalItemForName(env.db, 'shea butters'))?.slug).toBe('shea-butter');
    expect((await findGlobalItemForName(env.db, 'CAUSTIC SODA'))?.slug).toBe('sodium-hydroxide');
    expect(await findGlobalItemForName(env.db, 'unobtainium')).toBeNull();
  });
});

describe('archiving a library item', () => {
  it('clears the links and leaves the organization items as they were', async () => {
    const name = unique('Tallow Blend');
    const g = await dev.dev.library.create({
      name,
      defaultUnit: 'gram',
      density: '0.9',
      ingredientCategory: 'Butters',
    });
    const { org, db, ctx } = await makeInventoryOrg(env);
    const owner = await callerFor(env, org.owner.id);
    const { itemId } = await owner.library.save({ globalItemId: g.id });
    await applyMovement(db, ctx, { itemId, changeType: 'restock', quantity: '750', unitCost: '0.004' });
    const before = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(await dev.dev.library.archive({ globalItemId: g.id })).toEqual({ globalItemId: g.id, unlinked: 1 });
    const after = await env.db.inventoryItem.findUniqueOrThrow({ where: { id: itemId } });
    expect(after.globalItemId).toBeNull();
    const keep = (i: typeof before) => [
      i.name,
      i.unit,
      i.density?.toString(),
      i.quantity.toString(),
      i.costPerUnit.toString(),
    ];
    expect(keep(after)).toEqual(keep(before));
    expect(keep(after)).toEqual([name, 'gram', '0.9', '750', '0.004']);
    const anon = await callerFor(env, null);
    await expect(anon.library.get({ slug: g.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await anon.library.list({ search: name })).total).toBe(0);
    await expect(owner.library.save({ globalItemId: g.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await dev.dev.library.restore({ globalItemId: g.id });
    expect((await anon.library.get({ slug: g.slug })).name).toBe(name);
  });
});

describe('console', () => {
  it('lists with search, status and sort, and refuses a taken slug', async () => {
    const name = unique('Zinc Stearate');
    const g = await dev.dev.library.create({ name, defaultUnit: 'gram', density: '0.3', aliases: ['zn stearate'] });
    const listed = await dev.dev.library.list({ search: name });
    expect(listed.items.map((i) => [i.name, i.linkedItems])).toEqual([[name, 0]]);
    await expect(dev.dev.library.create({ name, defaultUnit: 'gram' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `The slug "${g.slug}" is taken by ${name}`,
    });
    await expect(
      dev.dev.library.create({ name: unique('Jar'), itemType: 'container', defaultUnit: 'ml' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Containers are counted: their unit is count',
    });
    await expect(
      dev.dev.library.create({ name: unique('Oil'), defaultUnit: 'gram', sapKoh: '190' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await dev.dev.library.archive({ globalItemId: g.id });
    expect((await dev.dev.library.list({ search: name })).total).toBe(0);
    expect((await dev.dev.library.list({ search: name, status: 'archived' })).items[0]!.archivedAt).toEqual(FIXED_NOW);
    const audit = await env.db.auditLog.findMany({ where: { targetKey: g.slug }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['global_item.create', 'global_item.archive']);
  });

  it('imports a CSV all or nothing, naming every bad line', async () => {
    const a = unique('Import Oil A');
    const b = unique('Import Oil B');
    const bad = [
      'name,default_unit,density,sap_naoh,sap_koh,aliases,fatty_acids',
      `${a},gram,0.92,0.135,0.19,first alias;second alias,oleic:70;linoleic:12`,
      `${b},furlong,0.91,,,,`,
      `${b} C,gram,dense,,,,`,
    ].join('\n');
    const err = await dev.dev.library.import({ csv: bad }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
    expect((err as Error).message).toBe(
      'Nothing was imported: 2 problem(s). Line 3 (default_unit): Unknown unit "furlong"; Line 4 (density): Density (g/mL) must be a number',
    );
    expect(await env.db.globalItem.count({ where: { name: { in: [a, b] } } })).toBe(0);
    const good = [
      'name,default_unit,density,sap_naoh,sap_koh,aliases,fatty_acids',
      `${a},gram,0.92,0.135,0.19,first alias;second alias,oleic:70;linoleic:12`,
      `${b},ml,0.91,,,,`,
    ].join('\n');
    expect(await dev.dev.library.import({ csv: good })).toEqual({ created: 2, updated: 0 });
    const row = await env.db.globalItem.findFirstOrThrow({ where: { name: a } });
    expect([row.sapNaoh?.toString(), row.aliases, row.fattyAcids]).toEqual([
      '0.135',
      ['first alias', 'second alias'],
      { oleic: 70, linoleic: 12 },
    ]);
    // A second file with only names and densities updates them and keeps the SAP values.
    expect(await dev.dev.library.import({ csv: `name,default_unit,density\n${a},gram,0.925` })).toEqual({
      created: 0,
      updated: 1,
    });
    const again = await env.db.globalItem.findFirstOrThrow({ where: { name: a } });
    expect([again.density?.toString(), again.sapNaoh?.toString()]).toEqual(['0.925', '0.135']);
  });
});
