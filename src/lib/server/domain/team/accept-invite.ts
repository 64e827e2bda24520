import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { hashToken, createSession } from '../../auth/sessions.ts';
import { hashPassword } from '../../auth/password.ts';
import { assertUserLimit } from '../orgs/limits.ts';
import { AcceptInviteInputSchema } from '../../../shared/schemas/team.ts';
import type { Services } from '../context.ts';

async function findOpenInvite(db: PrismaClient, token: string, now: Date) {
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true, isActive: true } } },
  });
  if (!invite || invite.revokedAt)
    throw new AppError('NOT_FOUND', 'This invitation link is not valid. Ask for a new invite.');
  if (invite.acceptedAt) throw new AppError('INVALID_STATE', 'This invitation has already been used. Sign in instead.');
  if (invite.expiresAt <= now)
    throw new AppError('INVALID_STATE', 'This invitation has expired. Ask for a new invite.');
  if (!invite.organization.isActive) throw new AppError('FORBIDDEN', 'This organization is inactive.');
  return invite;
}

/** What the invite page shows before the invitee sets up their account. */
export async function getInvite(db: PrismaClient, ctx: Pick<Services, 'now'>, input: { token: string }) {
  const invite = await findOpenInvite(db, input.token, ctx.now());
  const role = await db.role.findUnique({ where: { id: invite.roleId }, select: { name: true } });
  return { email: invite.email, organizationName: invite.organization.name, roleName: role?.name ?? '' };
}

/**
 * The invitee sets name, username and password; the user joins the organization with the invited role
 * and is signed in. The user limit is checked again, since it may have filled since the invite.
 */
export async function acceptInvite(
  db: PrismaClient,
  ctx: Pick<Services, 'now' | 'jobs'>,
  raw: z.input<typeof AcceptInviteInputSchema>,
) {
  const input = AcceptInviteInputSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  const userId = await db.$transaction(async (tx) => {
    // Lock the invite row so two submissions of the same link cannot both create a user.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM invites WHERE token_hash = ${hashToken(input.token)} FOR UPDATE`;
    if (!locked.length) throw new AppError('NOT_FOUND', 'This invitation link is not valid. Ask for a new invite.');
    const invite = await findOpenInvite(tx as PrismaClient, input.token, ctx.now());
    if (await tx.user.findFirst({ where: { email: invite.email } })) {
      throw new AppError('CONFLICT', 'An account with that email already exists. Please log in instead.');
    }
    if (await tx.user.findFirst({ where: { username: { equals: input.username, mode: 'insensitive' } } })) {
      throw new AppError('CONFLICT', 'That username is taken', { field: 'username' });
    }
    await assertUserLimit(tx, invite.organizationId, 'invite');
    const user = await tx.user.create({
      data: {
        organizationId: invite.organizationId,
        userType: 'customer',
        email: invite.email,
        username: input.username,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        phone: input.phone ?? null,
      },
    });
    await tx.userRoleAssignment.create({
      data: {
        userId: user.id,
        roleId: invite.roleId,
        organizationId: invite.organizationId,
        assignedById: invite.invitedById,
      },
    });
    await tx.userPreferences.create({ data: { userId: user.id, organizationId: invite.organizationId } });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedAt: ctx.now() } });
    await ctx.jobs.enqueue(tx, 'stats.rollup', { organizationId: invite.organizationId });
    return user.id;
  });
  const { token, session } = await createSession(db, userId, ctx.now());
  return { token, expiresAt: session.expiresAt };
}
