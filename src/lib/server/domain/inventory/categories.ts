import type { TenantDb } from '../../db/tenant.ts';

/** Ingredient categories and their default densities (g/ml), shared by every organization. */
export const INGREDIENT_CATEGORIES: { name: string; defaultDensity: string | null }[] = [
  { name: 'Essential Oils', defaultDensity: '0.9' },
  { name: 'Carrier Oils', defaultDensity: '0.92' },
  { name: 'Butters', defaultDensity: '0.9' },
  { name: 'Waxes', defaultDensity: '0.96' },
  { name: 'Fragrance Oils', defaultDensity: '1.0' },
  { name: 'Liquids', defaultDensity: '1.0' },
  { name: 'Syrups', defaultDensity: '1.33' },
  { name: 'Sugars', defaultDensity: '0.85' },
  { name: 'Flours', defaultDensity: '0.59' },
  { name: 'Salts', defaultDensity: '1.2' },
  { name: 'Clays', defaultDensity: '0.8' },
  { name: 'Alcohols', defaultDensity: '0.789' },
  { name: 'Other', defaultDensity: null },
];

export async function listIngredientCategories(db: TenantDb) {
  const rows = await db.ingredientCategory.findMany({ orderBy: { name: 'asc' } });
  return rows.map((r) => ({ id: r.id, name: r.name, defaultDensity: r.defaultDensity?.toString() ?? null }));
}
