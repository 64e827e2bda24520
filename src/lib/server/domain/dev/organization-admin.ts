// The console's organization administration (docs/rules/platform-console.md, Organizations): create with an
// owner, rename and (de)activate, move to another tier as a recorded billing override. Every change writes
// its audit row (audit.ts).
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../../auth/password.ts';
import { generateToken } from '../../auth/sessions.ts';
import type { Services } from '../context.ts';
import { findSignupTier, insertOrganizationWithOwner } from '../orgs/create-organization.ts';
import { assignTier } from '../billing/platform-billing.ts';
import {
  ChangeOrganizationTierInputSchema,
  CreateOrganizationInputSchema,
  UpdateOrganizationInputSchema,
} from '../../../shared/schemas/dev-console.ts';
import { changedFields, recordAudit, type ConsoleCtx } from './audit.ts';
import { issuePasswordLink } from './password-reset.ts';

export type ConsoleServices = ConsoleCtx & Services;

/**
 * A developer creates an organization on any tier (internal ones too) with its owner. Without a password,
 * the owner is mailed a link to set one. Billing is recorded as off (provider none) for a paid tier, as
 * for every organization a developer creates: a paid subscription starts from the organization's own billing page.
 */
export async function createOrganizationAsDeveloper(
  db: PrismaClient,
  ctx: ConsoleServices,
  raw: z.input<typeof CreateOrganizationInputSchema>,
) {
  const input = CreateOrganizationInputSchema.parse(raw);
  const passwordHash = await hashPassword(input.owner.password ?? generateToken());
  return withTransaction(db, async (tx) => {
    const tier = await findSignupTier(tx, input.tierKey, true);
    const created = await insertOrganizationWithOwner(tx, ctx, {
      tier,
      organizationName: input.name,
      owner: {
        email: input.owner.email,
        username: input.owner.username,
        passwordHash,
        firstName: input.owner.firstName,
        lastName: input.owner.lastName,
      },
      signupSource: 'developer',
      billing: { provider: tier.billingProvider === 'exempt' ? 'exempt' : 'none' },
    });
    const setup = input.owner.password
      ? null
      : await issuePasswordLink(tx, ctx, { ...created.user, id: created.user.id }, 'setup');
    await recordAudit(tx, ctx, {
      action: 'organization.create',
      targetType: 'organization',
      targetKey: created.organization.id,
      targetLabel: created.organization.name,
      targetOrgId: created.organization.id,
      after: {
        name: created.organization.name,
        tier: tier.key,
        owner: { username: created.user.username, email: created.user.email },
        password: input.owner.password ? 'set by the developer' : 'setup link emailed',
      },
    });
    return { ...created, setupLink: setup?.link ?? null };
  });
}

/** Rename and activate/deactivate. A deactivated organization is locked out at its next request. */
export async function updateOrganization(
  db: PrismaClient,
  ctx: ConsoleServices,
  raw: z.input<typeof UpdateOrganizationInputSchema>,
) {
  const input = UpdateOrganizationInputSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const org = await tx.organization.findUnique({
      where: { id: input.organizationId },
      select: { id: true, name: true, isActive: true },
    });
    if (!org) throw new AppError('NOT_FOUND', 'Organization not found.');
    const diff = changedFields(org, { name: input.name, isActive: input.isActive });
    if (diff.fields.length === 0) return { id: org.id, changed: [] as string[] };
    await tx.organization.update({ where: { id: org.id }, data: diff.after });
    const action =
      diff.fields.length === 1 && diff.fields[0] === 'isActive'
        ? input.isActive
          ? 'organization.activate'
          : 'organization.deactivate'
        : 'organization.update';
    await recordAudit(tx, ctx, {
      action,
      targetType: 'organization',
      targetKey: org.id,
      targetLabel: input.name ?? org.name,
      targetOrgId: org.id,
      before: diff.before,
      after: diff.after,
    });
    return { id: org.id, changed: diff.fields };
  });
}

/**
 * A billing override: the organization moves to any tier now, whatever its billing, through billing's
 * assignTier (billing provider, archived recipes back up to the new limit). The audit row says so.
 * assignTier runs its own writes, so the audit row follows it rather than sharing its transaction.
 */
export async function changeOrganizationTier(
  db: PrismaClient,
  ctx: ConsoleServices,
  raw: z.input<typeof ChangeOrganizationTierInputSchema>,
) {
  const input = ChangeOrganizationTierInputSchema.parse(raw);
  const before = await db.organization.findUnique({
    where: { id: input.organizationId },
    select: { id: true, name: true, billingProvider: true, billingStatus: true, tier: { select: { key: true } } },
  });
  if (!before) throw new AppError('NOT_FOUND', 'Organization not found.');
  const result = await assignTier(db, { organizationId: input.organizationId, tierKey: input.tierKey });
  const after = await db.organization.findUniqueOrThrow({
    where: { id: input.organizationId },
    select: { billingProvider: true, billingStatus: true },
  });
  await recordAudit(db, ctx, {
    action: 'organization.billing_override',
    targetType: 'organization',
    targetKey: before.id,
    targetLabel: before.name,
    targetOrgId: before.id,
    before: { tier: before.tier.key, billingProvider: before.billingProvider, billingStatus: before.billingStatus },
    after: { tier: result.tierKey, ...after, recipesRestored: result.restored },
    note: input.reason ?? 'Tier changed from the console (billing override)',
  });
  return result;
}
