// ============================================================================================
// PERMISSION CATALOGUE: the single source of truth for every permission name. Procedures declare
// one of these, tiers and roles are built from them, and the seed writes them to the database.
// A permission that is not here does not exist; tests fail on a procedure naming an unknown one.
// ============================================================================================

const customer = {
  dashboard: ['dashboard.view'],
  inventory: [
    'inventory.view',
    'inventory.edit',
    'inventory.adjust',
    'inventory.track_quantities',
    'inventory.reserve',
    'inventory.delete',
    'inventory.view_costs',
  ],
  recipes: [
    'recipes.view',
    'recipes.create',
    'recipes.edit',
    'recipes.delete',
    'recipes.scale',
    'recipes.plan_production',
    'recipes.create_variations',
    'recipes.sharing_controls',
    'recipes.purchase_options',
    'recipes.marketplace_dashboard',
  ],
  batches: [
    'batches.view',
    'batches.create',
    'batches.edit',
    'batches.finish',
    'batches.track_inventory_outputs',
    'batches.cancel',
    'batches.view_costs',
  ],
  products: [
    'products.view',
    'products.create',
    'products.edit',
    'products.delete',
    'products.manage_variants',
    'products.sales_tracking',
  ],
  organization: [
    'organization.view',
    'organization.edit',
    'organization.manage_users',
    'organization.manage_roles',
    'organization.manage_billing',
    'organization.view_audit_logs',
  ],
  affiliates: [
    'affiliates.view',
    'affiliates.generate_links',
    'affiliates.view_org_dashboard',
    'affiliates.manage_payouts',
  ],
  alerts: ['alerts.view', 'alerts.manage', 'alerts.dismiss'],
  settings: ['settings.view', 'settings.edit'],
  timers: ['timers.view', 'timers.manage'],
  tags: ['tags.manage'],
  reports: ['reports.view', 'reports.export', 'reports.advanced', 'reports.custom'],
  integrations: ['integrations.shopify', 'integrations.marketplace', 'integrations.api_access'],
  ai: ['ai.batchbot', 'ai.recipe_optimization', 'ai.demand_forecasting', 'ai.quality_insights'],
} as const;

export type CustomerPermission = (typeof customer)[keyof typeof customer][number];

export const CUSTOMER_PERMISSIONS: { name: CustomerPermission; category: string }[] = Object.entries(customer).flatMap(
  ([category, names]) => names.map((name) => ({ name: name as CustomerPermission, category })),
);
export const ALL_CUSTOMER_PERMISSIONS: CustomerPermission[] = CUSTOMER_PERMISSIONS.map((p) => p.name);

export const DEVELOPER_PERMISSIONS = [
  'dev.system_admin',
  'dev.dashboard',
  'dev.debug_mode',
  'dev.access_logs',
  'dev.system_settings',
  'dev.run_migrations',
  'dev.seed_data',
  'dev.backup_restore',
  'dev.all_organizations',
  'dev.create_organizations',
  'dev.modify_any_organization',
  'dev.delete_organizations',
  'dev.manage_users',
  'dev.manage_roles',
  'dev.assign_permissions',
  'dev.manage_tiers',
  'dev.billing_override',
  'dev.view_all_billing',
  'dev.manage_affiliates',
  // Ours: the job console of the developer dashboard.
  'dev.view_jobs',
  'dev.manage_jobs',
  // Ours: curating the item library (docs/rules/library.md).
  'dev.manage_global_items',
] as const;
export type DeveloperPermission = (typeof DEVELOPER_PERMISSIONS)[number];

export type PermissionName = CustomerPermission | DeveloperPermission;

export function isDeveloperPermission(name: string): name is DeveloperPermission {
  return name.startsWith('dev.');
}
export function isKnownPermission(name: string): name is PermissionName {
  return (
    (ALL_CUSTOMER_PERMISSIONS as string[]).includes(name) || (DEVELOPER_PERMISSIONS as readonly string[]).includes(name)
  );
}

export const DEVELOPER_ROLES: { name: string; description: string; permissions: readonly DeveloperPermission[] }[] = [
  { name: 'system_admin', description: 'Every developer permission', permissions: DEVELOPER_PERMISSIONS },
  {
    name: 'developer',
    description: 'Dashboard, debugging, logs, organizations and jobs',
    permissions: [
      'dev.dashboard',
      'dev.debug_mode',
      'dev.access_logs',
      'dev.all_organizations',
      'dev.view_jobs',
      'dev.manage_jobs',
      'dev.manage_global_items',
    ],
  },
  {
    name: 'support',
    description: 'Dashboard, logs and read access to organizations and jobs',
    permissions: ['dev.dashboard', 'dev.access_logs', 'dev.all_organizations', 'dev.view_jobs'],
  },
];

export const OWNER_ROLE = 'organization_owner';

const viewOnly = ALL_CUSTOMER_PERMISSIONS.filter((p) => p.endsWith('.view'));
const costs = ALL_CUSTOMER_PERMISSIONS.filter((p) => p.endsWith('.view_costs'));

/** Roles every new organization starts with (the owner is the system role above). */
export const PRESET_ROLES: { name: string; description: string; permissions: CustomerPermission[] }[] = [
  {
    name: 'admin',
    description: 'Everything except billing',
    permissions: ALL_CUSTOMER_PERMISSIONS.filter((p) => p !== 'organization.manage_billing'),
  },
  {
    name: 'production',
    description: 'Runs recipes and batches; sees no costs',
    permissions: [
      'dashboard.view',
      'inventory.view',
      'inventory.adjust',
      'recipes.view',
      'recipes.scale',
      'recipes.plan_production',
      'batches.view',
      'batches.create',
      'batches.edit',
      'batches.finish',
      'batches.cancel',
      'products.view',
      'timers.view',
      'timers.manage',
      'alerts.view',
      'alerts.dismiss',
    ],
  },
  {
    name: 'warehouse',
    description: 'Receives, counts and moves stock',
    permissions: [
      'dashboard.view',
      'inventory.view',
      'inventory.edit',
      'inventory.adjust',
      'inventory.reserve',
      'inventory.view_costs',
      'products.view',
      'alerts.view',
      'alerts.dismiss',
    ],
  },
  {
    name: 'viewer',
    description: 'Reads everything, changes nothing, sees no costs',
    permissions: viewOnly.filter((p) => !costs.includes(p)),
  },
];
