import { describe, expect, it } from 'vitest';
import { ALL_CUSTOMER_PERMISSIONS, DEVELOPER_ROLES, PRESET_ROLES } from '../../src/lib/shared/permission-catalogue.ts';
import { ADDONS, TIERS, tierAddonLinks } from '../../src/lib/server/auth/tiers.ts';

const tier = (key: string) => TIERS.find((t) => t.key === key)!;

describe('tiers as decided', () => {
  it('seeds exactly Exempt, Free Tools, Solo, Team and Enterprise', () => {
    expect(TIERS.map((t) => t.name)).toEqual(['Exempt', 'Free Tools', 'Solo', 'Team', 'Enterprise']);
    expect(tier('exempt').isCustomerFacing).toBe(false);
  });
  it('Free Tools is recipes, an item catalogue without stock movements and its billing page, 1 user, 10 recipes, no batches', () => {
    expect(tier('free').permissions.sort()).toEqual([
      'inventory.edit',
      'inventory.view',
      'organization.manage_billing',
      'recipes.create',
      'recipes.delete',
      'recipes.edit',
      'recipes.view',
    ]);
    expect([tier('free').userLimit, tier('free').maxRecipes, tier('free').maxMonthlyBatches]).toEqual([1, 10, 0]);
  });
  // docs/rules/permissions-and-tiers.md (Tiers)
  it('Solo includes settings.*, timers.* and tags.manage but not team management', () => {
    const p = tier('solo').permissions;
    for (const name of ['settings.view', 'settings.edit', 'timers.view', 'timers.manage', 'tags.manage'])
      expect(p).toContain(name);
    expect(p).not.toContain('organization.manage_users');
    expect(p).not.toContain('ai.batchbot');
    expect([
      tier('solo').userLimit,
      tier('solo').maxRecipes,
      tier('solo').maxProducts,
      tier('solo').maxMonthlyBatches,
    ]).toEqual([1, 50, 25, 200]);
  });
  it('Team has every customer permission and 10 users; Enterprise is unlimited', () => {
    expect(tier('team').permissions.length).toBe(ALL_CUSTOMER_PERMISSIONS.length);
    expect(tier('team').userLimit).toBe(10);
    expect(tier('enterprise').userLimit).toBe(-1);
  });
  it('advanced_analytics grants reports.advanced', () => {
    expect(ADDONS.find((a) => a.key === 'advanced_analytics')!.permissionName).toBe('reports.advanced');
  });
  it('includes add-ons whose permission the tier already has, and data retention on subscribed tiers', () => {
    const solo = tierAddonLinks(tier('solo'));
    expect(solo.find((l) => l.addonKey === 'advanced_analytics')).toEqual({
      addonKey: 'advanced_analytics',
      included: true,
    });
    expect(solo.find((l) => l.addonKey === 'batchbot_access')).toEqual({
      addonKey: 'batchbot_access',
      included: false,
    });
    expect(tierAddonLinks(tier('enterprise')).find((l) => l.addonKey === 'data_retention')?.included).toBe(true);
  });
});

describe('preset roles', () => {
  it('production sees no costs (docs/rules/permissions-and-tiers.md, Roles: safe defaults for staff)', () => {
    const production = PRESET_ROLES.find((r) => r.name === 'production')!;
    expect(production.permissions.filter((p) => p.endsWith('view_costs'))).toEqual([]);
  });
  it('viewer only views', () => {
    const viewer = PRESET_ROLES.find((r) => r.name === 'viewer')!;
    expect(viewer.permissions.every((p) => p.endsWith('.view'))).toBe(true);
  });
  it('every preset permission exists in the catalogue', () => {
    for (const r of PRESET_ROLES) for (const p of r.permissions) expect(ALL_CUSTOMER_PERMISSIONS).toContain(p);
  });
  it('seeds the system_admin, developer and support developer roles', () => {
    expect(DEVELOPER_ROLES.map((r) => r.name)).toEqual(['system_admin', 'developer', 'support']);
  });
});
