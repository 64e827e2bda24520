// Retention and the deletion queue (docs/rules/retention.md), on a fixed clock.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem } from '../helpers/inventory.ts';
import { callerFor } from '../helpers/factories.ts';
import { makeRecipe } from '../helpers/production.ts';
import { startBatch } from '../../src/lib/server/domain/batches/start-batch.ts';
import { sweepRetention } from '../../src/lib/server/domain/retention/sweep-retention.ts';

const env = useTestEnv();

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(FIXED_NOW.getTime() - n * DAY);
const sweep = (organizationId: string) =>
  sweepRetention(env.db, env.services, { organizationId, now: env.clock.now(), log: () => {} });
const mailsTo = (to: string) => env.db.mailMessage.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });

async function orgWithRecipes(tierKey = 'team') {
  const o = await makeInventoryOrg(env, tierKey);
  const oil = await makeItem(o.db, o.ctx, { name: 'Oil', openingQuantity: '1000', cost: '0.01' });
  const recipe = async (name: string, createdDaysAgo: number) => {
    const r = await makeRecipe(env, o.org.id, {
      name,
      yield: '500',
      yieldUnit: 'gram',
      lines: [{ itemId: oil.id, quantity: '10', unit: 'gram' }],
    });
    await env.db.recipe.update({ where: { id: r.id }, data: { createdAt: daysAgo(createdDaysAgo) } });
    return r;
  };
  const owner = await callerFor(env, o.org.owner.id);
  return { ...o, oil, recipe, owner };
}

describe('the retention notice', () => {
  it('a recipe 366 days old and never used: notice, export, acknowledge, deleted by the sweep 15 days later', async () => {
    const { org, recipe, owner } = await orgWithRecipes();
    const old = await recipe('Forgotten balm', 366);
    await recipe('Recent soap', 364);
    expect(await owner.retention.notice()).toEqual({ needsNotice: true, count: 1 });

    const csv = await owner.retention.export({ format: 'csv' });
    expect(csv.body).toBe(
      `id,name,created_at,predicted_yield,unit\r\n${old.id},Forgotten balm,${daysAgo(366).toISOString()},500,gram\r\n`,
    );
    const json = JSON.parse((await owner.retention.export({ format: 'json' })).body);
    expect(json.items).toEqual([
      {
        id: old.id,
        name: 'Forgotten balm',
        created_at: daysAgo(366).toISOString(),
        predicted_yield: '500',
        unit: 'gram',
      },
    ]);

    const ack = await owner.retention.acknowledge();
    expect(ack).toEqual({ queued: 1, deleteAfterAt: new Date(FIXED_NOW.getTime() + 15 * DAY) });
    // Queued: it leaves the notice.
    expect(await owner.retention.notice()).toEqual({ needsNotice: false, count: 0 });
    const entry = await env.db.retentionDeletionQueue.findFirstOrThrow({ where: { recipeId: old.id } });
    expect(entry).toMatchObject({ status: 'queued', acknowledgedAt: FIXED_NOW, acknowledgedById: org.owner.id });

    env.clock.advance(14 * DAY);
    expect((await sweep(org.id)).deleted).toBe(0);
    expect(await env.db.recipe.count({ where: { id: old.id } })).toBe(1);

    env.clock.advance(1 * DAY);
    const r = await sweep(org.id);
    expect([r.deleted, r.canceled]).toEqual([1, 0]);
    expect(await env.db.recipe.count({ where: { id: old.id } })).toBe(0);
    expect(await env.db.recipeLine.count({ where: { recipeId: old.id } })).toBe(0);
    expect(await env.db.recipe.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await env.db.retentionDeletionQueue.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      status: 'deleted',
      resolvedAt: new Date(FIXED_NOW.getTime() + 15 * DAY),
    });
    const ev = await env.db.domainEvent.findFirstOrThrow({ where: { eventName: 'recipe_deleted', entityId: old.id } });
    expect(ev.properties).toEqual({ name: 'Forgotten balm', reason: 'retention' });
    const mail = (await mailsTo(org.owner.email)).find((m) => m.subject.includes('deleted by data retention'));
    expect(mail?.subject).toContain('1 recipe(s) deleted');
    expect(mail?.text).toContain('Forgotten balm');
    // Idempotent: a second run deletes nothing more and sends nothing more.
    const again = await sweep(org.id);
    expect([again.deleted, again.canceled]).toEqual([0, 0]);
  });

  it('a queued recipe used by a batch in the meantime is canceled, not deleted', async () => {
    const { org, db, ctx, recipe, owner } = await orgWithRecipes();
    const old = await recipe('Old but revived', 400);
    await owner.retention.acknowledge();
    env.clock.advance(3 * DAY);
    await startBatch(db, ctx, { recipeId: old.id });
    env.clock.advance(12 * DAY);
    const r = await sweep(org.id);
    expect([r.deleted, r.canceled]).toEqual([0, 1]);
    expect(await env.db.recipe.count({ where: { id: old.id } })).toBe(1);
    expect((await env.db.retentionDeletionQueue.findFirstOrThrow({ where: { recipeId: old.id } })).status).toBe(
      'canceled',
    );
  });

  it('"Keep" on a queued entry cancels it: the sweep keeps the recipe, and it stays out of the notice', async () => {
    const { org, recipe, owner } = await orgWithRecipes();
    const old = await recipe('Keep me', 500);
    await owner.retention.acknowledge();
    const { queued } = await owner.retention.list();
    expect(queued.map((q) => q.recipeName)).toEqual(['Keep me']);
    await owner.retention.keep({ entryId: queued[0]!.id });
    await expect(owner.retention.keep({ entryId: queued[0]!.id })).rejects.toThrow('not queued');
    env.clock.advance(20 * DAY);
    expect((await sweep(org.id)).deleted).toBe(0);
    expect(await env.db.recipe.count({ where: { id: old.id } })).toBe(1);
    expect(await owner.retention.notice()).toEqual({ needsNotice: false, count: 0 });
  });

  it('the retention add-on exempts: included on the tier, or bought and active', async () => {
    const ent = await orgWithRecipes('enterprise');
    await ent.recipe('Ancient', 900);
    expect(await ent.owner.retention.notice()).toEqual({ needsNotice: false, count: 0 });

    const team = await orgWithRecipes('team');
    await team.recipe('Ancient too', 900);
    expect((await team.owner.retention.notice()).count).toBe(1);
    await team.owner.retention.acknowledge();
    const addon = await env.db.addon.findFirstOrThrow({ where: { functionKey: 'retention' } });
    await env.db.organizationAddon.create({ data: { organizationId: team.org.id, addonId: addon.id, active: true } });
    expect(await team.owner.retention.notice()).toEqual({ needsNotice: false, count: 0 });
    env.clock.advance(30 * DAY);
    const r = await sweep(team.org.id);
    expect(r.deleted).toBe(0);
    expect(await env.db.recipe.count({ where: { organizationId: team.org.id } })).toBe(1);
  });

  it('mails the owner 30 days before recipes become at risk, once per recipe', async () => {
    const { org, recipe } = await orgWithRecipes();
    await recipe('Nearly a year', 340);
    await recipe('Young', 300);
    await sweep(org.id);
    const notices = (await mailsTo(org.owner.email)).filter((m) => m.subject.includes('within 30 days'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('Nearly a year');
    expect(notices[0]!.text).not.toContain('Young');
    env.clock.advance(DAY);
    await sweep(org.id);
    expect((await mailsTo(org.owner.email)).filter((m) => m.subject.includes('within 30 days'))).toHaveLength(1);
  });

  it('refuses the notice to users without recipes.delete', async () => {
    const { org } = await orgWithRecipes();
    const { makeMember } = await import('../helpers/factories.ts');
    const viewer = await callerFor(env, (await makeMember(env, org.id, 'viewer')).id);
    await expect(viewer.retention.notice()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
