import type { TenantDb } from '../../db/tenant.ts';

/**
 * Ingredient categories and their default densities (g/ml), shared by every organization. Typical values
 * for the state a material is poured or scooped in, with the kind of source each comes from, are in
 * docs/rules/units-exact.md (Default densities): melted wax, not solid; fragrance oils below water.
 */
export const INGREDIENT_CATEGORIES: { name: string; defaultDensity: string | null }[] = [
  { name: 'Essential Oils', defaultDensity: '0.9' },
  { name: 'Carrier Oils', defaultDensity: '0.92' },
  { name: 'Butters', defaultDensity: '0.9' },
  { name: 'Waxes', defaultDensity: '0.88' },
  { name: 'Fragrance Oils', defaultDensity: '0.95' },
  { name: 'Liquids', defaultDensity: '1.0' },
  { name: 'Syrups', defaultDensity: '1.33' },
  { name: 'Sugars', defaultDensity: '0.85' },
  { name: 'Flours', defaultDensity: '0.53' },
  { name: 'Salts', defaultDensity: '1.2' },
  { name: 'Clays', defaultDensity: '0.6' },
  { name: 'Alcohols', defaultDensity: '0.789' },
  { name: 'Other', defaultDensity: null },
];

export async function listIngredientCategories(db: TenantDb) {
  const rows = await db.ingredientCategory.findMany({ orderBy: { name: 'asc' } });
  return rows.map((r) => ({ id: r.id, name: r.name, defaultDensity: r.defaultDensity?.toString() ?? null }));
}
