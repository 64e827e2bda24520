// The item library (docs/rules/library.md): public reads, rate-limited per address, and an organization's
// links to it. The console's curation is dev-library.ts.
import { orgProcedure, publicProcedure, router } from '../procedures.ts';
import {
  ItemRefSchema,
  LibrarySlugSchema,
  LinkItemInputSchema,
  PublicListInputSchema,
  SaveToInventoryInputSchema,
  TypeaheadInputSchema,
} from '../../../shared/schemas/library.ts';
import { getPublicGlobalItem, listPublicGlobalItems, typeaheadGlobalItems } from '../../domain/library/public.ts';
import {
  itemLibraryLink,
  linkItem,
  resyncItem,
  saveGlobalItemToInventory,
  suggestGlobalItems,
  unlinkItem,
} from '../../domain/library/links.ts';
import { libraryRateLimiter } from '../../http/rate-limit.ts';

const publicRead = publicProcedure.use(({ ctx, next }) => {
  libraryRateLimiter.hit(ctx.clientAddress ?? 'unknown', ctx.services.now().getTime());
  return next();
});
const view = orgProcedure.meta({ permission: 'inventory.view' });
const edit = orgProcedure.meta({ permission: 'inventory.edit' });

export const libraryRouter = router({
  list: publicRead.input(PublicListInputSchema).query(({ ctx, input }) => listPublicGlobalItems(ctx.db, input)),
  get: publicRead.input(LibrarySlugSchema).query(({ ctx, input }) => getPublicGlobalItem(ctx.db, input)),
  typeahead: publicRead.input(TypeaheadInputSchema).query(({ ctx, input }) => typeaheadGlobalItems(ctx.db, input)),
  save: edit
    .input(SaveToInventoryInputSchema)
    .mutation(({ ctx, input }) => saveGlobalItemToInventory(ctx.tdb, ctx.orgCtx, input)),
  suggestions: view.input(ItemRefSchema).query(({ ctx, input }) => suggestGlobalItems(ctx.tdb, ctx.orgCtx, input)),
  /** The item page's card: the link, or the suggestions for an unlinked item. */
  itemLink: view.input(ItemRefSchema).query(({ ctx, input }) => itemLibraryLink(ctx.tdb, ctx.orgCtx, input)),
  link: edit.input(LinkItemInputSchema).mutation(({ ctx, input }) => linkItem(ctx.tdb, ctx.orgCtx, input)),
  unlink: edit.input(ItemRefSchema).mutation(({ ctx, input }) => unlinkItem(ctx.tdb, ctx.orgCtx, input)),
  resync: edit.input(ItemRefSchema).mutation(({ ctx, input }) => resyncItem(ctx.tdb, ctx.orgCtx, input)),
});
