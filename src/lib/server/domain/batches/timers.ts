// Batch timers. docs/rules/batches.md (Timers): pausing stops the clock. elapsed = accumulated + (now − runningSince)
// while running; a running timer past its duration is expired.
import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { TimerCreateSchema } from '../../../shared/schemas/batches.ts';
import { emitEvent } from '../../events/emit.ts';

type TimerRow = {
  id: string;
  name: string;
  durationSeconds: number;
  status: string;
  accumulatedSeconds: number;
  runningSince: Date | null;
  startedAt: Date;
  endedAt: Date | null;
  batchId: string;
};

export function elapsedSeconds(t: Pick<TimerRow, 'accumulatedSeconds' | 'runningSince'>, now: Date): number {
  return (
    t.accumulatedSeconds +
    (t.runningSince ? Math.max(0, Math.floor((now.getTime() - t.runningSince.getTime()) / 1000)) : 0)
  );
}

export function describeTimer(t: TimerRow, now: Date) {
  const elapsed = elapsedSeconds(t, now);
  const remaining = Math.max(0, t.durationSeconds - elapsed);
  return {
    ...t,
    elapsedSeconds: elapsed,
    remainingSeconds: remaining,
    isExpired: t.status === 'active' && elapsed >= t.durationSeconds,
  };
}

/** MM:SS, or HH:MM:SS from one hour up. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600),
    m = Math.floor((seconds % 3600) / 60),
    s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

export async function startTimer(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof TimerCreateSchema>) {
  const input = TimerCreateSchema.parse(raw);
  const batch = await db.batch.findUnique({ where: { id: input.batchId }, select: { status: true } });
  if (!batch) throw new AppError('NOT_FOUND', 'Batch not found');
  if (batch.status !== 'in_progress') throw new AppError('INVALID_STATE', 'Timers run only on in-progress batches.');
  const now = ctx.now();
  const t = await db.$transaction(async (tx) => {
    const created = await tx.batchTimer.create({
      data: {
        organizationId: ctx.organizationId,
        batchId: input.batchId,
        name: input.name,
        durationSeconds: input.durationSeconds,
        startedAt: now,
        runningSince: now,
      },
    });
    await emitEvent(tx, ctx, 'timer_started', created.id, {
      batchId: created.batchId,
      name: created.name,
      durationSeconds: created.durationSeconds,
    });
    return created;
  });
  return describeTimer(t, now);
}

const TRANSITIONS: Record<string, { from: string[]; to: string }> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  complete: { from: ['active', 'paused', 'expired'], to: 'completed' },
  cancel: { from: ['active', 'paused'], to: 'cancelled' },
};

export async function changeTimer(
  db: TenantDb,
  ctx: OrgCtx,
  input: { timerId: string; action: keyof typeof TRANSITIONS },
) {
  const t = await db.batchTimer.findUnique({ where: { id: input.timerId } });
  if (!t) throw new AppError('NOT_FOUND', 'Timer not found');
  const rule = TRANSITIONS[input.action]!;
  if (!rule.from.includes(t.status)) throw new AppError('INVALID_STATE', `A ${t.status} timer cannot ${input.action}.`);
  const now = ctx.now();
  const stopping = t.runningSince && rule.to !== 'active';
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.batchTimer.update({
      where: { id: t.id },
      data: {
        status: rule.to,
        accumulatedSeconds: stopping ? elapsedSeconds(t, now) : t.accumulatedSeconds,
        runningSince: rule.to === 'active' ? now : null,
        endedAt: ['completed', 'cancelled'].includes(rule.to) ? now : null,
      },
    });
    if (['completed', 'cancelled'].includes(rule.to))
      await emitEvent(tx, ctx, 'timer_stopped', row.id, { batchId: row.batchId, status: rule.to });
    return row;
  });
  return describeTimer(updated, now);
}

export async function listBatchTimers(db: TenantDb, ctx: OrgCtx, input: { batchId: string }) {
  const now = ctx.now();
  return (await db.batchTimer.findMany({ where: { batchId: input.batchId }, orderBy: { startedAt: 'asc' } })).map((t) =>
    describeTimer(t, now),
  );
}

/** Marks running timers past their duration as expired (the worker can call it; the page shows it live). */
export async function expireOverdueTimers(db: TenantDb, ctx: OrgCtx) {
  const now = ctx.now();
  const running = await db.batchTimer.findMany({ where: { status: 'active' } });
  const overdue = running.filter((t) => elapsedSeconds(t, now) >= t.durationSeconds);
  for (const t of overdue) {
    await db.batchTimer.update({
      where: { id: t.id },
      data: { status: 'expired', accumulatedSeconds: t.durationSeconds, runningSince: null },
    });
  }
  return { expired: overdue.length };
}

/** A batch that ends stops its timers: running or paused ones are closed with the time they ran. */
export async function stopBatchTimersInTx(tx: { batchTimer: TenantDb['batchTimer'] }, batchId: string, now: Date) {
  const open = await tx.batchTimer.findMany({ where: { batchId, status: { in: ['active', 'paused'] } } });
  for (const t of open) {
    await tx.batchTimer.update({
      where: { id: t.id },
      data: { status: 'cancelled', accumulatedSeconds: elapsedSeconds(t, now), runningSince: null, endedAt: now },
    });
  }
  return open.length;
}
