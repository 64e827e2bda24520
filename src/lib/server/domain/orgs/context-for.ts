import type { PrismaClient } from '../../db/client.ts';
import { loadAccess } from '../../auth/access.ts';
import { effectivePermissions } from '../../auth/authorize.ts';
import type { OrgCtx, Services } from '../context.ts';

/**
 * The organization context a background job acts in: the user who asked for the work, with the
 * permissions they have now. Used by job handlers that call organization-scoped domain functions.
 */
export async function orgContextFor(
  db: PrismaClient,
  services: Services,
  organizationId: string,
  userId: string | null,
): Promise<OrgCtx> {
  const user = userId ? await db.user.findUnique({ where: { id: userId } }) : null;
  const sessionUser = {
    id: user?.id ?? 'system',
    username: user?.username ?? 'system',
    email: user?.email ?? '',
    userType: 'customer' as const,
    organizationId,
    firstName: null,
    lastName: null,
  };
  const access = await loadAccess(db, sessionUser, null);
  return {
    ...services,
    organizationId,
    tierPermissions: access.tierPermissions,
    actor: {
      userId: sessionUser.id,
      userType: 'customer',
      isOwner: access.isOwner,
      permissions: new Set(effectivePermissions(access)),
    },
  };
}
