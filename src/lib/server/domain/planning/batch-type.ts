import type { BatchType } from '../../../shared/schemas/planning.ts';

export type BatchTypeRecipe = {
  testSequence: number | null;
  productCategoryId: string | null;
  allowedContainerIds: string[];
  isPortioned: boolean;
};

/**
 * The plan page's batch type before anyone picks one (docs/rules/planning.md, Batch type): a test is a
 * "Test Run (Discard Output)", `untracked`; a recipe with a product category that fills containers or
 * makes portions makes a `product`; anything else makes an `ingredient`.
 */
export function defaultBatchType(r: BatchTypeRecipe): BatchType {
  if (r.testSequence !== null) return 'untracked';
  if (r.productCategoryId && (r.allowedContainerIds.length > 0 || r.isPortioned)) return 'product';
  return 'ingredient';
}
