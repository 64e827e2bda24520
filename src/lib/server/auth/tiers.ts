// Subscription tiers and add-ons of docs/rules/permissions-and-tiers.md (Tiers, Add-ons). Seeded from
// here, idempotently; this file is the one source for tier data in code.
import { ALL_CUSTOMER_PERMISSIONS, type CustomerPermission } from '../../shared/permission-catalogue.ts';

export type TierSeed = {
  key: string;
  name: string;
  description: string;
  isCustomerFacing: boolean;
  billingProvider: 'stripe' | 'exempt';
  stripeLookupKey: string | null;
  userLimit: number;
  maxRecipes: number;
  maxBatches: number;
  maxProducts: number;
  maxMonthlyBatches: number;
  maxBatchbotRequests: number;
  retentionPolicy: 'one_year' | 'subscribed';
  sortOrder: number;
  permissions: CustomerPermission[];
};

const all = ALL_CUSTOMER_PERMISSIONS;
const within = (...prefixes: string[]) => all.filter((p) => prefixes.some((x) => p.startsWith(x)));

const soloPermissions: CustomerPermission[] = [
  'dashboard.view',
  ...within('inventory.', 'batches.', 'products.', 'alerts.', 'reports.', 'integrations.', 'settings.', 'timers.'),
  'recipes.view',
  'recipes.create',
  'recipes.edit',
  'recipes.delete',
  'recipes.scale',
  'recipes.plan_production',
  'organization.manage_billing',
  'tags.manage',
  'ai.recipe_optimization',
  'ai.demand_forecasting',
  'ai.quality_insights',
];

export const TIERS: TierSeed[] = [
  {
    key: 'exempt',
    name: 'Exempt',
    description: 'Internal and partner accounts',
    isCustomerFacing: false,
    billingProvider: 'exempt',
    stripeLookupKey: null,
    userLimit: -1,
    maxRecipes: -1,
    maxBatches: -1,
    maxProducts: -1,
    maxMonthlyBatches: -1,
    maxBatchbotRequests: -1,
    retentionPolicy: 'subscribed',
    sortOrder: 0,
    permissions: all,
  },
  {
    key: 'free',
    name: 'Free Tools',
    description: 'Recipes and their ingredients; no stock movements; no batches',
    isCustomerFacing: true,
    billingProvider: 'exempt',
    stripeLookupKey: null,
    userLimit: 1,
    maxRecipes: 10,
    maxBatches: 0,
    maxProducts: 0,
    maxMonthlyBatches: 0,
    maxBatchbotRequests: 0,
    retentionPolicy: 'one_year',
    sortOrder: 1,
    // organization.manage_billing: the owner of a free organization can open /billing and upgrade
    // (docs/rules/billing.md, Plan changes). inventory.edit without inventory.adjust or
    // inventory.track_quantities: a catalogue of items (created, edited, saved from the library) for the
    // recipes to reference, no stock movements (docs/rules/permissions-and-tiers.md, Tiers).
    permissions: [
      'recipes.view',
      'recipes.create',
      'recipes.edit',
      'recipes.delete',
      'inventory.view',
      'inventory.edit',
      'organization.manage_billing',
    ],
  },
  {
    key: 'solo',
    name: 'Solo',
    description: 'One maker, full production',
    isCustomerFacing: true,
    billingProvider: 'stripe',
    stripeLookupKey: 'batchtrack_solo_monthly',
    userLimit: 1,
    maxRecipes: 50,
    maxBatches: -1,
    maxProducts: 25,
    maxMonthlyBatches: 200,
    maxBatchbotRequests: 100,
    retentionPolicy: 'one_year',
    sortOrder: 2,
    permissions: soloPermissions,
  },
  {
    key: 'team',
    name: 'Team',
    description: 'Up to 10 people with roles',
    isCustomerFacing: true,
    billingProvider: 'stripe',
    stripeLookupKey: 'batchtrack_team_monthly',
    userLimit: 10,
    maxRecipes: 200,
    maxBatches: -1,
    maxProducts: 100,
    maxMonthlyBatches: 1000,
    maxBatchbotRequests: 500,
    retentionPolicy: 'one_year',
    sortOrder: 3,
    permissions: all,
  },
  {
    key: 'enterprise',
    name: 'Enterprise',
    description: 'Unlimited',
    isCustomerFacing: true,
    billingProvider: 'stripe',
    stripeLookupKey: 'batchtrack_enterprise_monthly',
    userLimit: -1,
    maxRecipes: -1,
    maxBatches: -1,
    maxProducts: -1,
    maxMonthlyBatches: -1,
    maxBatchbotRequests: -1,
    retentionPolicy: 'subscribed',
    sortOrder: 4,
    permissions: all,
  },
];

export type AddonSeed = {
  key: string;
  name: string;
  permissionName: CustomerPermission | null;
  functionKey: string | null;
  billingType: 'subscription' | 'one_time';
  stripeLookupKey: string | null;
  batchbotCreditAmount: number | null;
};

export const ADDONS: AddonSeed[] = [
  {
    key: 'recipe_variations',
    name: 'Recipe variations',
    permissionName: 'recipes.create_variations',
    functionKey: null,
    billingType: 'subscription',
    stripeLookupKey: 'recipe-variations',
    batchbotCreditAmount: null,
  },
  {
    key: 'data_retention',
    name: 'Data retention',
    permissionName: null,
    functionKey: 'retention',
    billingType: 'subscription',
    stripeLookupKey: 'data-retention',
    batchbotCreditAmount: null,
  },
  {
    key: 'affiliate_program',
    name: 'Affiliate program',
    permissionName: 'affiliates.view',
    functionKey: null,
    billingType: 'subscription',
    stripeLookupKey: 'affiliate-program',
    batchbotCreditAmount: null,
  },
  // docs/rules/permissions-and-tiers.md (Add-ons): advanced_analytics grants reports.advanced (the original named a
  // non-existent permission).
  {
    key: 'advanced_analytics',
    name: 'Advanced analytics',
    permissionName: 'reports.advanced',
    functionKey: null,
    billingType: 'subscription',
    stripeLookupKey: 'advanced-analytics',
    batchbotCreditAmount: null,
  },
  {
    key: 'batchbot_access',
    name: 'BatchBot assistant',
    permissionName: 'ai.batchbot',
    functionKey: null,
    billingType: 'subscription',
    stripeLookupKey: 'batchbot-access',
    batchbotCreditAmount: null,
  },
  {
    key: 'batchbot_refill_100',
    name: 'BatchBot refill (100)',
    permissionName: null,
    functionKey: 'batchbot_credits',
    billingType: 'one_time',
    stripeLookupKey: 'batchbot-refill-100',
    batchbotCreditAmount: 100,
  },
];

/**
 * Add-on links of docs/rules/permissions-and-tiers.md (Add-ons): a tier that already has an add-on's
 * permission includes it; a tier with retention_policy=subscribed includes data_retention; other add-ons
 * are purchasable (allowed) on paid tiers.
 */
export function tierAddonLinks(tier: TierSeed): { addonKey: string; included: boolean }[] {
  return ADDONS.flatMap((a): { addonKey: string; included: boolean }[] => {
    const included =
      (a.permissionName !== null && tier.permissions.includes(a.permissionName)) ||
      (a.functionKey === 'retention' && tier.retentionPolicy === 'subscribed');
    if (included) return [{ addonKey: a.key, included: true }];
    if (tier.billingProvider === 'stripe') return [{ addonKey: a.key, included: false }];
    return [];
  });
}
