import { describe, expect, it } from 'vitest';
import { decide, effectivePermissions } from '../../src/lib/server/auth/authorize.ts';
import { computeTierCeiling, type Access } from '../../src/lib/server/auth/access.ts';

function access(
  over: Partial<Access> & { tierProvider?: string; billingStatus?: string; orgActive?: boolean } = {},
): Access {
  const { tierProvider = 'stripe', billingStatus = 'active', orgActive = true, ...rest } = over;
  return {
    user: {
      id: 'u',
      username: 'u',
      email: 'u@x',
      userType: 'customer',
      organizationId: 'o',
      firstName: null,
      lastName: null,
    },
    organization: {
      id: 'o',
      name: 'Org',
      isActive: orgActive,
      billingStatus,
      billingProvider: tierProvider === 'exempt' ? 'exempt' : 'stripe',
      currency: 'USD',
      tier: { id: 't', key: 'solo', name: 'Solo', billingProvider: tierProvider },
    },
    viewingAs: false,
    developerPermissions: new Set(),
    tierPermissions: new Set(['inventory.view', 'inventory.edit']),
    rolePermissions: new Set(['inventory.view']),
    isOwner: false,
    ...rest,
  };
}
const developer = (perms: string[], org: Access['organization']): Access => ({
  ...access(),
  organization: org,
  developerPermissions: new Set(perms),
  rolePermissions: new Set(),
  user: {
    id: 'd',
    username: 'd',
    email: 'd@x',
    userType: 'developer',
    organizationId: null,
    firstName: null,
    lastName: null,
  },
});

describe('permission check order (docs/rules/permissions-and-tiers.md)', () => {
  it('refuses a signed-out caller with 401', () => {
    expect(decide(null, 'inventory.view')).toMatchObject({
      allowed: false,
      status: 401,
      reason: 'authentication_required',
    });
  });
  it('allows a role permission inside the tier, refuses one the role lacks', () => {
    expect(decide(access(), 'inventory.view')).toEqual({ allowed: true });
    expect(decide(access(), 'inventory.edit')).toMatchObject({
      allowed: false,
      status: 403,
      reason: 'permission_denied',
    });
  });
  it('gives the owner every tier permission but nothing above the tier', () => {
    expect(decide(access({ isOwner: true }), 'inventory.edit')).toEqual({ allowed: true });
    expect(decide(access({ isOwner: true }), 'organization.manage_users')).toMatchObject({
      reason: 'tier_ceiling',
      message: 'Your Solo plan does not include organization.manage_users.',
    });
  });
  it('caps a role by the tier ceiling', () => {
    const a = access({ rolePermissions: new Set(['batches.create']) });
    expect(decide(a, 'batches.create')).toMatchObject({ allowed: false, reason: 'tier_ceiling' });
  });
  it('checks billing standing before the tier and the role', () => {
    expect(decide(access({ isOwner: true, orgActive: false }), 'inventory.view')).toMatchObject({
      reason: 'organization_inactive',
    });
    expect(decide(access({ isOwner: true, billingStatus: 'canceled' }), 'inventory.view')).toMatchObject({
      reason: 'organization_inactive',
    });
    expect(decide(access({ isOwner: true, billingStatus: 'past_due' }), 'inventory.view')).toMatchObject({
      reason: 'billing_required',
    });
    expect(decide(access({ isOwner: true, billingStatus: 'payment_failed' }), 'inventory.view')).toMatchObject({
      reason: 'billing_required',
    });
  });
  it('lets exempt tiers skip payment checks but not deactivation', () => {
    expect(
      decide(access({ isOwner: true, billingStatus: 'past_due', tierProvider: 'exempt' }), 'inventory.view'),
    ).toEqual({ allowed: true });
    expect(decide(access({ isOwner: true, orgActive: false, tierProvider: 'exempt' }), 'inventory.view')).toMatchObject(
      { reason: 'organization_inactive' },
    );
  });
  it('answers developer permissions from developer roles only', () => {
    const d = developer(['dev.dashboard'], null);
    expect(decide(d, 'dev.dashboard')).toEqual({ allowed: true });
    expect(decide(d, 'dev.manage_jobs')).toMatchObject({ allowed: false, reason: 'permission_denied' });
  });
  it('refuses developer permissions to customers as developer_only', () => {
    expect(decide(access({ isOwner: true }), 'dev.dashboard')).toMatchObject({ status: 403, reason: 'developer_only' });
  });
  it('refuses customer permissions to a developer with no selected organization', () => {
    expect(decide(developer(['dev.dashboard'], null), 'inventory.view')).toMatchObject({
      status: 403,
      reason: 'organization_required',
    });
  });
  it('lets a developer viewing as an organization act like its owner, ignoring its billing state, within its tier', () => {
    const org = access({ billingStatus: 'past_due' }).organization;
    const d = developer([], org);
    expect(decide(d, 'inventory.edit')).toEqual({ allowed: true });
    expect(decide(d, 'organization.manage_users')).toMatchObject({ reason: 'tier_ceiling' });
  });
  it('lists effective permissions as exactly what decide allows', () => {
    expect(effectivePermissions(access())).toEqual(['inventory.view']);
    expect(effectivePermissions(access({ isOwner: true }))).toEqual(['inventory.edit', 'inventory.view']);
  });
});

describe('tier ceiling with add-ons (docs/rules/permissions-and-tiers.md, Add-ons)', () => {
  it('strips a non-included add-on permission from the tier', () => {
    const c = computeTierCeiling(
      ['recipes.view', 'recipes.create_variations'],
      [{ permission: 'recipes.create_variations', included: false }],
      [],
    );
    expect([...c].sort()).toEqual(['recipes.view']);
  });
  it('grants an included add-on permission', () => {
    const c = computeTierCeiling(['recipes.view'], [{ permission: 'ai.batchbot', included: true }], []);
    expect(c.has('ai.batchbot')).toBe(true);
  });
  it('grants a purchased add-on permission even when the tier only allows it', () => {
    const c = computeTierCeiling(
      ['recipes.view'],
      [{ permission: 'reports.advanced', included: false }],
      ['reports.advanced'],
    );
    expect(c.has('reports.advanced')).toBe(true);
  });
});
