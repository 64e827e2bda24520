import { orgProcedure, router } from '../procedures.ts';
import { buildPlan } from '../../domain/planning/plan.ts';
import { PlanInputSchema } from '../../../shared/schemas/planning.ts';
import {
  BatchIdSchema,
  CompleteInputSchema,
  ExtrasInputSchema,
  ListBatchesInputSchema,
  NoteInputSchema,
  ReasonInputSchema,
  RecallCsvInputSchema,
  StartBatchInputSchema,
  TagsInputSchema,
  TimerCreateSchema,
  TimerIdSchema,
  TraceBackwardInputSchema,
  TraceFindInputSchema,
  TraceForwardInputSchema,
} from '../../../shared/schemas/batches.ts';
import { startBatch } from '../../domain/batches/start-batch.ts';
import { addBatchExtras, addBatchNote, setBatchTags } from '../../domain/batches/in-progress.ts';
import { changeTimer, listBatchTimers, startTimer } from '../../domain/batches/timers.ts';
import { cancelBatch, failBatch, requestCompletion, retryCompletion } from '../../domain/batches/finish.ts';
import { getBatch, listBatches } from '../../domain/batches/queries.ts';
import { recallCsv, traceBackward, traceForward } from '../../domain/trace/queries.ts';
import { findTraceTarget } from '../../domain/trace/find.ts';

const timerAction = (action: 'pause' | 'resume' | 'complete' | 'cancel') =>
  orgProcedure
    .meta({ permission: 'timers.manage' })
    .input(TimerIdSchema)
    .mutation(({ ctx, input }) => changeTimer(ctx.tdb, ctx.orgCtx, { timerId: input.timerId, action }));

export const batchesRouter = router({
  plan: orgProcedure
    .meta({ permission: 'recipes.plan_production' })
    .input(PlanInputSchema)
    .query(({ ctx, input }) => buildPlan(ctx.tdb, ctx.orgCtx, input).then(serializePlan)),
  start: orgProcedure
    .meta({ permission: 'batches.create' })
    .input(StartBatchInputSchema)
    .mutation(({ ctx, input }) => startBatch(ctx.tdb, ctx.orgCtx, input)),
  list: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(ListBatchesInputSchema)
    .query(({ ctx, input }) => listBatches(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(BatchIdSchema)
    .query(({ ctx, input }) => getBatch(ctx.tdb, ctx.orgCtx, input)),
  addNote: orgProcedure
    .meta({ permission: 'batches.edit' })
    .input(NoteInputSchema)
    .mutation(({ ctx, input }) => addBatchNote(ctx.tdb, ctx.orgCtx, input)),
  setTags: orgProcedure
    .meta({ permission: 'batches.edit' })
    .input(TagsInputSchema)
    .mutation(({ ctx, input }) => setBatchTags(ctx.tdb, ctx.orgCtx, input)),
  addExtras: orgProcedure
    .meta({ permission: 'batches.edit' })
    .input(ExtrasInputSchema)
    .mutation(({ ctx, input }) => addBatchExtras(ctx.tdb, ctx.orgCtx, input)),
  timers: orgProcedure
    .meta({ permission: 'timers.view' })
    .input(BatchIdSchema)
    .query(({ ctx, input }) => listBatchTimers(ctx.tdb, ctx.orgCtx, input)),
  startTimer: orgProcedure
    .meta({ permission: 'timers.manage' })
    .input(TimerCreateSchema)
    .mutation(({ ctx, input }) => startTimer(ctx.tdb, ctx.orgCtx, input)),
  pauseTimer: timerAction('pause'),
  resumeTimer: timerAction('resume'),
  completeTimer: timerAction('complete'),
  cancelTimer: timerAction('cancel'),
  complete: orgProcedure
    .meta({ permission: 'batches.finish' })
    .input(CompleteInputSchema)
    .mutation(({ ctx, input }) => requestCompletion(ctx.tdb, ctx.orgCtx, input)),
  retryCompletion: orgProcedure
    .meta({ permission: 'batches.finish' })
    .input(BatchIdSchema)
    .mutation(({ ctx, input }) => retryCompletion(ctx.tdb, ctx.orgCtx, input)),
  fail: orgProcedure
    .meta({ permission: 'batches.finish' })
    .input(ReasonInputSchema)
    .mutation(({ ctx, input }) => failBatch(ctx.tdb, ctx.orgCtx, input)),
  cancel: orgProcedure
    .meta({ permission: 'batches.cancel' })
    .input(BatchIdSchema)
    .mutation(({ ctx, input }) => cancelBatch(ctx.tdb, ctx.orgCtx, input)),
  traceBackward: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(TraceBackwardInputSchema)
    .query(({ ctx, input }) => traceBackward(ctx.tdb, ctx.orgCtx, input)),
  findTrace: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(TraceFindInputSchema)
    .query(({ ctx, input }) => findTraceTarget(ctx.tdb, ctx.orgCtx, input)),
  traceForward: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(TraceForwardInputSchema)
    .query(({ ctx, input }) => traceForward(ctx.tdb, ctx.orgCtx, input)),
  recallCsv: orgProcedure
    .meta({ permission: 'batches.view' })
    .input(RecallCsvInputSchema)
    .query(({ ctx, input }) => recallCsv(ctx.tdb, ctx.orgCtx, input)),
});

/** Decimals cross tRPC as strings. */
function serializePlan(plan: Awaited<ReturnType<typeof buildPlan>>) {
  return {
    ...plan,
    containerPlan: plan.containerPlan
      ? {
          ...plan.containerPlan,
          totalCapacity: plan.containerPlan.totalCapacity.toString(),
          picks: plan.containerPlan.picks.map((p) => ({ ...p, capacity: p.capacity.toString() })),
        }
      : null,
  };
}
