import { Prisma } from '../../db/client.ts';
import type { TenantTx } from '../../db/tenant.ts';

/**
 * The upsert drawing the next number of the organization's per-year batch sequence, RETURNING current.
 * It takes a row lock, so two concurrent starts can never draw the same number.
 */
export function sequenceUpsert(organizationId: string, year: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO batch_sequences (organization_id, year, current) VALUES (${organizationId}, ${year}, 1)
    ON CONFLICT (organization_id, year) DO UPDATE SET current = batch_sequences.current + 1
    RETURNING current`;
}

/**
 * Next number of the organization's per-year batch sequence. The upsert takes a row lock, so two
 * concurrent starts can never draw the same number.
 */
export async function nextBatchSequence(tx: TenantTx, organizationId: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ current: number }[]>`${sequenceUpsert(organizationId, year)}`;
  return rows[0]!.current;
}

type LabelRecipe = {
  isMaster: boolean;
  versionNumber: number;
  variationPrefix: string | null;
  testSequence: number | null;
};

/**
 * PREFIX<ver>[-VARPREFIX<ver>][-T<n>]-<YEAR>-<SEQ>, e.g. SOAP1-2026-001 or SOAP2-LAV1-T1-2026-014
 * (docs/rules/batches.md, Labels).
 */
export function batchLabel(
  groupPrefix: string,
  masterVersion: number,
  recipe: LabelRecipe,
  year: number,
  seq: number,
): string {
  let label = `${groupPrefix.toUpperCase()}${masterVersion}`;
  if (!recipe.isMaster && recipe.variationPrefix)
    label += `-${recipe.variationPrefix.toUpperCase()}${recipe.versionNumber}`;
  if (recipe.testSequence) label += `-T${recipe.testSequence}`;
  return `${label}-${year}-${String(seq).padStart(3, '0')}`;
}
