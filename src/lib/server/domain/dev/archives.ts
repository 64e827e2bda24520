// The exports kept from deleted organizations (delete-organization.ts), listed and downloaded from the console.
import type { z } from 'zod';
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { PageInputSchema } from '../../../shared/schemas/orgs.ts';

export async function listArchives(db: PrismaClient, raw: z.input<typeof PageInputSchema>) {
  const input = PageInputSchema.parse(raw);
  const where = input.search ? { orgName: { contains: input.search, mode: 'insensitive' as const } } : {};
  const [total, rows] = await Promise.all([
    db.organizationArchive.count({ where }),
    db.organizationArchive.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, sourceOrgId: true, orgName: true, fileName: true, sizeBytes: true, createdAt: true },
    }),
  ]);
  return { total, page: input.page, pageSize: input.pageSize, rows };
}

export async function getArchive(db: PrismaClient, input: { archiveId: string }) {
  const a = await db.organizationArchive.findUnique({ where: { id: input.archiveId } });
  if (!a) throw new AppError('NOT_FOUND', 'Archive not found.');
  return { fileName: a.fileName, base64: Buffer.from(a.data).toString('base64') };
}
