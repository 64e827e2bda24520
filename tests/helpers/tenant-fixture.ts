// One organization's resources of every kind, built the same way for any organization, so two of them
// line up id for id: tests/integration/foreign-ids.test.ts swaps one organization's id for the other's,
// and tests/integration/cost-visibility.test.ts calls every procedure on them as the production role.
// Each kind of id is kept under the input field names that carry it (`ids.itemId`, `ids.parentId`, …).
import type { TestEnv } from './db.ts';
import { callerFor, makeMember, type Caller } from './factories.ts';
import { AREAS } from './access-inputs/index.ts';

export type TenantFixture = {
  caller: Caller;
  ids: Record<string, string[]>;
  /** Valid inputs per procedure path, carrying this organization's ids in every id field they have. */
  bases: Record<string, unknown[]>;
  /** Ids and names that must never show up in another organization's answers. */
  secrets: string[];
};

type Org = { id: string; name: string; owner: { id: string } };

export async function buildTenantFixture(env: TestEnv, org: Org, other: Org): Promise<TenantFixture> {
  const caller = await callerFor(env, org.owner.id);
  const tag = org.name.replace(/\W+/g, '');
  const member = await makeMember(env, org.id, 'viewer');
  const role = await env.db.role.findFirstOrThrow({ where: { organizationId: org.id, name: 'viewer' } });
  const invite = await caller.team.invite({ email: `invitee-${tag.toLowerCase()}@example.com`, roleId: role.id });
  const category = await caller.inventory.createCategory({ name: `${tag} category`, itemType: 'ingredient' });
  const item = await caller.inventory.create({
    name: `${tag} secret oil`,
    openingQuantity: '1000',
    cost: '1',
    inventoryCategoryId: category.id,
  });
  const container = await caller.inventory.create({
    name: `${tag} secret jar`,
    itemType: 'container',
    capacity: '100',
    capacityUnit: 'gram',
    openingQuantity: '50',
    cost: '0.5',
  });
  const move = await caller.inventory.adjust({ itemId: item.id, changeType: 'use', quantity: '1' });
  const imp = await caller.inventory.importStart({ csv: `name,opening_quantity\n${tag} imported,5` });
  const lot = await env.db.inventoryLot.findFirstOrThrow({ where: { itemId: item.id } });
  // The areas of the cross-tenant test build their resources in "organization B": here that is `org`.
  const areaCtx = {
    env,
    aOrgId: other.id,
    bOrgId: org.id,
    aOwner: await callerFor(env, other.owner.id),
    bOwner: caller,
  };
  const fx: any[] = [];
  for (const area of AREAS) fx.push(await area.setup(areaCtx));
  const [recipes, products, batches, orders, billing, , retention, activity, webhooks, reports, library] = fx;
  const line = (itemId: string) => ({ kind: 'ingredient' as const, itemId, quantity: '1', unit: 'gram' });

  const ids: Record<string, string[]> = {
    userId: [member.id, activity.bUserId],
    roleId: [role.id],
    inviteId: [invite.inviteId],
    itemId: [item.id, batches.bItemId, reports.itemId, library.itemId],
    containerItemId: [container.id],
    allowedContainerIds: [container.id],
    movementId: [move.movementId!],
    importId: [imp.importId],
    lotId: [lot.id, batches.bLotId],
    inventoryCategoryId: [category.id],
    categoryId: [category.id],
    recipeId: [recipes.masterId, recipes.testId, recipes.variationId, batches.bRecipeId, reports.recipeId],
    parentId: [recipes.masterId],
    // The library's field: a private recipe, so it is NOT_FOUND from either organization.
    publicRecipeId: [recipes.masterId],
    fromId: [recipes.masterId],
    toId: [recipes.variationId],
    groupId: [recipes.groupId],
    batchId: [batches.bBatchId, reports.batchId],
    timerId: [batches.bTimerId],
    productId: [products.productId],
    variantId: [products.baseVariantId, products.variantId],
    skuId: [products.skuId, orders.skuId],
    customerId: [orders.customerId],
    orderId: [orders.draftId, orders.reservedId, orders.fulfilledId],
    lineId: [orders.lineId],
    tokenId: [orders.tokenId],
    keepRecipeIds: [billing.recipeId],
    entryId: [retention.entryId],
    endpointId: [webhooks.endpointId],
    deliveryId: [webhooks.deliveryId],
  };
  const bases: Record<string, unknown[]> = {
    'team.invite': [{ email: `second-${tag.toLowerCase()}@example.com`, roleId: role.id }],
    'team.revokeInvite': [{ inviteId: invite.inviteId }],
    'team.setActive': [{ userId: member.id, active: false }],
    'team.setRole': [{ userId: member.id, roleId: role.id }],
    'team.softDelete': [{ userId: member.id }],
    'team.restore': [{ userId: member.id }],
    'team.transferOwnership': [{ userId: member.id }],
    'roles.update': [{ roleId: role.id, name: 'viewer', permissions: ['organization.view'] }],
    'roles.delete': [{ roleId: role.id }],
    'inventory.list': [{ categoryId: category.id }],
    'inventory.get': [{ itemId: item.id }],
    'inventory.history': [{ itemId: item.id }],
    'inventory.series': [{ itemId: item.id }],
    'inventory.create': [{ name: `${tag} new item`, inventoryCategoryId: category.id }],
    'inventory.update': [{ itemId: item.id, name: `${tag} secret oil` }],
    'inventory.archive': [{ itemId: item.id }],
    'inventory.restore': [{ itemId: item.id }],
    'inventory.adjust': [{ itemId: item.id, changeType: 'use', quantity: '1' }],
    'inventory.reverse': [{ movementId: move.movementId, reason: 'reversal test' }],
    'inventory.importStatus': [{ importId: imp.importId }],
    'inventory.disposeExpired': [{ itemId: item.id }],
    'units.convert': [{ amount: '1', from: 'lb', to: 'gram', itemId: item.id }],
    'recipes.create': [
      { name: `${tag} new recipe`, predictedYield: '10', lines: [line(item.id)], allowedContainerIds: [container.id] },
    ],
    'recipes.update': [
      {
        recipeId: recipes.testId,
        name: `${tag} test edit`,
        predictedYield: '10',
        lines: [line(item.id)],
        allowedContainerIds: [container.id],
      },
    ],
    'recipes.createVariation': [
      {
        parentId: recipes.masterId,
        variationName: `${tag} variation`,
        lines: [line(item.id)],
        allowedContainerIds: [container.id],
      },
    ],
    'recipes.createTest': [
      {
        recipeId: recipes.masterId,
        instructions: `${tag} test`,
        lines: [line(item.id)],
        allowedContainerIds: [container.id],
      },
    ],
    'batches.plan': [{ recipeId: batches.bRecipeId, containers: [{ itemId: container.id, quantity: 1 }] }],
    'batches.start': [{ recipeId: batches.bRecipeId, containers: [{ itemId: container.id, quantity: 1 }] }],
    'batches.list': [{ recipeId: batches.bRecipeId }],
    'batches.complete': [
      {
        batchId: batches.bBatchId,
        finalQuantity: '1',
        outputUnit: 'gram',
        outputType: 'product',
        productId: products.productId,
        variantId: products.baseVariantId,
        containerCounts: { [container.id]: 0 },
      },
    ],
    'batches.traceBackward': [{ batchId: batches.bBatchId }, { lotId: lot.id }],
    'batches.recallCsv': [
      { direction: 'backward', batchId: batches.bBatchId },
      { direction: 'forward', lotId: lot.id },
    ],
    'orders.list': [{ customerId: orders.customerId }],
    'orders.create': [{ customerId: orders.customerId, lines: [{ skuId: orders.skuId, quantity: '1' }] }],
  };
  for (const [i, area] of AREAS.entries())
    for (const [path, entry] of Object.entries(area.inputs(fx[i]))) (bases[path] ??= []).push(entry.input);
  const secrets = [
    ...Object.values(ids).flat(),
    `${tag} secret oil`,
    `${tag} secret jar`,
    ...AREAS.flatMap((area, i) => area.secrets(fx[i]).filter((s) => !/^(A|B) /.test(s))),
  ];
  return { caller, ids, bases, secrets: [...new Set(secrets)] };
}
