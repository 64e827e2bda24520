// Product categories (docs/rules/products.md), reference data shared by every organization. Seeded from here.
export type ProductCategorySeed = { name: string; isTypicallyPortioned: boolean; skuNameTemplate: string };

const PORTIONED = '{variant} {product} ({portion_size_value} {portion_size_unit} {portion_name})';
const CONTAINER = '{variant} {product} ({container})';

export const PRODUCT_CATEGORIES: readonly ProductCategorySeed[] = [
  { name: 'Soaps', isTypicallyPortioned: true, skuNameTemplate: PORTIONED },
  { name: 'Baked Goods', isTypicallyPortioned: true, skuNameTemplate: PORTIONED },
  { name: 'Confectionery', isTypicallyPortioned: true, skuNameTemplate: PORTIONED },
  { name: 'Candles', isTypicallyPortioned: false, skuNameTemplate: CONTAINER },
  { name: 'Cosmetics', isTypicallyPortioned: false, skuNameTemplate: CONTAINER },
  { name: 'Preserves', isTypicallyPortioned: false, skuNameTemplate: CONTAINER },
  { name: 'Beverages', isTypicallyPortioned: false, skuNameTemplate: CONTAINER },
  { name: 'Miscellaneous', isTypicallyPortioned: false, skuNameTemplate: CONTAINER },
  { name: 'Uncategorized', isTypicallyPortioned: false, skuNameTemplate: '{variant} {product}' },
];

type Db = { productCategory: { upsert(args: any): Promise<unknown> } };

/** Idempotent: call from the catalogue seed (inside its transaction, with the platform client). */
export async function seedProductCategories(db: Db) {
  for (const c of PRODUCT_CATEGORIES) {
    await db.productCategory.upsert({
      where: { name: c.name },
      create: c,
      update: { isTypicallyPortioned: c.isTypicallyPortioned, skuNameTemplate: c.skuNameTemplate },
    });
  }
}

/** For the recipe editor: every category, the portioned ones flagged. */
export async function listProductCategories(db: {
  productCategory: {
    findMany(
      args: any,
    ): Promise<{ id: string; name: string; isTypicallyPortioned: boolean; skuNameTemplate: string }[]>;
  };
}) {
  return db.productCategory.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, isTypicallyPortioned: true, skuNameTemplate: true },
  });
}
