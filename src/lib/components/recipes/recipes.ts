/** Client-side helpers shared by the recipe pages. */
import { TRPCClientError } from '@trpc/client';
import type { trpc } from '$lib/trpc';

export type RecipeDetail = Awaited<ReturnType<typeof trpc.recipes.get.query>>;
export type RecipeRow = Awaited<ReturnType<typeof trpc.recipes.list.query>>['rows'][number];
export type CostCardData = Awaited<ReturnType<typeof trpc.recipes.costCard.query>>;
export type DiffData = Awaited<ReturnType<typeof trpc.recipes.diff.query>>;
export type UnitsList = Awaited<ReturnType<typeof trpc.units.list.query>>;

/** The fields the server reported missing when publishing ("save as draft" is offered then). */
export function missingFieldsOf(e: unknown): string[] {
  if (!(e instanceof TRPCClientError)) return [];
  const details = (e.data as { details?: { missingFields?: string[] } | null } | undefined)?.details;
  return details?.missingFields ?? [];
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
