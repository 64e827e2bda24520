// Production test factories: recipes and products written straight to the tables (the recipes and
// products domains have their own tests), so batch tests state exactly the recipe they run.
import { Prisma } from '../../src/lib/server/db/client.ts';
import type { TestEnv } from './db.ts';

let seq = 0;
export type LineSpec = { itemId: string; quantity: string; unit: string; kind?: 'ingredient' | 'consumable' };

export async function makeRecipe(
  env: TestEnv,
  organizationId: string,
  spec: {
    name?: string;
    prefix?: string;
    yield?: string;
    yieldUnit?: string;
    lines: LineSpec[];
    isPortioned?: boolean;
    portionName?: string;
    portionCount?: number;
    allowedContainerIds?: string[];
    status?: 'draft' | 'published';
    isMaster?: boolean;
    variationPrefix?: string;
    versionNumber?: number;
    testSequence?: number;
    groupId?: string;
    /** g/ml of what the recipe makes. */
    density?: string;
    categoryData?: Record<string, unknown>;
  },
) {
  const n = ++seq;
  const group = spec.groupId
    ? await env.db.recipeGroup.findUniqueOrThrow({ where: { id: spec.groupId } })
    : await env.db.recipeGroup.create({
        data: { organizationId, name: spec.name ?? `Recipe ${n}`, prefix: spec.prefix ?? `R${n}` },
      });
  return env.db.recipe.create({
    data: {
      organizationId,
      groupId: group.id,
      name: spec.name ?? group.name,
      status: spec.status ?? 'published',
      isCurrent: spec.testSequence ? false : true,
      isMaster: spec.isMaster ?? true,
      variationName: spec.variationPrefix ? `Var ${spec.variationPrefix}` : null,
      variationPrefix: spec.variationPrefix ?? null,
      versionNumber: spec.versionNumber ?? 1,
      testSequence: spec.testSequence ?? null,
      predictedYield: spec.yield ? new Prisma.Decimal(spec.yield) : null,
      yieldUnit: spec.yieldUnit ?? 'gram',
      isPortioned: spec.isPortioned ?? false,
      portionName: spec.portionName ?? null,
      portionCount: spec.portionCount ?? null,
      allowedContainerIds: spec.allowedContainerIds ?? [],
      density: spec.density ? new Prisma.Decimal(spec.density) : null,
      categoryData: (spec.categoryData ?? {}) as Prisma.InputJsonValue,
      lines: {
        create: spec.lines.map((l, i) => ({
          organizationId,
          kind: l.kind ?? 'ingredient',
          itemId: l.itemId,
          quantity: new Prisma.Decimal(l.quantity),
          unit: l.unit,
          position: i,
        })),
      },
    },
    include: { group: true },
  });
}

export async function makeProduct(
  env: TestEnv,
  organizationId: string,
  name = `Product ${++seq}`,
  categoryName = 'Uncategorized',
) {
  const category = await env.db.productCategory.upsert({
    where: { name: categoryName },
    create: {
      name: categoryName,
      isTypicallyPortioned: categoryName === 'Soaps',
      skuNameTemplate:
        categoryName === 'Soaps'
          ? '{variant} {product} ({portion_size_value} {portion_size_unit} {portion_name})'
          : '{variant} {product}',
    },
    update: {},
  });
  const product = await env.db.product.create({ data: { organizationId, name, categoryId: category.id } });
  const variant = await env.db.productVariant.create({ data: { organizationId, productId: product.id, name: 'Base' } });
  return { product, variant };
}
