// Organization API tokens (docs/rules/api.md, Tokens): created with integrations.api_access, shown once,
// kept only as a SHA-256 hash, revocable. A token acts as the member who created it, with their
// permissions as they are at each call.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { PrismaClient } from '../../../db/client.ts';
import type { TenantDb } from '../../../db/tenant.ts';
import type { OrgCtx } from '../../context.ts';
import { AppError } from '../../../errors.ts';
import { ApiTokenIdSchema, CreateApiTokenInputSchema } from '../../../../shared/schemas/orders.ts';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createApiToken(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof CreateApiTokenInputSchema>) {
  const input = CreateApiTokenInputSchema.parse(raw);
  const token = `bt_${randomBytes(24).toString('base64url')}`;
  const row = await db.apiToken.create({
    data: {
      organizationId: ctx.organizationId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      createdById: ctx.actor.userId,
      createdAt: ctx.now(),
    },
    select: { id: true, name: true, prefix: true },
  });
  // The only time the token itself leaves the server.
  return { ...row, token };
}

export async function listApiTokens(db: TenantDb, _ctx: OrgCtx) {
  return db.apiToken.findMany({
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdById: true,
    },
  });
}

export async function revokeApiToken(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ApiTokenIdSchema>) {
  const input = ApiTokenIdSchema.parse(raw);
  const t = await db.apiToken.findUnique({ where: { id: input.tokenId }, select: { id: true, revokedAt: true } });
  if (!t) throw new AppError('NOT_FOUND', 'API token not found');
  if (!t.revokedAt) await db.apiToken.update({ where: { id: t.id }, data: { revokedAt: ctx.now() } });
  return { id: t.id, revoked: true };
}

/** The token a Bearer header names, if it exists and is not revoked (its last use is recorded). */
export async function findActiveToken(db: PrismaClient, bearer: string, now: Date) {
  const t = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(bearer) },
    select: { id: true, organizationId: true, createdById: true, revokedAt: true },
  });
  if (!t || t.revokedAt) return null;
  await db.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: now } });
  return t;
}
