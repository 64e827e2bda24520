// The one way a domain event is written (docs/rules/events.md): inside the caller's transaction, so an
// event exists exactly when the action committed. The dispatcher (domain/webhooks/dispatch.ts) delivers it.
import { EVENT_TYPES, type EventName, type EventProps } from './event-types.ts';

type EventRow = {
  organizationId: string;
  eventName: string;
  occurredAt: Date;
  userId: string | null;
  entityType: string;
  entityId: string | null;
  schemaVersion: number;
  properties: object;
};

/** Anything with a domainEvent delegate: a tenant transaction or a plain Prisma one (sign-up, sign-in). */
export type EventWriter = { domainEvent: { create(args: { data: EventRow }): Promise<unknown> } };

/** Who and when: an OrgCtx satisfies it; sign-in and sign-up pass their own. */
export type EventCtx = { organizationId: string; now: () => Date; actor?: { userId: string } | null };

export async function emitEvent<N extends EventName>(
  tx: EventWriter,
  ctx: EventCtx,
  name: N,
  entityId: string | null,
  properties: EventProps<N>,
): Promise<void> {
  const def = EVENT_TYPES[name];
  await tx.domainEvent.create({
    data: {
      organizationId: ctx.organizationId,
      eventName: name,
      occurredAt: ctx.now(),
      userId: ctx.actor?.userId ?? null,
      entityType: def.entityType,
      entityId,
      schemaVersion: def.schemaVersion,
      properties: def.properties.parse(properties) as object,
    },
  });
}
