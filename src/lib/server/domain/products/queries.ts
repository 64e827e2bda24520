import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { fmt } from '../inventory/rules.ts';
import { getItem, listItemHistory } from '../inventory/queries.ts';
import { GetSkuInputSchema, ListProductsInputSchema, ProductIdSchema } from '../../../shared/schemas/products.ts';
import { stockStatus } from './rules.ts';

const canSeeCosts = (ctx: OrgCtx) => ctx.actor.permissions.has('inventory.view_costs');

const SORT_SQL = {
  name: Prisma.sql`p.name`,
  createdAt: Prisma.sql`p.created_at`,
  skuCount: Prisma.sql`sku_count`,
  onHand: Prisma.sql`on_hand`,
} as const;

/**
 * The products list: paged, searched and sorted in SQL, with each product's SKU count and the sum of
 * its SKUs' on-hand quantities (a plain sum: SKUs of one product may count in different units).
 */
export async function listProducts(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListProductsInputSchema>) {
  const input = ListProductsInputSchema.parse(raw);
  const search = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = Prisma.sql`p.organization_id = ${ctx.organizationId} ${search ? Prisma.sql`AND p.name ILIKE ${search}` : Prisma.empty}`;
  const dir = input.direction === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [count, rows] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM products p WHERE ${where}`,
    db.$queryRaw<
      {
        id: string;
        name: string;
        created_at: Date;
        is_active: boolean;
        category: string | null;
        sku_count: number;
        variant_count: number;
        on_hand: string;
        out_of_stock: number;
      }[]
    >`
      SELECT p.id, p.name, p.created_at, p.is_active, c.name AS category,
             count(s.id)::int AS sku_count,
             (SELECT count(*)::int FROM product_variants v WHERE v.product_id = p.id) AS variant_count,
             coalesce(sum(i.quantity), 0)::text AS on_hand,
             count(s.id) FILTER (WHERE i.quantity <= 0)::int AS out_of_stock
        FROM products p
        LEFT JOIN product_categories c ON c.id = p.category_id
        LEFT JOIN product_skus s ON s.product_id = p.id AND s.organization_id = p.organization_id
        LEFT JOIN inventory_items i ON i.id = s.item_id AND i.organization_id = p.organization_id
       WHERE ${where}
       GROUP BY p.id, c.name
       ORDER BY ${SORT_SQL[input.sort]} ${dir}, p.id
       LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`,
  ]);
  return {
    total: count[0]?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.created_at,
      isActive: r.is_active,
      category: r.category,
      skuCount: r.sku_count,
      variantCount: r.variant_count,
      onHand: fmt(new Prisma.Decimal(r.on_hand)),
      outOfStockSkus: r.out_of_stock,
    })),
  };
}

/** A product with its variants and SKUs (on hand, cost per unit when visible, stock status). */
export async function getProduct(db: TenantDb, ctx: OrgCtx, raw: { productId: string }) {
  const input = ProductIdSchema.parse(raw);
  const p = await db.product.findUnique({
    where: { id: input.productId },
    include: {
      category: { select: { id: true, name: true, skuNameTemplate: true, isTypicallyPortioned: true } },
      variants: { orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true, isActive: true } },
      skus: {
        orderBy: [{ sizeLabel: 'asc' }, { id: 'asc' }],
        include: {
          item: { select: { quantity: true, costPerUnit: true, unit: true, isPerishable: true, isArchived: true } },
        },
      },
    },
  });
  if (!p) throw new AppError('NOT_FOUND', 'Product not found.');
  const showCost = canSeeCosts(ctx);
  // "Base" first, the other variants by name.
  const variants = [...p.variants].sort((a, b) => (a.name === 'Base' ? -1 : b.name === 'Base' ? 1 : 0));
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    isActive: p.isActive,
    createdAt: p.createdAt,
    lowStockThreshold: fmt(p.lowStockThreshold),
    category: p.category,
    costsVisible: showCost,
    variants: variants.map((v) => ({ ...v, skuCount: p.skus.filter((s) => s.variantId === v.id).length })),
    skus: p.skus.map((s) => ({
      id: s.id,
      variantId: s.variantId,
      itemId: s.itemId,
      code: s.code,
      sizeLabel: s.sizeLabel,
      displayName: s.displayName,
      sizeKind: s.sizeKind,
      unit: s.unit,
      portionSize: s.portionSize ? fmt(s.portionSize) : null,
      portionUnit: s.portionUnit,
      retailPrice: s.retailPrice ? s.retailPrice.toString() : null,
      lowStockThreshold: fmt(s.lowStockThreshold),
      quantity: fmt(s.item.quantity),
      costPerUnit: showCost ? fmt(s.item.costPerUnit) : null,
      stockStatus: stockStatus(s.item.quantity, s.lowStockThreshold),
      isPerishable: s.item.isPerishable,
    })),
  };
}

/** One SKU with its inventory item: open lots and the movement history (the inventory queries, reused). */
export async function getSku(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof GetSkuInputSchema>) {
  const input = GetSkuInputSchema.parse(raw);
  const s = await db.productSku.findUnique({
    where: { id: input.skuId },
    include: { product: { select: { id: true, name: true } }, variant: { select: { id: true, name: true } } },
  });
  if (!s) throw new AppError('NOT_FOUND', 'SKU not found.');
  const [item, history] = await Promise.all([
    getItem(db, ctx, { itemId: s.itemId }),
    listItemHistory(db, ctx, { itemId: s.itemId, page: input.page, pageSize: input.pageSize }),
  ]);
  return {
    id: s.id,
    code: s.code,
    sizeLabel: s.sizeLabel,
    displayName: s.displayName,
    sizeKind: s.sizeKind,
    unit: s.unit,
    portionSize: s.portionSize ? fmt(s.portionSize) : null,
    portionUnit: s.portionUnit,
    containerItemId: s.containerItemId,
    retailPrice: s.retailPrice ? s.retailPrice.toString() : null,
    lowStockThreshold: fmt(s.lowStockThreshold),
    stockStatus: stockStatus(new Prisma.Decimal(item.quantity), s.lowStockThreshold),
    product: s.product,
    variant: s.variant,
    item,
    history,
  };
}

/** The product categories (reference data) for the new-product form. */
export async function listProductCategories(db: TenantDb) {
  return db.productCategory.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, isTypicallyPortioned: true, skuNameTemplate: true },
  });
}
