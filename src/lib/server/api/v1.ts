// The generic sales API, /api/v1 (docs/rules/api.md): an organization API token as `Authorization: Bearer`,
// the same permission check as the app (as the member who created the token: tier, billing standing,
// role), the same input schemas, the same domain functions, costs hidden the same way. Every POST carries
// an Idempotency-Key; repeating a key with the same request returns the first answer, with another
// request it is refused. No SvelteKit here: the route file only hands the request over.
import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import type { PrismaClient } from '../db/client.ts';
import { createTenantDb, assertInputIdsInOrganization, type TenantDb } from '../db/tenant.ts';
import { loadAccess } from '../auth/access.ts';
import { decide, effectivePermissions } from '../auth/authorize.ts';
import { costPermissionFor, hideCosts } from '../auth/cost-visibility.ts';
import type { OrgCtx, Services } from '../domain/context.ts';
import { isAppError, type AppErrorCode } from '../errors.ts';
import { zodMessage } from '../trpc/errors.ts';
import {
  CreateOrderInputSchema,
  CreateCustomerInputSchema,
  ReserveOrderInputSchema,
  ReturnOrderInputSchema,
} from '../../shared/schemas/orders.ts';
import { findActiveToken } from '../domain/orders/api/tokens.ts';
import { createOrderInTx } from '../domain/orders/create-order.ts';
import { createCustomer } from '../domain/customers/manage-customer.ts';
import { reserveOrder } from '../domain/orders/reserve-order.ts';
import { fulfilOrder } from '../domain/orders/fulfil-order.ts';
import { cancelOrder } from '../domain/orders/release-order.ts';
import { returnOrder } from '../domain/orders/return-order.ts';
import { getOrder, listOrders } from '../domain/orders/queries.ts';

export type ApiRequest = {
  method: string;
  /** The path below /api/v1, e.g. "orders/<id>/reserve". */
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  idempotencyKey: string | null;
  body: string;
};
export type ApiResponse = { status: number; body: unknown };

const HTTP: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_STATE: 409,
  INSUFFICIENT_STOCK: 409,
  LIMIT_EXCEEDED: 403,
  VALIDATION: 422,
  LOCKED: 429,
  UNAVAILABLE: 503,
};
const fail = (status: number, code: string, message: string): ApiResponse => ({
  status,
  body: { error: { code, message } },
});

type Route = {
  permission: string;
  run: (db: TenantDb, ctx: OrgCtx, body: unknown, id: string | undefined, q: URLSearchParams) => Promise<unknown>;
  status?: number;
};

const ORDER_ID = /^orders\/([0-9a-f-]{36})(?:\/(reserve|fulfil|cancel|return))?$/i;

const CreateApiOrderSchema = CreateOrderInputSchema.extend({ customer: CreateCustomerInputSchema.optional() });

function route(method: string, path: string): { r: Route; id?: string } | null {
  const p = path.replace(/^\/+|\/+$/g, '');
  if (p === 'orders' && method === 'GET')
    return {
      r: {
        permission: 'products.sales_tracking',
        run: (db, ctx, _b, _i, q) =>
          listOrders(db, ctx, {
            page: q.get('page') ? Number(q.get('page')) : undefined,
            pageSize: q.get('pageSize') ? Number(q.get('pageSize')) : undefined,
            search: q.get('search') ?? undefined,
            status: (q.get('status') ?? undefined) as never,
          } as never),
      },
    };
  if (p === 'orders' && method === 'POST')
    return {
      r: {
        permission: 'products.sales_tracking',
        status: 201,
        run: async (db, ctx, body) => {
          const input = CreateApiOrderSchema.parse(body);
          const customerId = input.customer ? (await createCustomer(db, ctx, input.customer)).id : input.customerId;
          const order = await db.$transaction((tx) => createOrderInTx(tx, ctx, input, { channel: 'api', customerId }));
          return getOrder(db, ctx, { orderId: order.id });
        },
      },
    };
  const m = ORDER_ID.exec(p);
  if (!m) return null;
  const [, id, action] = m;
  if (!action && method === 'GET')
    return {
      id,
      r: { permission: 'products.sales_tracking', run: (db, ctx, _b, oid) => getOrder(db, ctx, { orderId: oid! }) },
    };
  if (!action || method !== 'POST') return null;
  const then =
    (f: (db: TenantDb, ctx: OrgCtx, body: unknown, id: string) => Promise<unknown>) =>
    async (db: TenantDb, ctx: OrgCtx, body: unknown, oid: string | undefined) => {
      await f(db, ctx, body, oid!);
      return getOrder(db, ctx, { orderId: oid! });
    };
  const obj = (b: unknown) => (b && typeof b === 'object' ? b : {});
  const routes: Record<string, Route> = {
    reserve: {
      permission: 'inventory.reserve',
      run: then((db, ctx, b, oid) => reserveOrder(db, ctx, ReserveOrderInputSchema.parse({ ...obj(b), orderId: oid }))),
    },
    cancel: {
      permission: 'inventory.reserve',
      run: then((db, ctx, _b, oid) => cancelOrder(db, ctx, { orderId: oid })),
    },
    fulfil: {
      permission: 'products.sales_tracking',
      run: then((db, ctx, _b, oid) => fulfilOrder(db, ctx, { orderId: oid })),
    },
    return: {
      permission: 'products.sales_tracking',
      run: then((db, ctx, b, oid) => returnOrder(db, ctx, ReturnOrderInputSchema.parse({ ...obj(b), orderId: oid }))),
    },
  };
  return { id, r: routes[action.toLowerCase()]! };
}

export async function handleApiRequest(db: PrismaClient, services: Services, req: ApiRequest): Promise<ApiResponse> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
  if (!bearer) return fail(401, 'UNAUTHENTICATED', 'Send an API token as "Authorization: Bearer <token>"');
  const token = await findActiveToken(db, bearer, services.now());
  if (!token) return fail(401, 'UNAUTHENTICATED', 'This API token is not valid (unknown or revoked)');
  const matched = route(req.method.toUpperCase(), req.path);
  if (!matched) return fail(404, 'NOT_FOUND', `No such endpoint: ${req.method} /api/v1/${req.path}`);
  const user = token.createdById ? await db.user.findUnique({ where: { id: token.createdById } }) : null;
  if (!user || !user.isActive || user.isDeleted || user.organizationId !== token.organizationId)
    return fail(401, 'UNAUTHENTICATED', 'The member who created this API token is no longer active');
  const access = await loadAccess(
    db,
    {
      id: user.id,
      username: user.username,
      email: user.email,
      userType: 'customer',
      organizationId: token.organizationId,
      firstName: user.firstName,
      lastName: user.lastName,
    },
    null,
  );
  for (const permission of ['integrations.api_access', matched.r.permission]) {
    const d = decide(access, permission);
    if (!d.allowed) return fail(d.status, 'FORBIDDEN', d.message);
  }
  const ctx: OrgCtx = {
    ...services,
    organizationId: token.organizationId,
    tierPermissions: access.tierPermissions,
    actor: {
      userId: user.id,
      userType: 'customer',
      isOwner: access.isOwner,
      permissions: new Set(effectivePermissions(access)),
    },
  };
  let body: unknown = {};
  if (req.body.trim()) {
    try {
      body = JSON.parse(req.body);
    } catch {
      return fail(400, 'VALIDATION', 'The body is not JSON');
    }
  }
  const tdb = createTenantDb(db, token.organizationId);
  const run = async (): Promise<ApiResponse> => {
    try {
      // Another organization's id anywhere in the request: not found, as in the app.
      await assertInputIdsInOrganization(db, token.organizationId, { body, id: matched.id });
      const out = await matched.r.run(tdb, ctx, body, matched.id, req.query);
      const shown = ctx.actor.permissions.has(costPermissionFor(matched.r.permission)) ? out : hideCosts(out, 'api');
      return { status: matched.r.status ?? 200, body: JSON.parse(JSON.stringify(shown)) };
    } catch (e) {
      if (isAppError(e)) return fail(HTTP[e.code], e.code, e.message);
      if (e instanceof ZodError) return fail(422, 'VALIDATION', zodMessage(e));
      throw e;
    }
  };
  if (req.method.toUpperCase() !== 'POST') return run();
  return idempotent(tdb, token, req, run);
}

/**
 * Runs a POST once per Idempotency-Key: the key is claimed first (unique per organization), the answer
 * stored with it, and a repeat gets the stored answer. A key still being answered is a 409; a key reused
 * for another request is a 422. A crash (not an answer) frees the key again.
 */
async function idempotent(
  db: TenantDb,
  token: { id: string; organizationId: string },
  req: ApiRequest,
  run: () => Promise<ApiResponse>,
): Promise<ApiResponse> {
  const key = req.idempotencyKey?.trim();
  if (!key) return fail(400, 'VALIDATION', 'Send an Idempotency-Key header with every POST');
  if (key.length > 200) return fail(400, 'VALIDATION', 'The Idempotency-Key is at most 200 characters');
  const requestHash = createHash('sha256').update(`${req.method.toUpperCase()} ${req.path}\n${req.body}`).digest('hex');
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO api_idempotency_keys (id, organization_id, token_id, key, request_hash, status, response, created_at)
    VALUES (gen_random_uuid()::text, ${token.organizationId}, ${token.id}, ${key}, ${requestHash}, 0, 'null'::jsonb, now())
    ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`;
  if (!claimed[0]) {
    const first = await db.apiIdempotencyKey.findFirst({ where: { key } });
    if (!first) return fail(409, 'CONFLICT', 'Try again');
    if (first.requestHash !== requestHash)
      return fail(422, 'VALIDATION', 'This Idempotency-Key was used for another request; use a new key');
    if (first.status === 0) return fail(409, 'CONFLICT', 'A request with this Idempotency-Key is still being answered');
    return { status: first.status, body: first.response };
  }
  let res: ApiResponse;
  try {
    res = await run();
  } catch (e) {
    await db.apiIdempotencyKey.delete({ where: { id: claimed[0].id } });
    throw e;
  }
  await db.apiIdempotencyKey.update({
    where: { id: claimed[0].id },
    data: { status: res.status, response: res.body as object },
  });
  return res;
}
