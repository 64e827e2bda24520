import type { PrismaClient } from '../../db/client.ts';
import { withTransaction, type Tx } from '../../db/transaction.ts';
import { OWNER_ROLE, PRESET_ROLES } from '../../../shared/permission-catalogue.ts';
import { hashPassword } from '../../auth/password.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../context.ts';
import { SignUpInputSchema, type SignUpInput } from '../../../shared/schemas/orgs.ts';
import { assertEmailFree, uniqueUsername } from './identity.ts';
import type { BillingMode } from '../../integrations/billing.ts';

export const EMAIL_TAKEN_MESSAGE = 'An account with that email already exists. Please log in instead.';

type Options = {
  allowInternalTiers?: boolean;
  signupSource?: string;
  /** The server's billing mode; sign-up passes it. Developers and the seed create organizations as with billing off. */
  billing?: BillingMode;
};

export const CHECKOUT_MISSING_MESSAGE =
  'Paid plans need a checkout, which this server does not offer yet. Choose a free plan for now.';

/**
 * Creates an organization on a tier together with its owner: preset roles, the owner's user,
 * the organization_owner assignment and preferences, in one transaction, and enqueues a stats
 * rollup with it. Used by sign-up, by developers creating organizations and by the seed. With
 * billing off a paid tier is granted unpaid and recorded so (billing provider "none", no subscription).
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
    const tier = await tx.subscriptionTier.findUnique({ where: { key: input.tierKey } });
    if (!tier || (!tier.isCustomerFacing && !opts.allowInternalTiers)) {
      throw new AppError('VALIDATION', 'Invalid subscription plan selected', { field: 'tierKey' });
    }
    const exempt = tier.billingProvider === 'exempt';
    // Billing on: a paid tier is granted only through a paid subscription, which the billing work adds.
    if (!exempt && opts.billing === 'stripe') {
      throw new AppError('VALIDATION', CHECKOUT_MISSING_MESSAGE, { field: 'tierKey' });
    }
    await assertEmailFree(tx, input.owner.email);
    const username = input.owner.username ?? (await uniqueUsername(tx, input.owner.email));
    if (
      input.owner.username &&
      (await tx.user.findFirst({ where: { username: { equals: username, mode: 'insensitive' } } }))
    ) {
      throw new AppError('CONFLICT', 'That username is taken', { field: 'username' });
    }
    const org = await tx.organization.create({
      data: {
        name: input.organizationName,
        contactEmail: input.owner.email,
        subscriptionTierId: tier.id,
        signupSource: opts.signupSource ?? 'signup',
        // Billing off: nobody bills the organization and it has no subscription (docs/rules/permissions-and-tiers.md).
        billingProvider: exempt ? 'exempt' : 'none',
        subscriptionStatus: null,
      },
    });
    await createPresetRoles(tx, org.id);
    const user = await tx.user.create({
      data: {
        organizationId: org.id,
        userType: 'customer',
        username,
        email: input.owner.email,
        passwordHash,
        firstName: input.owner.firstName,
        lastName: input.owner.lastName,
      },
    });
    const ownerRole = await tx.role.findFirstOrThrow({
      where: { name: OWNER_ROLE, isSystemRole: true, organizationId: null },
    });
    await tx.userRoleAssignment.create({ data: { userId: user.id, roleId: ownerRole.id, organizationId: org.id } });
    await tx.userPreferences.create({ data: { userId: user.id, organizationId: org.id } });
    await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: org.id });
    return { organization: { id: org.id, name: org.name }, user: { id: user.id, username, email: user.email } };
  });
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
