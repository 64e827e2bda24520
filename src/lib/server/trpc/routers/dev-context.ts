import type { Services } from '../../domain/context.ts';
import type { ConsoleCtx } from '../../domain/dev/audit.ts';

/** The acting developer and the services, for the console's domain functions (they write the audit row). */
export function consoleCtx(ctx: { user: { id: string; username: string }; services: Services }): ConsoleCtx & Services {
  return { ...ctx.services, actor: { userId: ctx.user.id, name: ctx.user.username } };
}
