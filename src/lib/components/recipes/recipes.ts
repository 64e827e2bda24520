/** Client-side helpers shared by the recipe pages. */
import type { RouterOutputs, UnitsList } from '$lib/trpc';

export type RecipeDetail = RouterOutputs['recipes']['get'];
export type RecipeRow = RouterOutputs['recipes']['list']['rows'][number];
export type CostCardData = RouterOutputs['recipes']['costCard'];
export type DiffData = RouterOutputs['recipes']['diff'];
/** What the editor offers, loaded with its page. */
export type EditorOptions = {
  units: UnitsList | null;
  categories: RouterOutputs['recipes']['productCategories'];
  containers: { id: string; name: string }[];
};

/** The fields the server reported missing when publishing ("save as draft" is offered then). */
export function missingFieldsOf(details: Record<string, unknown> | null): string[] {
  const missing = details?.missingFields;
  return Array.isArray(missing) ? missing.filter((f): f is string => typeof f === 'string') : [];
}

/** "Master v2", "Lavender v1 · Test 3". */
export function versionLabel(r: { branch: string; versionNumber: number; testSequence: number | null }): string {
  return `${r.branch} v${r.versionNumber}${r.testSequence !== null ? ` · Test ${r.testSequence}` : ''}`;
}

/** Every unit name, grouped by type, standard then custom. */
export function unitOptions(units: UnitsList | null): { type: string; names: string[] }[] {
  if (!units) return [];
  const by = new Map<string, string[]>();
  for (const u of [...units.standard, ...units.custom]) {
    if (!by.has(u.unitType)) by.set(u.unitType, []);
    by.get(u.unitType)!.push(u.name);
  }
  return [...by].map(([type, names]) => ({ type, names }));
}

export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  status: 'Status',
  predictedYield: 'Yield',
  yieldUnit: 'Yield unit',
  isPortioned: 'Portioned',
  portionName: 'Portion name',
  portionCount: 'Portion count',
  productCategoryId: 'Product category',
  instructions: 'Instructions',
  allowedContainerIds: 'Allowed containers',
};

/** How a line was written: "70% of the batch", "8% of Soy Wax", or '' for an amount. */
export function writtenAs(
  line: { percent: string | null; percentOf: string | null },
  lines: { itemId: string; itemName: string }[],
): string {
  if (!line.percent) return '';
  const pct = `${Number(line.percent)}%`;
  if (!line.percentOf || line.percentOf === 'batch') return `${pct} of the batch`;
  return `${pct} of ${lines.find((l) => l.itemId === line.percentOf)?.itemName ?? 'another line'}`;
}

/** A share of the batch in % ("12.5%"), or '—' when the line does not convert to the batch's unit. */
export function sharePercent(share: string | null): string {
  return share === null ? '—' : `${Number(share)}%`;
}
