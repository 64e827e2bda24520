// ============================================================================================
// TENANT SCOPE. The invariant: code holding a tenant db can only see and write rows of ONE
// organization. Every read, update and delete of a tenant model gets `organizationId = <org>`
// added to its filter, every create gets it stamped, and models that are neither tenant data
// nor shared reference data are refused outright. Domain functions never take an organization
// id from user input; they get one of these clients instead.
// A test (tests/integration/tenant-scope.test.ts) fails when a model is not classified here.
// ============================================================================================
import { AppError } from '../errors.ts';
import type { PrismaClient } from './client.ts';

/** Tables that carry organizationId and belong to exactly one organization. */
export const TENANT_MODELS = [
  'User',
  'Role',
  'UserRoleAssignment',
  'OrganizationAddon',
  'UserPreferences',
  'Invite',
  'OrganizationStats',
  'CustomUnit',
  'UnitMapping',
  'InventoryCategory',
  'InventoryItem',
  'InventoryLot',
  'InventoryMovement',
  'InventoryEvent',
  'InventoryDigest',
  'InventoryImport',
  'InventoryActivityDaily',
  'RecipeGroup',
  'Recipe',
  'RecipeLine',
  'RecipeLineage',
  'Product',
  'ProductVariant',
  'ProductSku',
  'BatchSequence',
  'Batch',
  'BatchLine',
  'BatchNote',
  'BatchTimer',
  'BatchOutput',
] as const;

/** Shared catalogue data every tenant may read but never write. */
export const REFERENCE_MODELS = [
  'SubscriptionTier',
  'Permission',
  'TierPermission',
  'Addon',
  'TierAddon',
  'Unit',
  'IngredientCategory',
  'ProductCategory',
] as const;

/** The organization's own row: readable and updatable by id, never created or deleted through a tenant db. */
export const SELF_MODELS = ['Organization'] as const;

/** Platform tables (sessions, developer roles, mail): not reachable through a tenant db. */
export const PLATFORM_MODELS = [
  'Session',
  'LoginAttempt',
  'DeveloperPermission',
  'DeveloperRole',
  'DeveloperRolePermission',
  'MailMessage',
  // Role permissions carry no organizationId: written and read only nested under their Role.
  'RolePermission',
] as const;

const tenant = new Set<string>(TENANT_MODELS);
const reference = new Set<string>(REFERENCE_MODELS);
const self = new Set<string>(SELF_MODELS);
const READ_OP_NAMES = [
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
];
const READ_OPS = new Set(READ_OP_NAMES);
const SELF_OPS = new Set([...READ_OP_NAMES, 'update', 'updateMany']);
const UNIQUE_WHERE_OPS = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete', 'upsert']);

type Args = Record<string, any>;

function stamp(data: Args | undefined, organizationId: string): Args {
  if (data && 'organizationId' in data && data.organizationId !== organizationId) {
    throw new AppError('FORBIDDEN', 'Cannot write a row of another organization');
  }
  return { ...data, organizationId };
}

function scopeArgs(operation: string, args: Args, organizationId: string): Args {
  const out: Args = { ...args };
  if (operation === 'create') out.data = stamp(args.data, organizationId);
  else if (operation === 'createMany' || operation === 'createManyAndReturn') {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    out.data = rows.map((r: Args) => stamp(r, organizationId));
  } else {
    out.where = restrict(operation, args.where, { organizationId });
    if (operation === 'upsert') {
      out.create = stamp(args.create, organizationId);
      out.update = stampUpdate(args.update, organizationId);
    } else if ('data' in args) out.data = stampUpdate(args.data, organizationId);
  }
  return out;
}

/**
 * Adds the tenant condition to a filter. Unique operations keep their unique keys at the top level
 * (Prisma requires it) and get the condition as an extra AND, so a foreign id finds nothing.
 */
function restrict(operation: string, where: Args | undefined, condition: Args): Args {
  if (!UNIQUE_WHERE_OPS.has(operation)) return { AND: [where ?? {}, condition] };
  const and = where?.AND === undefined ? [] : Array.isArray(where.AND) ? where.AND : [where.AND];
  return { ...where, AND: [...and, condition] };
}

function stampUpdate(data: Args | undefined, organizationId: string): Args | undefined {
  if (data && 'organizationId' in data && data.organizationId !== organizationId) {
    throw new AppError('FORBIDDEN', 'Cannot move a row to another organization');
  }
  return data;
}

/** A Prisma client that only sees organizationId's rows. */
export function createTenantDb(db: PrismaClient, organizationId: string) {
  return db.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (tenant.has(model)) return query(scopeArgs(operation, (args ?? {}) as Args, organizationId) as never);
          if (self.has(model)) {
            if (!SELF_OPS.has(operation))
              throw new AppError('FORBIDDEN', `Cannot ${operation} an organization through a tenant db`);
            const a = (args ?? {}) as Args;
            return query({ ...a, where: restrict(operation, a.where, { id: organizationId }) } as never);
          }
          if (reference.has(model)) {
            if (READ_OPS.has(operation)) return query(args);
            throw new AppError('FORBIDDEN', `${model} is read-only for organizations`);
          }
          throw new AppError('FORBIDDEN', `${model} is not reachable through an organization-scoped client`);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof createTenantDb>;
/** The client inside `TenantDb.$transaction(async (tx) => …)`: scoped the same way. */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];
