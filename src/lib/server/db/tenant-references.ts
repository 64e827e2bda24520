// Ids inside tenant data: which columns point at which tenant tables, and the two checks that keep them
// inside one organization (docs/rules/tenancy-and-auth.md, Organizations and the tenant scope):
//  - assertReferences: every id a scoped write stores must name a row of the organization;
//  - assertInputIdsInOrganization: no id anywhere in a procedure's input may name another organization's row.
// Used by the tenant-scoped client (tenant.ts) and by orgProcedure; a test walks every id column.
import { AppError } from '../errors.ts';

type Args = Record<string, any>;

/** The tenant tables an id in written data may point at, with their table and a name for messages. */
const REFERENCE_TARGETS = {
  User: { table: 'users', label: 'User', sharedWhenNull: true }, // a developer has no organization
  Role: { table: 'roles', label: 'Role', sharedWhenNull: true }, // system roles have none either
  InventoryCategory: { table: 'inventory_categories', label: 'Category', sharedWhenNull: false },
  InventoryItem: { table: 'inventory_items', label: 'Inventory item', sharedWhenNull: false },
  InventoryLot: { table: 'inventory_lots', label: 'Lot', sharedWhenNull: false },
  InventoryMovement: { table: 'inventory_movements', label: 'Movement', sharedWhenNull: false },
  RecipeGroup: { table: 'recipe_groups', label: 'Recipe group', sharedWhenNull: false },
  Recipe: { table: 'recipes', label: 'Recipe', sharedWhenNull: false },
  Product: { table: 'products', label: 'Product', sharedWhenNull: false },
  ProductVariant: { table: 'product_variants', label: 'Product variant', sharedWhenNull: false },
  ProductSku: { table: 'product_skus', label: 'SKU', sharedWhenNull: false },
  Batch: { table: 'batches', label: 'Batch', sharedWhenNull: false },
  Customer: { table: 'customers', label: 'Customer', sharedWhenNull: false },
  SalesOrder: { table: 'sales_orders', label: 'Order', sharedWhenNull: false },
  SalesOrderLine: { table: 'sales_order_lines', label: 'Order line', sharedWhenNull: false },
  Reservation: { table: 'reservations', label: 'Reservation', sharedWhenNull: false },
  ShopifyConnection: { table: 'shopify_connections', label: 'Shopify connection', sharedWhenNull: false },
  ApiToken: { table: 'api_tokens', label: 'API token', sharedWhenNull: false },
  WebhookEndpoint: { table: 'webhook_endpoints', label: 'Webhook endpoint', sharedWhenNull: false },
  DomainEvent: { table: 'domain_events', label: 'Event', sharedWhenNull: false },
} as const;
type ReferenceTarget = keyof typeof REFERENCE_TARGETS;

/**
 * Columns of tenant tables that hold the id of another tenant row, by field name. Field names mean the
 * same thing on every model (`itemId` is always an inventory item), so one map serves them all, and a
 * nested relation write (`item: { connect: { id } }`) is resolved through `<relation>Id`.
 */
export const TENANT_REFERENCES: Record<string, ReferenceTarget> = {
  userId: 'User',
  actorId: 'User',
  authorId: 'User',
  createdById: 'User',
  startedById: 'User',
  assignedById: 'User',
  invitedById: 'User',
  deletedById: 'User',
  roleId: 'Role',
  inventoryCategoryId: 'InventoryCategory',
  itemId: 'InventoryItem',
  containerItemId: 'InventoryItem',
  allowedContainerIds: 'InventoryItem',
  lotId: 'InventoryLot',
  movementId: 'InventoryMovement',
  reversesMovementId: 'InventoryMovement',
  groupId: 'RecipeGroup',
  recipeId: 'Recipe',
  parentRecipeId: 'Recipe',
  clonedFromId: 'Recipe',
  sourceRecipeId: 'Recipe',
  productId: 'Product',
  variantId: 'ProductVariant',
  skuId: 'ProductSku',
  batchId: 'Batch',
  customerId: 'Customer',
  // A movement's orderId is the SalesOrder it serves; free text that is not a uuid still points at nothing.
  orderId: 'SalesOrder',
  orderLineId: 'SalesOrderLine',
  reservationId: 'Reservation',
  connectionId: 'ShopifyConnection',
  tokenId: 'ApiToken',
  acknowledgedById: 'User',
  endpointId: 'WebhookEndpoint',
  eventId: 'DomainEvent',
  // OrganizationStats' leaderboard (docs/rules/reports.md, Statistics).
  topProducerUserId: 'User',
  topTesterUserId: 'User',
};

/** Id columns of tenant tables that point at shared reference data or at nothing stored here. */
export const NON_TENANT_ID_FIELDS = [
  'ingredientCategoryId', // IngredientCategory: reference data
  'productCategoryId', // ProductCategory: reference data
  'categoryId', // Product.categoryId: ProductCategory, reference data
  'addonId', // Addon: reference data
  'globalItemId', // GlobalItem: the platform's item library, reference data
  'developerRoleId', // developer roles: platform data, never written through a tenant db
  'stripeItemId', // Stripe's id
  'externalId', // a sales channel's own id (a Shopify order or customer)
  'externalLineId', // a sales channel's own line id
  'webhookId', // Shopify's delivery id
  'shopifyOrderId', // Shopify's order id
  'entityId', // DomainEvent.entityId: the record an event is about, of any type (entityType says which)
  'correlationId', // DomainEvent: groups events of one request, points at no row
  // Recipe origin (docs/rules/recipe-sharing.md): a clone names the organization and recipe it came from and
  // the seller's lineage root, rows of ANOTHER organization by design. Only the clone use case writes them.
  'originOrganizationId',
  'originRecipeId',
  'rootRecipeId',
] as const;

const NESTED_WRITES = ['create', 'createMany', 'connect', 'connectOrCreate', 'update', 'updateMany', 'upsert', 'set'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export type Ref = { target: ReferenceTarget; id: string; field: string };

const isPlain = (v: unknown): v is Args =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const each = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Ids of tenant rows named in one write's data: scalar columns, `{ set | push }` updates and nested writes. */
function collectRefs(data: unknown, out: Ref[]) {
  for (const row of each(data)) {
    if (!isPlain(row)) continue;
    for (const [field, value] of Object.entries(row)) {
      const target = TENANT_REFERENCES[field];
      if (target) {
        const values = isPlain(value) ? [...each(value.set), ...each(value.push)] : each(value);
        // Only a uuid can name a row; anything else (a free-text order id, "batch") points at nothing.
        for (const id of values) if (typeof id === 'string' && UUID.test(id)) out.push({ target, id, field });
      } else if (isPlain(value) && NESTED_WRITES.some((op) => op in value)) {
        collectNested(field, value, out);
      }
    }
  }
}

function collectNested(relation: string, ops: Args, out: Ref[]) {
  const target = TENANT_REFERENCES[`${relation}Id`];
  const connect = (where: unknown) => {
    for (const w of each(where))
      if (target && isPlain(w) && typeof w.id === 'string' && UUID.test(w.id))
        out.push({ target, id: w.id, field: `${relation}Id` });
  };
  connect(ops.connect);
  if (Array.isArray(ops.set) || isPlain(ops.set)) connect(ops.set);
  collectRefs(ops.create, out);
  collectRefs(isPlain(ops.createMany) ? ops.createMany.data : undefined, out);
  for (const c of each(ops.connectOrCreate)) {
    if (!isPlain(c)) continue;
    connect(c.where);
    collectRefs(c.create, out);
  }
  for (const u of each(ops.update)) collectRefs(isPlain(u) && 'data' in u ? u.data : u, out);
  for (const u of each(ops.updateMany)) if (isPlain(u)) collectRefs(u.data, out);
  for (const u of each(ops.upsert)) if (isPlain(u)) collectRefs([u.create, u.update], out);
}

export function refsOf(operation: string, args: Args): Ref[] {
  const out: Ref[] = [];
  collectRefs(operation === 'upsert' ? [args.create, args.update] : args.data, out);
  return out;
}

/**
 * Row ids already known to belong to an organization: found or written through its scoped client, or
 * checked. A row never changes organization (stamp/stampUpdate refuse it) and ids are never reused, so
 * a remembered id stays right; a row deleted since fails on its foreign key instead. It spares the
 * checks for ids the same process just read, which is most of them.
 */
const known = new Set<string>();
const KNOWN_MAX = 100_000;
const knownKey = (organizationId: string, id: string) => `${organizationId}:${id}`;
function remember(organizationId: string, id: string) {
  if (known.size >= KNOWN_MAX) known.clear();
  known.add(knownKey(organizationId, id));
}
/** Remembers the ids of tenant rows a scoped read or write returned (top level only). */
export function rememberRows(organizationId: string, result: unknown) {
  for (const row of each(result)) if (isPlain(row) && typeof row.id === 'string') remember(organizationId, row.id);
}

export type RawRunner = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };

/** Refuses a write naming a row of another organization (or none): one query for every unknown id. */
export async function assertReferences(run: RawRunner, organizationId: string, refs: Ref[]) {
  const pending = refs.filter((r) => !known.has(knownKey(organizationId, r.id)));
  if (!pending.length) return;
  const byTarget = new Map<ReferenceTarget, Set<string>>();
  for (const r of pending) byTarget.set(r.target, (byTarget.get(r.target) ?? new Set()).add(r.id));
  const params: unknown[] = [organizationId];
  const selects = [...byTarget].map(([target, ids]) => {
    const { table, sharedWhenNull } = REFERENCE_TARGETS[target];
    params.push([...ids]);
    const org = sharedWhenNull ? '(organization_id = $1 OR organization_id IS NULL)' : 'organization_id = $1';
    return `SELECT id FROM "${table}" WHERE id = ANY($${params.length}::text[]) AND ${org}`;
  });
  const found = await run.$queryRawUnsafe<{ id: string }[]>(selects.join(' UNION ALL '), ...params);
  for (const f of found) remember(organizationId, f.id);
  const missing = pending.find((r) => !known.has(knownKey(organizationId, r.id)));
  if (missing) {
    throw new AppError('NOT_FOUND', `${REFERENCE_TARGETS[missing.target].label} not found`, { field: missing.field });
  }
}

/** Every uuid in a value: strings, array elements and object keys (`{ [containerItemId]: count }`). */
function collectUuids(value: unknown, out: Set<string>, depth: number) {
  if (out.size >= 1000 || depth > 8) return;
  if (typeof value === 'string') {
    if (value.length === 36 && UUID.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectUuids(v, out, depth + 1);
  } else if (isPlain(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.length === 36 && UUID.test(k)) out.add(k.toLowerCase());
      collectUuids(v, out, depth + 1);
    }
  }
}

/** The tables holding tenant rows by id, read from the catalogue once per process (new tables join by themselves). */
let idTables: Promise<string[]> | undefined;
function tenantIdTables(db: RawRunner): Promise<string[]> {
  idTables ??= db
    .$queryRawUnsafe<{ t: string }[]>(
      `SELECT c.table_name AS t FROM information_schema.columns c
         JOIN information_schema.columns o
           ON o.table_schema = c.table_schema AND o.table_name = c.table_name AND o.column_name = 'organization_id'
        WHERE c.table_schema = current_schema() AND c.column_name = 'id' ORDER BY 1`,
    )
    .then((rows) => rows.map((r) => r.t))
    .catch((e: unknown) => {
      idTables = undefined;
      throw e;
    });
  return idTables;
}

/**
 * Reads the tenant tables at start-up (hooks.server.ts init), so the first request that checks input ids
 * does not make that extra round trip. A failure here is retried by the first check.
 */
export async function preloadTenantIdTables(db: RawRunner): Promise<void> {
  await tenantIdTables(db).catch(() => undefined);
}

const TABLE_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.values(REFERENCE_TARGETS).map((t) => [t.table, t.label])),
  batch_timers: 'Timer',
  invites: 'Invite',
  inventory_imports: 'Import',
};

/**
 * THE SHARED RESOLVER of input ids: an organization procedure's input may name rows of its own
 * organization only. Every uuid anywhere in the input (whatever the field, so a new field is covered by
 * itself) that names a tenant row of another organization makes the call NOT_FOUND before any domain
 * code runs. Ids naming nothing pass on, for the domain to report in its own words; the scoped client's
 * write check above then also refuses them as references.
 */
export async function assertInputIdsInOrganization(db: RawRunner, organizationId: string, input: unknown) {
  const ids = new Set<string>();
  collectUuids(input, ids, 0);
  const pending = [...ids].filter((id) => !known.has(knownKey(organizationId, id)));
  if (!pending.length) return;
  const tables = await tenantIdTables(db);
  const rows = await db.$queryRawUnsafe<{ t: string; id: string; org: string | null }[]>(
    tables
      .map((t) => `SELECT '${t}' AS t, id, organization_id AS org FROM "${t}" WHERE id = ANY($1::text[])`)
      .join(' UNION ALL '),
    pending,
  );
  for (const r of rows) if (r.org === organizationId) remember(organizationId, r.id);
  const foreign = rows.find((r) => r.org !== null && r.org !== organizationId);
  if (foreign) throw new AppError('NOT_FOUND', `${TABLE_LABELS[foreign.t] ?? 'Record'} not found`);
}
