import { orgProcedure, router } from '../procedures.ts';
import {
  AddVariantInputSchema,
  CreateProductInputSchema,
  CreateSkuInputSchema,
  GetSkuInputSchema,
  ListProductsInputSchema,
  ProductIdSchema,
  UpdateProductInputSchema,
} from '../../../shared/schemas/products.ts';
import { createProduct } from '../../domain/products/create-product.ts';
import { addVariant, deleteProduct, updateProduct } from '../../domain/products/manage-product.ts';
import { createSku } from '../../domain/products/ensure-sku.ts';
import { getProduct, getSku, listProductCategories, listProducts } from '../../domain/products/queries.ts';

// ensureSkuInTx is internal (batch completion calls it in its own transaction); only the manual
// bulk SKU is exposed, as createSku.
export const productsRouter = router({
  list: orgProcedure
    .meta({ permission: 'products.view' })
    .input(ListProductsInputSchema)
    .query(({ ctx, input }) => listProducts(ctx.tdb, ctx.orgCtx, input)),
  get: orgProcedure
    .meta({ permission: 'products.view' })
    .input(ProductIdSchema)
    .query(({ ctx, input }) => getProduct(ctx.tdb, ctx.orgCtx, input)),
  getSku: orgProcedure
    .meta({ permission: 'products.view' })
    .input(GetSkuInputSchema)
    .query(({ ctx, input }) => getSku(ctx.tdb, ctx.orgCtx, input)),
  categories: orgProcedure.meta({ permission: 'products.view' }).query(({ ctx }) => listProductCategories(ctx.tdb)),
  create: orgProcedure
    .meta({ permission: 'products.create' })
    .input(CreateProductInputSchema)
    .mutation(({ ctx, input }) => createProduct(ctx.tdb, ctx.orgCtx, input)),
  update: orgProcedure
    .meta({ permission: 'products.edit' })
    .input(UpdateProductInputSchema)
    .mutation(({ ctx, input }) => updateProduct(ctx.tdb, ctx.orgCtx, input)),
  addVariant: orgProcedure
    .meta({ permission: 'products.manage_variants' })
    .input(AddVariantInputSchema)
    .mutation(({ ctx, input }) => addVariant(ctx.tdb, ctx.orgCtx, input)),
  delete: orgProcedure
    .meta({ permission: 'products.delete' })
    .input(ProductIdSchema)
    .mutation(({ ctx, input }) => deleteProduct(ctx.tdb, ctx.orgCtx, input)),
  createSku: orgProcedure
    .meta({ permission: 'products.create' })
    .input(CreateSkuInputSchema)
    .mutation(({ ctx, input }) => createSku(ctx.tdb, ctx.orgCtx, input)),
});
