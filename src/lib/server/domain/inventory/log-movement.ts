import type { PrismaClient } from '../../db/client.ts';

/**
 * Counts a movement into the organization's daily activity, once: the movement is marked logged in
 * the same transaction, so a second run (a retry, a duplicate job) finds it logged and does nothing.
 */
export async function logMovement(db: PrismaClient, input: { organizationId: string; movementId: string }) {
  return db.$transaction(async (tx) => {
    const claimed = await tx.inventoryMovement.updateMany({
      where: { id: input.movementId, organizationId: input.organizationId, loggedAt: null },
      data: { loggedAt: new Date() },
    });
    if (claimed.count === 0) return { logged: false };
    const m = await tx.inventoryMovement.findUniqueOrThrow({
      where: { id: input.movementId },
      select: { changeType: true, quantityDelta: true, createdAt: true },
    });
    const day = m.createdAt.toISOString().slice(0, 10);
    await tx.inventoryActivityDaily.upsert({
      where: { organizationId_day_changeType: { organizationId: input.organizationId, day, changeType: m.changeType } },
      create: {
        organizationId: input.organizationId,
        day,
        changeType: m.changeType,
        movements: 1,
        quantity: m.quantityDelta.abs(),
      },
      update: { movements: { increment: 1 }, quantity: { increment: m.quantityDelta.abs() } },
    });
    return { logged: true, day, changeType: m.changeType };
  });
}
