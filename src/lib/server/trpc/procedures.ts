// Procedure builders. Authorization happens here and only here: orgProcedure resolves the acting
// organization, runs the permission check of auth/authorize.ts against the permission the procedure
// declares, refuses ids of other organizations in the input, hands down a tenant-scoped db, and hides
// costs in the answer from those who may not see them. A procedure without a declared permission fails closed.
import { TRPCError } from '@trpc/server';
import { t } from './init.ts';
import { toTRPCError } from './errors.ts';
import { accessForSession, type Access } from '../auth/access.ts';
import {
  INACTIVE_ORG_MESSAGE,
  PermissionDenied,
  decide,
  effectivePermissions,
  upgradeTiersFor,
  type Denial,
} from '../auth/authorize.ts';
import { assertInputIdsInOrganization, createTenantDb } from '../db/tenant.ts';
import type { OrgCtx } from '../domain/context.ts';
import { AppError } from '../errors.ts';
import { costPermissionFor, hideCosts } from '../auth/cost-visibility.ts';

/** Converts domain errors thrown anywhere below into tRPC errors once, at the edge. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped !== result.error.cause) throw mapped;
  }
  return result;
});

const base = t.procedure.use(mapErrors);
export const router = t.router;

export const publicProcedure = base.meta({ access: 'public' });

/** A session ended by a hard lock answers with the lock's reason, so the client can say why (not a bare 401). */
function lockedOutError() {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: INACTIVE_ORG_MESSAGE,
    cause: new PermissionDenied({
      status: 403,
      reason: 'organization_inactive',
      permission: '',
      message: INACTIVE_ORG_MESSAGE,
    }),
  });
}

export const authedProcedure = base.meta({ access: 'authed' }).use(({ ctx, next }) => {
  if (ctx.lockedOut) throw lockedOutError();
  if (!ctx.user || !ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Authentication required' });
  return next({ ctx: { user: ctx.user, session: ctx.session } });
});

async function denialError(ctx: { db: Parameters<typeof upgradeTiersFor>[0] }, access: Access | null, denial: Denial) {
  if (denial.reason === 'tier_ceiling' && access?.organization) {
    denial.upgradeTiers = await upgradeTiersFor(ctx.db, denial.permission, access.organization.tier.id);
    if (denial.upgradeTiers.length) denial.message += ` Upgrade to ${denial.upgradeTiers.join(' or ')} to use it.`;
  }
  return new TRPCError({
    code: denial.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
    message: denial.message,
    cause: new PermissionDenied(denial),
  });
}

function requiredPermission(meta: { permission?: string } | undefined, path: string): string {
  if (!meta?.permission)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Procedure ${path} declares no permission` });
  return meta.permission;
}

/** The input without the fields a procedure declares cross-tenant (ProcedureMeta.crossTenantFields). */
function withoutFields(input: unknown, fields: string[] | undefined): unknown {
  if (!fields?.length || !input || typeof input !== 'object' || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([k]) => !fields.includes(k)));
}

/** A customer action inside one organization, gated by the declared customer permission. */
export const orgProcedure = base.use(async ({ ctx, meta, path, next, getRawInput }) => {
  const permission = requiredPermission(meta, path);
  if (ctx.lockedOut) throw lockedOutError();
  const access = ctx.user && ctx.session ? await accessForSession(ctx.db, ctx.user, ctx.session) : null;
  const decision = decide(access, permission, { billingExempt: meta?.billingExempt === true });
  if (!decision.allowed) throw await denialError(ctx, access, decision);
  const org = access!.organization!;
  // Another organization's id anywhere in the input: NOT_FOUND, whichever procedure it is (db/tenant.ts).
  await assertInputIdsInOrganization(ctx.db, org.id, withoutFields(await getRawInput(), meta?.crossTenantFields));
  const orgCtx: OrgCtx = {
    ...ctx.services,
    organizationId: org.id,
    tierPermissions: access!.tierPermissions,
    actor: {
      userId: access!.user.id,
      userType: access!.user.userType,
      isOwner: access!.isOwner,
      permissions: new Set(effectivePermissions(access!)),
    },
  };
  const result = await next({
    ctx: { tdb: createTenantDb(ctx.db, org.id), orgCtx, access: access!, user: ctx.user!, session: ctx.session! },
  });
  // Costs leave only for those allowed to see them, whatever the procedure returned (auth/cost-visibility.ts).
  if (!result.ok || orgCtx.actor.permissions.has(costPermissionFor(permission))) return result;
  return { ...result, data: hideCosts(result.data, path) };
});

/** A platform-staff action, gated by the declared dev.* permission. */
export const devProcedure = base.use(async ({ ctx, meta, path, next }) => {
  const permission = requiredPermission(meta, path);
  if (!permission.startsWith('dev.'))
    throw new AppError('INVALID_STATE', `${path}: devProcedure needs a dev.* permission`);
  // Developer permissions do not depend on the organization viewed as: the request's cached access, without it.
  const viewed = ctx.user && ctx.session ? await accessForSession(ctx.db, ctx.user, ctx.session) : null;
  const access: Access | null = viewed && {
    ...viewed,
    organization: null,
    viewingAs: false,
    tierPermissions: new Set(),
    rolePermissions: new Set(),
    isOwner: false,
  };
  const decision = decide(access, permission);
  if (!decision.allowed) throw await denialError(ctx, access, decision);
  return next({ ctx: { user: ctx.user!, session: ctx.session!, access: access! } });
});
