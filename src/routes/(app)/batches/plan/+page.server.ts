import { TRPCError } from '@trpc/server';
import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { readChoice } from '#lib/shared/list-query.ts';
import { BATCH_TYPES, ScaleSchema } from '#lib/shared/schemas/planning.ts';
import { quantity } from '#lib/shared/schemas/primitives.ts';
import type { PageServerLoadEvent } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FillAmount = quantity({ sign: 'positive', label: 'Fill amount' });
const unitOf = (v: string | null | undefined) => (v ?? '').trim().slice(0, 40);

export type PickedContainer = { itemId: string; quantity: number; fillAmount?: string; fillUnit?: string };

/**
 * `?containers=id:4,id:1:3.5:floz` (hand-picked counts, each optionally with what one container is filled
 * with), `none` (no containers); absent: the suggestion.
 */
function readContainers(v: string | null): PickedContainer[] | null {
  if (v === null) return null;
  if (v === 'none') return [];
  return v
    .split(',')
    .map((part) => part.split(':'))
    .map(([itemId = '', n = '', amount = '', ...unit]) => {
      const fill = FillAmount.safeParse(amount);
      const fillUnit = unitOf(unit.join(':'));
      return {
        itemId,
        quantity: Math.floor(Number(n)),
        ...(amount && fill.success && fillUnit ? { fillAmount: fill.data, fillUnit } : {}),
      };
    })
    .filter((c) => UUID.test(c.itemId) && c.quantity >= 1 && c.quantity <= 1_000_000)
    .slice(0, 50);
}

// The plan lives in the address (recipe, scale, type, fill amount, hand-picked containers): every change
// asks the server for the plan again, and a plan can be reloaded or shared.
export const load = pageLoad(async (api, { url, parent }: PageServerLoadEvent) => {
  const { me } = await parent();
  const p = url.searchParams;
  const recipeId = UUID.test(p.get('recipeId') ?? '') ? p.get('recipeId')! : '';
  const scale = (p.get('scale') ?? '').trim().slice(0, 20) || '1';
  const scaleError = ScaleSchema.safeParse(scale).error?.issues[0]?.message ?? '';
  // The suggestion's fill amount: what one container of any allowed kind is filled with (default: capacity).
  const fill = (p.get('fill') ?? '').trim().slice(0, 30);
  const fillParsed = fill ? FillAmount.safeParse(fill) : null;
  const fillError = fillParsed && !fillParsed.success ? (fillParsed.error.issues[0]?.message ?? '') : '';
  const fillUnit = unitOf(p.get('fillUnit'));
  const inventory = me.permissions.includes('inventory.view');

  const [recipes, containerItems, units] = await Promise.all([
    api.recipes.list({ page: 1, pageSize: 100, archived: false, sort: 'name', direction: 'asc' }).then((r) => r.rows),
    inventory
      ? api.inventory
          .list({ page: 1, pageSize: 100, itemType: 'container', sort: 'name', direction: 'asc' })
          .then((r) => r.rows.map((i) => ({ id: i.id, name: i.name })))
      : [],
    inventory ? api.units.list() : null,
  ]);

  // No type chosen: the recipe's default (docs/rules/planning.md, Batch type).
  const chosen = recipes.find((r) => r.id === recipeId);
  const batchType = readChoice(url, 'type', BATCH_TYPES, chosen?.defaultBatchType ?? 'product');
  const containers = batchType === 'product' ? readContainers(p.get('containers')) : null;

  let plan = null;
  let planError = '';
  if (recipeId && !scaleError) {
    try {
      plan = await api.batches.plan({
        recipeId,
        scale,
        batchType,
        containers: containers ?? undefined,
        ...(fillParsed?.success && !containers ? { fillAmount: fillParsed.data, fillUnit: fillUnit || undefined } : {}),
      });
    } catch (e) {
      // A plan that cannot be made (an archived recipe, a container that is gone) is said on the page.
      if (!(e instanceof TRPCError) || e.code === 'UNAUTHORIZED' || e.code === 'FORBIDDEN') throw e;
      planError = e.message;
    }
  }
  return {
    recipes,
    containerItems,
    units,
    plan,
    planError,
    query: { recipeId, scale, scaleError, batchType, containers, fill, fillUnit, fillError },
  };
});
