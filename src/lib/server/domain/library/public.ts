// The public library (docs/rules/library.md, Public pages): active items only, readable without an
// account. Nothing about organizations is ever part of an answer here.
import type { z } from 'zod';
import type { Prisma, PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { LibrarySlugSchema, PublicListInputSchema, TypeaheadInputSchema } from '../../../shared/schemas/library.ts';
import { globalItemView, searchWhere } from './admin.ts';

const publicView = (g: Parameters<typeof globalItemView>[0]) => {
  const { archivedAt: _a, updatedAt: _u, id, ...rest } = globalItemView(g);
  return { id, ...rest };
};
export type PublicGlobalItem = ReturnType<typeof publicView>;

export async function listPublicGlobalItems(db: PrismaClient, raw: z.input<typeof PublicListInputSchema>) {
  const input = PublicListInputSchema.parse(raw);
  const where: Prisma.GlobalItemWhereInput = {
    archivedAt: null,
    ...(input.itemType ? { itemType: input.itemType } : {}),
    ...searchWhere(input.search),
  };
  const [rows, total] = await Promise.all([
    db.globalItem.findMany({
      where,
      include: { ingredientCategory: true },
      orderBy: [{ [input.sort]: input.direction }, { id: 'asc' }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.globalItem.count({ where }),
  ]);
  return { items: rows.map(publicView), total, page: input.page, pageSize: input.pageSize };
}

export async function getPublicGlobalItem(db: PrismaClient, input: z.output<typeof LibrarySlugSchema>) {
  const g = await db.globalItem.findUnique({ where: { slug: input.slug }, include: { ingredientCategory: true } });
  if (!g || g.archivedAt) throw new AppError('NOT_FOUND', 'This item is not in the library.');
  return publicView(g);
}

/** Up to 8 names for the search box: names starting with the text first, then names or aliases containing it. */
export async function typeaheadGlobalItems(db: PrismaClient, input: z.output<typeof TypeaheadInputSchema>) {
  const q = input.q.trim();
  if (q.length < 2) return [];
  const rows = await db.globalItem.findMany({
    where: { archivedAt: null, ...searchWhere(q) },
    // id and unit: the bulk screen's create line picks a library item with them (docs/rules/bulk-updates.md).
    select: { id: true, name: true, slug: true, itemType: true, defaultUnit: true },
    orderBy: { name: 'asc' },
    take: 40,
  });
  const lower = q.toLowerCase();
  return rows
    .sort((a, b) => Number(!a.name.toLowerCase().startsWith(lower)) - Number(!b.name.toLowerCase().startsWith(lower)))
    .slice(0, 8);
}
