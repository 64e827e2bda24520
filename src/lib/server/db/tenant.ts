// ============================================================================================
// TENANT SCOPE. The invariant: code holding a tenant db can only see and write rows of ONE
// organization. Every read, update and delete of a tenant model gets `organizationId = <org>`
// added to its filter, every create gets it stamped, and models that are neither tenant data
// nor shared reference data are refused outright. Domain functions never take an organization
// id from user input; they get one of these clients instead.
// The same holds for ids *inside* written data: every id a write stores in a column that points at
// another tenant row (TENANT_REFERENCES) must name a row of the same organization, or the write is
// refused with NOT_FOUND before it reaches the database (docs/rules/tenancy-and-auth.md, Organizations
// and the tenant scope). The columns and both id checks (this one, and orgProcedure's check of every id
// in an input) live in tenant-references.ts.
// A test (tests/integration/tenant-scope.test.ts) fails when a model or an id column is not classified.
// ============================================================================================
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors.ts';
import type { PrismaClient } from './client.ts';
import { assertReferences, refsOf, rememberRows, type RawRunner } from './tenant-references.ts';

export { NON_TENANT_ID_FIELDS, TENANT_REFERENCES, assertInputIdsInOrganization } from './tenant-references.ts';

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
  'Customer',
  'SalesOrder',
  'SalesOrderLine',
  'Reservation',
  'OrderReturn',
  'ShopifyConnection',
  'ShopifyDelivery',
  'ApiToken',
  'ApiIdempotencyKey',
  // An organization's override of a platform feature flag (docs/rules/platform-console.md, Feature flags).
  'FeatureFlagOverride',
  // The outbox, its webhook endpoints and deliveries, and the retention queue (docs/rules/events.md, retention.md).
  'DomainEvent',
  'WebhookEndpoint',
  'WebhookDelivery',
  'RetentionDeletionQueue',
  // Reports (docs/rules/reports.md): daily freshness snapshots, a batch's consumed-lot freshness, user statistics.
  'FreshnessSnapshot',
  'BatchFreshness',
  'UserStats',
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
  // The platform's item library (docs/rules/library.md): written only by developers in the console.
  'GlobalItem',
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
  // Billing: a paid sign-up before its organization exists, and Stripe's webhook deliveries (docs/rules/billing.md).
  'PendingSignup',
  'StripeEvent',
  // Role permissions carry no organizationId: written and read only nested under their Role.
  'RolePermission',
  // The developer console (docs/rules/platform-console.md): its audit trail, platform flags and settings,
  // password reset links, and the exports of deleted organizations.
  'AuditLog',
  'FeatureFlag',
  'AppSetting',
  'PasswordReset',
  'OrganizationArchive',
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

const WRITE_OPS = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
]);

/** The open interactive transaction of one tenant client, so a reference check runs inside it. */
const openTransaction = new AsyncLocalStorage<{ owner: object; tx: RawRunner }>();

/**
 * A Prisma client that only sees organizationId's rows, and whose writes only point at them. Its
 * transactions are interactive only: the reference check of a write inside one runs on the same
 * transaction, so it sees rows the transaction created and holds no second connection.
 */
export function createTenantDb(db: PrismaClient, organizationId: string) {
  const owner = {};
  const scoped = db.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations(params) {
          const { model, operation, args, query } = params;
          if (tenant.has(model)) {
            const scopedArgs = scopeArgs(operation, (args ?? {}) as Args, organizationId);
            if (WRITE_OPS.has(operation)) {
              const refs = refsOf(operation, scopedArgs);
              if (refs.length) {
                const open = openTransaction.getStore();
                const inTx = (params as { __internalParams?: { transaction?: unknown } }).__internalParams?.transaction;
                if (inTx && open?.owner !== owner)
                  throw new AppError('INVALID_STATE', 'A tenant write inside a transaction not opened by its client');
                await assertReferences(open?.owner === owner ? open.tx : db, organizationId, refs);
              }
            }
            const result = await query(scopedArgs as never);
            rememberRows(organizationId, result);
            return result;
          }
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
  const transaction = (fn: unknown, opts?: unknown) => {
    if (typeof fn !== 'function')
      return Promise.reject(
        new AppError('INVALID_STATE', 'A tenant db runs interactive transactions only: pass a function'),
      );
    return scoped.$transaction(
      (tx) =>
        openTransaction.run({ owner, tx: tx as unknown as RawRunner }, () =>
          (fn as (t: typeof tx) => Promise<unknown>)(tx),
        ),
      opts as never,
    );
  };
  return new Proxy(scoped, {
    get: (target, prop, receiver) => (prop === '$transaction' ? transaction : Reflect.get(target, prop, receiver)),
  });
}

export type TenantDb = ReturnType<typeof createTenantDb>;
/** The client inside `TenantDb.$transaction(async (tx) => …)`: scoped the same way. */
export type TenantTx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];
