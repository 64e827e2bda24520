// The signed-in person's own profile (docs/rules/tenancy-and-auth.md, Profile): name, email and time zone.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { ProfileInputSchema } from '../../../shared/schemas/orgs.ts';

export async function getProfile(db: PrismaClient, userId: string) {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { firstName: true, lastName: true, email: true, preferences: { select: { timezone: true } } },
  });
  return {
    firstName: u.firstName ?? '',
    lastName: u.lastName ?? '',
    email: u.email,
    timezone: u.preferences?.timezone ?? 'UTC',
  };
}

/** Emails stay unique across accounts; the time zone lives in the user's preferences. */
export async function updateProfile(db: PrismaClient, userId: string, raw: z.input<typeof ProfileInputSchema>) {
  const input = ProfileInputSchema.parse(raw);
  const taken = await db.user.findFirst({
    where: { email: input.email, id: { not: userId } },
    select: { id: true },
  });
  if (taken) throw new AppError('CONFLICT', 'Another account uses that email.', { field: 'email' });
  const user = await db.user.update({
    where: { id: userId },
    data: { firstName: input.firstName, lastName: input.lastName, email: input.email },
    select: { organizationId: true },
  });
  await db.userPreferences.upsert({
    where: { userId },
    create: { userId, organizationId: user.organizationId, timezone: input.timezone },
    update: { timezone: input.timezone },
  });
  return getProfile(db, userId);
}
