// What the recipe editor offers (units, product categories, containers), loaded with the page. Units and
// containers are inventory data: without inventory.view the editor works with what it has.
import type { Api } from '#lib/server/trpc/page-load.ts';

export async function loadEditorOptions(api: Api, permissions: string[]) {
  const inventory = permissions.includes('inventory.view');
  const [units, categories, containers] = await Promise.all([
    inventory ? api.units.list() : null,
    api.recipes.productCategories(),
    inventory
      ? api.inventory
          .list({ itemType: 'container', pageSize: 100, sort: 'name' })
          .then((r) => r.rows.map((c) => ({ id: c.id, name: c.name })))
      : [],
  ]);
  return { units, categories, containers };
}
