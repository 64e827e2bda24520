import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres:postgres@127.0.0.1:5432/batchtrack_dev';

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function createPrisma(url: string = databaseUrl(), max = Number(process.env.DB_POOL_MAX ?? 10)): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

export { PrismaClient };
export { Prisma } from './generated/client.ts';
export type DB = PrismaClient;
