import type { PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { OWNER_ROLE, PRESET_ROLES } from '../../../shared/permission-catalogue.ts';
import { hashPassword } from '../../auth/password.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import { SignUpInputSchema, type SignUpInput } from '../../../shared/schemas/orgs.ts';
import { assertEmailFree, uniqueUsername } from './identity.ts';
import type { BillingMode } from '../../integrations/billing.ts';
import { emitEvent } from '../../events/emit.ts';

export const EMAIL_TAKEN_MESSAGE = 'An account with that email already exists. Please log in instead.';

type Options = {
  allowInternalTiers?: boolean;
  signupSource?: string;
  /** The server's billing mode; sign-up passes it. Developers and the seed create organizations as with billing off. */
  billing?: BillingMode;
};

export const CHECKOUT_REQUIRED_MESSAGE = 'This plan is paid: sign-up continues through checkout.';

/** How the new organization is billed: nobody (billing off or an exempt tier), or a paid Stripe subscription. */
export type OrganizationBilling =
  { provider: 'none' | 'exempt' } | { provider: 'stripe'; customerId: string | null; subscriptionId: string | null };

export type NewOrganization = {
  tier: { id: string; billingProvider: string };
  organizationName: string;
  owner: {
    email: string;
    username: string | null | undefined;
    passwordHash: string;
    firstName: string;
    lastName: string;
  };
  signupSource: string;
  billing: OrganizationBilling;
};

/**
 * Creates an organization on a tier together with its owner: preset roles, the owner's user,
 * the organization_owner assignment and preferences, in one transaction, and enqueues a stats
 * rollup with it. Used by free sign-up, by developers creating organizations and by the seed. With
 * billing off a paid tier is granted unpaid and recorded so (billing provider "none", no subscription);
 * with billing on a paid tier goes through checkout (domain/billing/signup-checkout.ts) instead.
 */
export async function createOrganizationWithOwner(
  db: PrismaClient,
  ctx: Pick<Services, 'now' | 'jobs'>,
  raw: SignUpInput,
  opts: Options = {},
) {
  const input = SignUpInputSchema.parse(raw);
  const passwordHash = await hashPassword(input.owner.password);
  return withTransaction(db, async (tx) => {
    const tier = await findSignupTier(tx, input.tierKey, opts.allowInternalTiers);
    const exempt = tier.billingProvider === 'exempt';
    if (!exempt && opts.billing === 'stripe') {
      throw new AppError('VALIDATION', CHECKOUT_REQUIRED_MESSAGE, { field: 'tierKey' });
    }
    return insertOrganizationWithOwner(tx, ctx, {
      tier,
      organizationName: input.organizationName,
      owner: {
        email: input.owner.email,
        username: input.owner.username,
        passwordHash,
        firstName: input.owner.firstName,
        lastName: input.owner.lastName,
      },
      signupSource: opts.signupSource ?? 'signup',
      billing: { provider: exempt ? 'exempt' : 'none' },
    });
  });
}

/** The tier a sign-up asks for, refused when unknown or not offered to customers. */
export async function findSignupTier(tx: Pick<Tx, 'subscriptionTier'>, tierKey: string, allowInternal = false) {
  const tier = await tx.subscriptionTier.findUnique({ where: { key: tierKey } });
  if (!tier || (!tier.isCustomerFacing && !allowInternal)) {
    throw new AppError('VALIDATION', 'Invalid subscription plan selected', { field: 'tierKey' });
  }
  return tier;
}

/** The username is free (case-insensitive); a generated one is unique by construction. */
export async function resolveUsername(tx: Tx, email: string, wanted: string | null | undefined): Promise<string> {
  if (!wanted) return uniqueUsername(tx, email);
  if (await tx.user.findFirst({ where: { username: { equals: wanted, mode: 'insensitive' } } })) {
    throw new AppError('CONFLICT', 'That username is taken', { field: 'username' });
  }
  return wanted;
}

/** The rows of a new organization and its owner, inside the caller's transaction. */
export async function insertOrganizationWithOwner(tx: Tx, ctx: Pick<Services, 'jobs'>, n: NewOrganization) {
  await assertEmailFree(tx, n.owner.email);
  const username = await resolveUsername(tx, n.owner.email, n.owner.username);
  const stripe = n.billing.provider === 'stripe' ? n.billing : null;
  const org = await tx.organization.create({
    data: {
      name: n.organizationName,
      contactEmail: n.owner.email,
      subscriptionTierId: n.tier.id,
      signupSource: n.signupSource,
      // Billing off: nobody bills the organization and it has no subscription (docs/rules/billing.md).
      billingProvider: n.billing.provider,
      subscriptionStatus: stripe ? 'active' : null,
      billingStatus: 'active',
      stripeCustomerId: stripe?.customerId ?? null,
      stripeSubscriptionId: stripe?.subscriptionId ?? null,
    },
  });
  await createPresetRoles(tx, org.id);
  const user = await tx.user.create({
    data: {
      organizationId: org.id,
      userType: 'customer',
      username,
      email: n.owner.email,
      passwordHash: n.owner.passwordHash,
      firstName: n.owner.firstName,
      lastName: n.owner.lastName,
    },
  });
  const ownerRole = await tx.role.findFirstOrThrow({
    where: { name: OWNER_ROLE, isSystemRole: true, organizationId: null },
  });
  await tx.userRoleAssignment.create({ data: { userId: user.id, roleId: ownerRole.id, organizationId: org.id } });
  await tx.userPreferences.create({ data: { userId: user.id, organizationId: org.id } });
  await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id });
  const who = { organizationId: org.id, now: () => org.createdAt, actor: { userId: user.id } };
  await emitEvent(tx, who, 'account_created', org.id, { organizationName: org.name, tier: n.tier.id });
  await emitEvent(tx, who, 'signup_completed', user.id, { tier: n.tier.id });
  return { organization: { id: org.id, name: org.name }, user: { id: user.id, username, email: user.email } };
}

async function createPresetRoles(tx: Tx, organizationId: string) {
  const perms = await tx.permission.findMany({ select: { id: true, name: true } });
  const idOf = new Map(perms.map((p) => [p.name, p.id]));
  for (const preset of PRESET_ROLES) {
    await tx.role.create({
      data: {
        organizationId,
        name: preset.name,
        description: preset.description,
        permissions: { create: preset.permissions.map((name) => ({ permissionId: idOf.get(name)! })) },
      },
    });
  }
}
