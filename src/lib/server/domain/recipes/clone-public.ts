// Clone a public recipe into my organization (docs/rules/recipe-sharing.md, Cloning). Each ingredient
// line maps to one of my items: the one linked to the same global item first, then one of the same name
// (case and plurals ignored), else a new item is created, linked to the global item when the seller's
// item has one. The clone records where it came from and is not shareable onward.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import type { TenantDb, TenantTx } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { PublicRecipeIdSchema } from '../../../shared/schemas/recipe-library.ts';
import { createItemInTx } from '../inventory/create-item.ts';
import { createMasterInTx } from './create-recipe.ts';
import { cloneRecipe } from './manage-recipe.ts';
import { uniqueName } from './rules.ts';
import { loadListed, type ListedRecipe } from './sharing.ts';
import { retryOnUniqueRace } from './store.ts';
import { storedContent } from './update-recipe.ts';

/** A name as the matcher compares it: lower case, single spaces, every word without its plural ending. */
export function matchKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => {
      if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
      if (w.length > 3 && /(s|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
      if (w.length > 2 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
      return w;
    })
    .join(' ');
}

type SourceItem = ListedRecipe['lines'][number]['item'];
type Mapping = { sourceName: string; itemId: string; itemName: string; how: 'global' | 'name' | 'created' };

async function mapItems(tx: TenantTx, ctx: OrgCtx, items: SourceItem[]): Promise<Map<string, Mapping>> {
  const mine = await tx.inventoryItem.findMany({
    where: { isArchived: false },
    select: { id: true, name: true, globalItemId: true },
    orderBy: { createdAt: 'asc' },
  });
  const byGlobal = new Map<string, (typeof mine)[number]>();
  const byName = new Map<string, (typeof mine)[number]>();
  for (const m of mine) {
    if (m.globalItemId && !byGlobal.has(m.globalItemId)) byGlobal.set(m.globalItemId, m);
    if (!byName.has(matchKey(m.name))) byName.set(matchKey(m.name), m);
  }
  const out = new Map<string, Mapping>();
  for (const s of items) {
    if (out.has(s.id)) continue;
    const global = s.globalItemId ? byGlobal.get(s.globalItemId) : undefined;
    const named = byName.get(matchKey(s.name));
    const hit = global ?? named;
    if (hit) {
      out.set(s.id, { sourceName: s.name, itemId: hit.id, itemName: hit.name, how: global ? 'global' : 'name' });
      continue;
    }
    const created = await createItemInTx(tx, ctx, {
      name: s.name,
      itemType: s.itemType as 'ingredient',
      ...(s.itemType === 'container' ? {} : { unit: s.unit }),
      ...(s.density ? { density: s.density.toString() } : {}),
      ...(s.ingredientCategoryId ? { ingredientCategoryId: s.ingredientCategoryId } : {}),
      isPerishable: s.isPerishable,
      ...(s.shelfLifeDays ? { shelfLifeDays: s.shelfLifeDays } : {}),
      ...(s.globalItemId ? { globalItemId: s.globalItemId } : {}),
    });
    const item = { id: created.id, name: s.name, globalItemId: s.globalItemId };
    byName.set(matchKey(s.name), item);
    if (s.globalItemId) byGlobal.set(s.globalItemId, item);
    out.set(s.id, { sourceName: s.name, itemId: created.id, itemName: s.name, how: 'created' });
  }
  return out;
}

/**
 * A public recipe (of any organization) as a new recipe of mine. My own public recipe is duplicated like
 * any other ("(Copy)"). Anything not listed in the library is NOT_FOUND.
 */
export async function clonePublicRecipe(
  raw: PrismaClient,
  db: TenantDb,
  ctx: OrgCtx,
  input: z.input<typeof PublicRecipeIdSchema>,
) {
  const { publicRecipeId } = PublicRecipeIdSchema.parse(input);
  const source = await loadListed(raw, publicRecipeId);
  if (source.organizationId === ctx.organizationId) {
    const copy = await cloneRecipe(db, ctx, { recipeId: source.id });
    return { ...copy, items: [] as Mapping[] };
  }
  return retryOnUniqueRace(() =>
    db.$transaction(async (tx) => {
      const mapping = await mapItems(
        tx,
        ctx,
        source.lines.map((l) => l.item),
      );
      const content = storedContent(source);
      const taken = await tx.recipeGroup.findMany({
        where: { name: { startsWith: source.name, mode: 'insensitive' } },
        select: { name: true },
      });
      const recipe = await createMasterInTx(
        tx,
        ctx,
        {
          ...content,
          name: uniqueName(
            source.name,
            taken.map((g) => g.name),
          ),
          status: 'published',
          // The seller's containers are not mine: the clone may fill any of my containers.
          allowedContainerIds: [],
          lines: content.lines.map((l) => ({
            ...l,
            itemId: mapping.get(l.itemId)!.itemId,
            ...(l.percentOf && l.percentOf !== 'batch'
              ? { percentOf: mapping.get(l.percentOf)?.itemId ?? 'batch' }
              : {}),
          })),
        },
        {
          eventType: 'CLONE',
          notes: `Cloned from the recipe library: ${source.name}`,
          columns: {
            originType: 'cloned',
            originOrganizationId: source.organizationId,
            originRecipeId: source.id,
            rootRecipeId: source.rootRecipeId,
            isShareable: false,
          },
        },
      );
      return { ...recipe, items: [...mapping.values()] };
    }),
  );
}
