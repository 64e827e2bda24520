// Posting one output line of a finished batch (docs/rules/production-outputs.md): find or create the
// item or SKU it lands in, post it once through the ledger in the unit it was entered in, with its
// exact value as the lot's value, and record it on the batch.
import { Prisma } from '../../db/client.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { applyMovementInTx } from '../inventory/apply-movement.ts';
import type { TenantTx } from '../../db/tenant.ts';
import { MovementInputSchema } from '../../../shared/schemas/inventory.ts';
import { createItemInTx } from '../inventory/create-item.ts';
import { unitCostOf } from '../inventory/rules.ts';
import { loadUnitCatalog } from '../units/catalog.ts';
import { convertUnits, findUnit } from '../units/rules.ts';
import { unitLabel } from '../units/standard-units.ts';
import { ensureSkuInTx } from '../products/ensure-sku.ts';
import type { CompleteInput } from '../../../shared/schemas/batches.ts';
import type { PlanSnapshot } from '../planning/plan.ts';
import type { Fill, OutputLine } from './output-rules.ts';
import type { FilledContainers } from './return-containers.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);
type Request = CompleteInput & { outputType: 'product' | 'ingredient' | 'untracked' };

/**
 * What one filled container holds, in the output unit: the fill amount entered at finish, else the
 * plan's, else the capacity; converted with the recipe's density when weight meets volume. A count
 * output ("12 candles") puts one unit in each container; a portion fills one container whatever it weighs.
 */
export async function fillsInOutputUnit(
  tx: TenantTx,
  a: { filled: FilledContainers; req: Request; snapshot: PlanSnapshot; recipeDensity: D | null; portioned: boolean },
): Promise<Fill[]> {
  if (!a.filled.size) return [];
  const catalog = await loadUnitCatalog(tx);
  const out = findUnit(catalog, a.req.outputUnit);
  if (!out) throw new AppError('VALIDATION', `Unknown unit "${a.req.outputUnit}"`, { field: 'outputUnit' });
  const density = a.snapshot.density ?? a.recipeDensity ?? null;
  const items = await tx.inventoryItem.findMany({
    where: { id: { in: [...a.filled.keys()] } },
    select: { id: true, name: true, capacity: true, capacityUnit: true },
  });
  return items.map((c) => {
    const f = a.filled.get(c.id)!;
    const base = { containerItemId: c.id, name: c.name, count: f.count, containerCost: f.cost };
    if (a.portioned || out.unitType === 'count') return { ...base, fill: D(a.portioned ? 0 : 1) };
    const planned = a.snapshot.containers.find((p) => p.itemId === c.id && p.fillAmount);
    const given = a.req.containerFills[c.id];
    const amount = given?.amount ?? planned?.fillAmount ?? c.capacity?.toString();
    const unit = given?.unit ?? planned?.fillUnit ?? c.capacityUnit;
    if (!amount || !unit)
      throw new AppError('VALIDATION', `${c.name} has no capacity; set it, or enter the fill amount.`, {
        field: 'containerFills',
        itemId: c.id,
      });
    const conv = convertUnits(catalog, { amount, from: unit, to: out.name, density });
    if (!conv.ok)
      throw new AppError(
        'VALIDATION',
        `Cannot convert the fill of ${c.name} (${amount} ${unitLabel(unit)}) to ${unitLabel(out.name)}: ${conv.message}. ` +
          'Give the recipe a density, or enter the fill amount in the output unit.',
        { field: 'containerFills', itemId: c.id, conversionError: conv.code },
      );
    return { ...base, fill: conv.value };
  });
}

export type PostedOutput = {
  kind: string;
  itemId: string;
  skuId: string | null;
  lotId: string;
  quantity: D;
  unit: string;
  itemQuantity: D;
  value: D;
  unitCost: D;
};

export async function postOutputLine(
  tx: TenantTx,
  ctx: OrgCtx,
  a: {
    batch: {
      id: string;
      label: string;
      portionName: string | null;
      projectedYield: D | null;
      projectedPortions: D | null;
      yieldUnit: string;
      recipe: { group: { name: string } };
    };
    req: Request;
    line: OutputLine;
    kept: D;
    code: string;
    expiresAt: Date | undefined;
    readyOn: Date | null;
    containerName: string | null;
  },
): Promise<PostedOutput> {
  const { req, line } = a;
  const perishable = { isPerishable: req.isPerishable, shelfLifeDays: req.shelfLifeDays ?? null };
  const product = { productId: req.productId!, variantId: req.variantId! };
  let target: { itemId: string; skuId: string | null; unit: string };
  if (line.kind === 'intermediate') {
    const itemId = await intermediateItem(tx, ctx, `${a.batch.recipe.group.name} (Intermediate)`, req);
    target = { itemId, skuId: null, unit: req.outputUnit };
  } else if (line.kind === 'bulk') {
    const sku = await ensureSkuInTx(tx, ctx, { ...product, ...perishable, sizeKind: 'bulk', unit: req.outputUnit });
    target = { itemId: sku.itemId, skuId: sku.skuId, unit: req.outputUnit };
  } else if (line.kind === 'container') {
    const sku = await ensureSkuInTx(tx, ctx, {
      ...product,
      ...perishable,
      sizeKind: 'container',
      unit: 'count',
      containerItemId: line.containerItemId,
      ...(a.containerName ? { containerName: a.containerName } : {}),
    });
    target = { itemId: sku.itemId, skuId: sku.skuId, unit: 'count' };
  } else {
    const portions = req.finalPortions!;
    // A portion SKU is named for the planned portion (the recipe's yield ÷ its portions, as scaled), not the
    // weighed one: 4 bars planned at 113 g are "113 gram Bar" whatever the scale said (decisions.md §14).
    const { projectedYield: planned, projectedPortions: count } = a.batch;
    const byPlan = planned && count && planned.gt(0) && count.gt(0);
    const sku = await ensureSkuInTx(tx, ctx, {
      ...product,
      ...perishable,
      sizeKind: 'portion',
      unit: 'count',
      portionSize: (byPlan ? planned.div(count) : a.kept.div(portions))
        .toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP)
        .toFixed(),
      portionUnit: byPlan ? a.batch.yieldUnit : req.outputUnit,
      portionName: a.batch.portionName ?? 'portion',
      ...(line.containerItemId ? { containerItemId: line.containerItemId } : {}),
    });
    target = { itemId: sku.itemId, skuId: sku.skuId, unit: 'count' };
  }
  // Posted once, in the unit entered: the ledger converts 1 kg into 1000 g for a gram item. Quantities are
  // kept to 6 places (docs/rules/units-exact.md, Rounding points); the value is exact whatever the rounding.
  const quantity = line.quantity.toDecimalPlaces(6, Prisma.Decimal.ROUND_HALF_UP);
  if (quantity.lte(0))
    throw new AppError('VALIDATION', `The ${line.kind} output is too small to post (under 0.000001 ${target.unit}).`);
  const m = await applyMovementInTx(
    tx,
    ctx,
    MovementInputSchema.parse({
      itemId: target.itemId,
      changeType: 'finished_batch',
      quantity: quantity.toFixed(),
      unit: target.unit,
      totalCost: line.value.toFixed(),
      batchId: a.batch.id,
      eventCode: a.code,
      expiresAt: a.expiresAt,
      notes: `Output of batch ${a.batch.label}`,
    }),
  );
  const itemQuantity = D(m.quantityDelta);
  if (a.readyOn) await tx.inventoryLot.update({ where: { id: m.events[0]!.lotId! }, data: { readyOn: a.readyOn } });
  const posted: PostedOutput = {
    kind: line.kind,
    itemId: target.itemId,
    skuId: target.skuId,
    lotId: m.events[0]!.lotId!,
    quantity,
    unit: target.unit,
    itemQuantity,
    value: line.value,
    unitCost: unitCostOf(line.value, itemQuantity),
  };
  await tx.batchOutput.create({
    data: {
      organizationId: ctx.organizationId,
      batchId: a.batch.id,
      kind: posted.kind,
      itemId: posted.itemId,
      skuId: posted.skuId,
      lotId: posted.lotId,
      quantity: posted.quantity,
      unit: posted.unit,
      itemQuantity,
      value: posted.value,
      unitCost: posted.unitCost,
    },
  });
  return posted;
}

async function intermediateItem(tx: TenantTx, ctx: OrgCtx, name: string, req: Request) {
  // An existing intermediate keeps its unit: the ledger converts the output into it (or explains why it cannot).
  const existing = await tx.inventoryItem.findFirst({ where: { name }, select: { id: true } });
  if (existing) return existing.id;
  const item = await createItemInTx(tx, ctx, {
    name,
    itemType: 'ingredient',
    unit: req.outputUnit,
    isPerishable: req.isPerishable,
    shelfLifeDays: req.shelfLifeDays,
  });
  await tx.inventoryItem.update({ where: { id: item.id }, data: { isIntermediate: true } });
  return item.id;
}
