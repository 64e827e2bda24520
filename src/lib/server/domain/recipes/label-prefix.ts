import type { z } from 'zod';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { SetLabelPrefixInputSchema } from '../../../shared/schemas/recipes.ts';
import { generatePrefix } from './rules.ts';
import { assertPrefixFree, logLineage, retryOnUniqueRace, takenPrefixes } from './store.ts';

/**
 * Edits a recipe group's label prefix (docs/rules/recipes.md, Label prefixes): unique in the organization
 * among group and variation prefixes; left empty, it is generated from the group name again. Labels of
 * batches already started keep the prefix they were given.
 */
export async function setLabelPrefix(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof SetLabelPrefixInputSchema>) {
  const input = SetLabelPrefixInputSchema.parse(raw);
  return retryOnUniqueRace(() =>
    db.$transaction(async (tx) => {
      const group = await tx.recipeGroup.findUnique({ where: { id: input.groupId } });
      if (!group) throw new AppError('NOT_FOUND', 'Recipe group not found.');
      let prefix = input.prefix;
      if (prefix) await assertPrefixFree(tx, prefix, 'prefix', group.id);
      else {
        const taken = (await takenPrefixes(tx)).filter((p) => p.toUpperCase() !== group.prefix.toUpperCase());
        prefix = generatePrefix(group.name, taken);
      }
      if (prefix === group.prefix) return { groupId: group.id, prefix };
      await tx.recipeGroup.update({ where: { id: group.id }, data: { prefix } });
      const master = await tx.recipe.findFirst({
        where: { groupId: group.id, isMaster: true, testSequence: null },
        orderBy: [{ isCurrent: 'desc' }, { versionNumber: 'desc' }],
        select: { id: true },
      });
      if (master) await logLineage(tx, ctx, master.id, 'EDIT', `Label prefix ${group.prefix} → ${prefix}`);
      return { groupId: group.id, prefix };
    }),
  );
}
