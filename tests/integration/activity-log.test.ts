// The activity log (docs/rules/events.md, The activity log): events and the console's audit rows, filtered.
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, useTestEnv } from '../helpers/db.ts';
import { makeInventoryOrg, makeItem, orgContext } from '../helpers/inventory.ts';
import { callerFor, makeMember } from '../helpers/factories.ts';
import { applyMovement } from '../../src/lib/server/domain/inventory/apply-movement.ts';

const env = useTestEnv();

const DAY = 86_400_000;

describe('activity log', () => {
  it('lists who did what on which record, with the console rows for the organization, filtered and paged', async () => {
    const { org, db, ctx } = await makeInventoryOrg(env);
    const member = await makeMember(env, org.id, 'admin');
    const m = await orgContext(env, org.id, member.id);
    const oil = await makeItem(db, ctx, { name: 'Oil', openingQuantity: '100' });
    env.clock.advance(DAY);
    await makeItem(m.db, m.ctx, { name: 'Wax', openingQuantity: '50' });
    env.clock.advance(DAY);
    await applyMovement(db, ctx, { itemId: oil.id, changeType: 'spoil', quantity: '10' });
    await env.db.auditLog.create({
      data: {
        actorName: 'dev_support',
        action: 'organization.suspend',
        targetType: 'organization',
        targetKey: org.id,
        targetLabel: org.name,
        targetOrgId: org.id,
        note: 'billing dispute',
        createdAt: new Date(FIXED_NOW.getTime() + 3 * DAY),
      },
    });
    // Another organization's rows never show.
    const other = await makeInventoryOrg(env);
    await makeItem(other.db, other.ctx, { name: 'Secret' });

    const owner = await callerFor(env, org.owner.id);
    // account_created, signup_completed (stamped with the database's clock), 2 items, 1 adjustment, 1 console row
    expect((await owner.activity.list({})).total).toBe(6);
    const iso = (d: number) => new Date(FIXED_NOW.getTime() + d * DAY).toISOString().slice(0, 10);
    const all = await owner.activity.list({ from: iso(0), to: iso(3) });
    expect(all.total).toBe(4);
    expect(all.rows[0]).toMatchObject({ source: 'console', type: 'organization.suspend', who: 'dev_support' });
    expect(all.rows[0]!.detail).toContain('billing dispute');
    expect(all.rows[1]).toMatchObject({
      type: 'inventory_adjusted',
      label: 'Inventory adjusted',
      href: `/inventory/${oil.id}`,
    });
    expect(all.rows.some((r) => r.detail.includes('Secret'))).toBe(false);

    const byMember = await owner.activity.list({ userId: member.id });
    expect(byMember.rows.map((r) => [r.type, r.detail])).toEqual([
      ['inventory_item_created', 'name: Wax, itemType: ingredient'],
    ]);
    const created = await owner.activity.list({ type: 'inventory_item_created' });
    expect(created.total).toBe(2);
    const onDay2 = await owner.activity.list({ from: iso(1), to: iso(1) });
    expect(onDay2.rows.map((r) => r.type)).toEqual(['inventory_item_created']);
    const page2 = await owner.activity.list({ page: 2, pageSize: 4 });
    expect(page2.rows).toHaveLength(2);

    const csv = await owner.activity.export({ type: 'inventory_item_created' });
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('when,who,type,source,record_type,record_id,detail');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('inventory_item_created,app,inventory_item');
  });

  it('needs organization.view_audit_logs', async () => {
    const { org } = await makeInventoryOrg(env);
    const viewer = await callerFor(env, (await makeMember(env, org.id, 'viewer')).id);
    await expect(viewer.activity.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
