// Seeds the library's starter catalogue (global-items.ts), idempotently by slug: a missing item is
// created, an existing one gets the seed's values except the fields a developer edited in the console
// (editedFields), and an archived item stays archived (docs/rules/library.md, Starter catalogue).
import { Prisma, type PrismaClient } from '../db/client.ts';
import { GLOBAL_ITEMS, type GlobalItemSeed } from './global-items.ts';

function columns(s: GlobalItemSeed, categories: Map<string, string>) {
  const { category, fattyAcids, ...rest } = s;
  return {
    ...rest,
    ingredientCategoryId: category ? (categories.get(category) ?? null) : null,
    fattyAcids: fattyAcids ?? Prisma.DbNull,
  };
}

export async function seedGlobalItems(db: PrismaClient, items: GlobalItemSeed[] = GLOBAL_ITEMS) {
  const categories = new Map((await db.ingredientCategory.findMany()).map((c) => [c.name, c.id]));
  const existing = new Map(
    (await db.globalItem.findMany({ select: { slug: true, editedFields: true } })).map((g) => [g.slug, g.editedFields]),
  );
  const missing = items.filter((s) => !existing.has(s.slug));
  if (missing.length) {
    await db.globalItem.createMany({ data: missing.map((s) => columns(s, categories)), skipDuplicates: true });
  }
  await db.$transaction(
    async (tx) => {
      for (const s of items) {
        const edited = existing.get(s.slug);
        if (!edited) continue;
        const data = Object.fromEntries(
          Object.entries(columns(s, categories)).filter(([k]) => !edited.includes(k) && k !== 'slug'),
        );
        await tx.globalItem.update({ where: { slug: s.slug }, data });
      }
    },
    { timeout: 60_000 },
  );
  return { created: missing.length, total: items.length };
}
