// The item library in the console (docs/rules/library.md, Curating).
import { devProcedure, router } from '../procedures.ts';
import {
  CreateGlobalItemInputSchema,
  GlobalItemImportInputSchema,
  GlobalItemRefSchema,
  ListGlobalItemsInputSchema,
  UpdateGlobalItemInputSchema,
} from '../../../shared/schemas/library.ts';
import {
  archiveGlobalItem,
  createGlobalItem,
  getGlobalItemAdmin,
  listGlobalItemsAdmin,
  restoreGlobalItem,
  updateGlobalItem,
} from '../../domain/library/admin.ts';
import { importGlobalItemsCsv } from '../../domain/library/import.ts';
import { consoleCtx } from './dev-context.ts';

const curate = devProcedure.meta({ permission: 'dev.manage_global_items' });

export const devLibraryRouter = router({
  list: curate.input(ListGlobalItemsInputSchema).query(({ ctx, input }) => listGlobalItemsAdmin(ctx.db, input)),
  get: curate.input(GlobalItemRefSchema).query(({ ctx, input }) => getGlobalItemAdmin(ctx.db, input)),
  create: curate
    .input(CreateGlobalItemInputSchema)
    .mutation(({ ctx, input }) => createGlobalItem(ctx.db, consoleCtx(ctx), input)),
  update: curate
    .input(UpdateGlobalItemInputSchema)
    .mutation(({ ctx, input }) => updateGlobalItem(ctx.db, consoleCtx(ctx), input)),
  archive: curate
    .input(GlobalItemRefSchema)
    .mutation(({ ctx, input }) => archiveGlobalItem(ctx.db, consoleCtx(ctx), input)),
  restore: curate
    .input(GlobalItemRefSchema)
    .mutation(({ ctx, input }) => restoreGlobalItem(ctx.db, consoleCtx(ctx), input)),
  import: curate
    .input(GlobalItemImportInputSchema)
    .mutation(({ ctx, input }) => importGlobalItemsCsv(ctx.db, consoleCtx(ctx), input)),
});
