import { z } from 'zod';
import { orgProcedure, router } from '../procedures.ts';
import {
  CreateItemInputSchema,
  DisposeExpiredInputSchema,
  ExpiringInputSchema,
  HistoryInputSchema,
  InventoryCategoryInputSchema,
  ListItemsInputSchema,
  MovementInputSchema,
  ReverseInputSchema,
  UpdateItemInputSchema,
} from '../../../shared/schemas/inventory.ts';
import { createItem } from '../../domain/inventory/create-item.ts';
import { setItemArchived, updateItem } from '../../domain/inventory/manage-item.ts';
import { applyMovement } from '../../domain/inventory/apply-movement.ts';
import { reverseMovement } from '../../domain/inventory/reverse-movement.ts';
import { getItem, listExpiringLots, listItemHistory, listItems, onHandSeries } from '../../domain/inventory/queries.ts';
import { disposeExpired, latestDigest } from '../../domain/inventory/expiry.ts';
import { listReadySoon } from '../../domain/inventory/ready.ts';
import { listIngredientCategories } from '../../domain/inventory/categories.ts';
import { createInventoryCategory, listInventoryCategories } from '../../domain/inventory/categories-manage.ts';
import { getImportStatus, previewImport, startImport } from '../../domain/inventory/import-items.ts';
import { exportItemsCsv, exportLedgerCsv } from '../../domain/inventory/export.ts';
import {
  BulkUpdateInputSchema,
  ImportInputSchema,
  SetTrackingInputSchema,
} from '../../../shared/schemas/inventory-bulk.ts';
import { bulkUpdate } from '../../domain/inventory/bulk-update.ts';
import { setItemTracking } from '../../domain/inventory/infinite.ts';

const ItemIdSchema = z.object({ itemId: z.uuid() });

export const inventoryRouter = router({
  list: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(ListItemsInputSchema)
    .query(({ ctx, input }) => listItems(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(ItemIdSchema)
    .query(({ ctx, input }) => getItem(ctx.tdb, ctx.orgCtx, input)),
  history: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(HistoryInputSchema)
    .query(({ ctx, input }) => listItemHistory(ctx.tdb, ctx.orgCtx, input)),
  series: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(ItemIdSchema)
    .query(({ ctx, input }) => onHandSeries(ctx.tdb, ctx.orgCtx, input)),
  expiring: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(ExpiringInputSchema)
    .query(({ ctx, input }) => listExpiringLots(ctx.tdb, ctx.orgCtx, input ?? {})),
  readySoon: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(z.object({ withinDays: z.number().int().min(1).max(365).optional() }).optional())
    .query(({ ctx, input }) => listReadySoon(ctx.tdb, ctx.orgCtx, input ?? {})),
  digest: orgProcedure.meta({ permission: 'inventory.view' }).query(({ ctx }) => latestDigest(ctx.tdb)),
  categories: orgProcedure.meta({ permission: 'inventory.view' }).query(({ ctx }) => listIngredientCategories(ctx.tdb)),
  inventoryCategories: orgProcedure
    .meta({ permission: 'inventory.view' })
    .query(({ ctx }) => listInventoryCategories(ctx.tdb)),
  createCategory: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(InventoryCategoryInputSchema)
    .mutation(({ ctx, input }) => createInventoryCategory(ctx.tdb, ctx.orgCtx, input)),
  create: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(CreateItemInputSchema)
    .mutation(({ ctx, input }) => createItem(ctx.tdb, ctx.orgCtx, input)),
  update: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(UpdateItemInputSchema)
    .mutation(({ ctx, input }) => updateItem(ctx.tdb, ctx.orgCtx, input)),
  archive: orgProcedure
    .meta({ permission: 'inventory.delete' })
    .input(ItemIdSchema)
    .mutation(({ ctx, input }) => setItemArchived(ctx.tdb, ctx.orgCtx, { itemId: input.itemId, archived: true })),
  restore: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(ItemIdSchema)
    .mutation(({ ctx, input }) => setItemArchived(ctx.tdb, ctx.orgCtx, { itemId: input.itemId, archived: false })),
  adjust: orgProcedure
    .meta({ permission: 'inventory.adjust' })
    .input(MovementInputSchema.omit({ eventCode: true, valuationMethod: true, batchId: true }))
    .mutation(({ ctx, input }) => applyMovement(ctx.tdb, ctx.orgCtx, input)),
  reverse: orgProcedure
    .meta({ permission: 'inventory.adjust' })
    .input(ReverseInputSchema)
    .mutation(({ ctx, input }) => reverseMovement(ctx.tdb, ctx.orgCtx, input)),
  importPreview: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(ImportInputSchema)
    .mutation(({ ctx, input }) => previewImport(ctx.tdb, ctx.orgCtx, input)),
  importStart: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(ImportInputSchema)
    .mutation(({ ctx, input }) => startImport(ctx.tdb, ctx.orgCtx, input)),
  importStatus: orgProcedure
    .meta({ permission: 'inventory.view' })
    .input(z.object({ importId: z.uuid() }))
    .query(({ ctx, input }) => getImportStatus(ctx.tdb, ctx.orgCtx, input)),
  /** CSV downloads (served as files by src/routes/(app)/inventory/export/[kind]/+server.ts). */
  exportItems: orgProcedure
    .meta({ permission: 'inventory.view' })
    .query(({ ctx }) => exportItemsCsv(ctx.tdb, ctx.orgCtx)),
  exportLedger: orgProcedure
    .meta({ permission: 'inventory.view' })
    .query(({ ctx }) => exportLedgerCsv(ctx.tdb, ctx.orgCtx)),
  /** Many restock, create, use and spoil lines at once: a draft, or applied all or nothing (bulk-updates.md). */
  bulkUpdate: orgProcedure
    .meta({ permission: 'inventory.adjust' })
    .input(BulkUpdateInputSchema)
    .mutation(({ ctx, input }) => bulkUpdate(ctx.tdb, ctx.orgCtx, input)),
  /** Tracked ⇄ infinite; to infinite drains every open lot (infinite-items.md). */
  setTracking: orgProcedure
    .meta({ permission: 'inventory.edit' })
    .input(SetTrackingInputSchema)
    .mutation(({ ctx, input }) => setItemTracking(ctx.tdb, ctx.orgCtx, input)),
  disposeExpired: orgProcedure
    .meta({ permission: 'inventory.adjust' })
    .input(DisposeExpiredInputSchema)
    .mutation(({ ctx, input }) => disposeExpired(ctx.tdb, ctx.orgCtx, input)),
});
