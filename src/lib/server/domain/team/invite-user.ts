import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { generateToken, hashToken } from '../../auth/sessions.ts';
import { assertUserLimit } from '../orgs/limits.ts';
import { InviteUserInputSchema } from '../../../shared/schemas/team.ts';
import { assertHeldByActor, permissionsOfRole } from '../roles/escalation.ts';

const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Invites a person by email with an organization role. The link carries a random token; only its
 * hash is stored. Refused when the email is registered, the role is the owner role or foreign, the role
 * carries a permission the inviter does not hold, or the organization is at its tier's user limit.
 */
export async function inviteUser(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof InviteUserInputSchema>) {
  const input = InviteUserInputSchema.parse(raw);
  const role = await db.role.findFirst({ where: { id: input.roleId, isActive: true } });
  if (!role) throw new AppError('NOT_FOUND', 'Role not found', { field: 'roleId' });
  // Inviting with a role grants it: nobody but the owner hands on permissions they do not hold.
  await assertHeldByActor(db, ctx, await permissionsOfRole(db, role.id), 'grant');
  // Emails are unique across all organizations, which the scoped client cannot see: count globally,
  // returning nothing about the other account.
  const taken = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM users WHERE email = ${input.email}`;
  if (Number(taken[0]!.n) > 0)
    throw new AppError('CONFLICT', 'A user with that email is already registered', { field: 'email' });
  await assertUserLimit(db as never, ctx.organizationId, 'invite');
  const token = generateToken();
  const org = await organizationName(db, ctx.organizationId);
  const invite = await db.$transaction(async (tx) => {
    await tx.invite.updateMany({
      where: { email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: ctx.now() },
    });
    return tx.invite.create({
      data: {
        organizationId: ctx.organizationId,
        email: input.email,
        roleId: role.id,
        tokenHash: hashToken(token),
        invitedById: ctx.actor.userId,
        expiresAt: new Date(ctx.now().getTime() + INVITE_TTL_MS),
      },
    });
  });
  const link = `${ctx.appUrl}/invite/${token}`;
  await ctx.mailer.send({
    to: input.email,
    subject: `You're invited to ${org} on BatchTrack`,
    text: `You have been invited to join ${org} on BatchTrack as ${role.name}.\n\nSet up your account: ${link}\n\nThis link expires in 7 days.`,
  });
  // The link is returned only where mail is not really delivered (development), so a developer can follow it.
  return {
    inviteId: invite.id,
    email: input.email,
    role: role.name,
    link: ctx.mailer.transport === 'log' ? link : null,
  };
}

async function organizationName(db: TenantDb, organizationId: string): Promise<string> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return org?.name ?? 'your organization';
}

export async function revokeInvite(db: TenantDb, ctx: OrgCtx, input: { inviteId: string }) {
  const res = await db.invite.updateMany({
    where: { id: input.inviteId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: ctx.now() },
  });
  if (res.count === 0) throw new AppError('NOT_FOUND', 'Invite not found');
  return { ok: true };
}
