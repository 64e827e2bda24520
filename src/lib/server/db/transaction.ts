import { Prisma, type PrismaClient } from './client.ts';

export type Tx = Prisma.TransactionClient;

/**
 * Serialization failure or deadlock: safe to retry. Prisma 7 + adapter-pg surfaces it either as a
 * DriverAdapterError (cause.originalCode '40001') or as P2034, so both are checked.
 */
export function isRetryableTxError(e: unknown): boolean {
  const err = e as { code?: string; cause?: { originalCode?: string; kind?: string } } | null;
  return (
    err?.code === 'P2034' ||
    err?.cause?.kind === 'TransactionWriteConflict' ||
    err?.cause?.originalCode === '40001' ||
    err?.cause?.originalCode === '40P01'
  );
}

type TxOptions = { isolationLevel?: Prisma.TransactionIsolationLevel; retries?: number; timeout?: number };

/** Runs fn in one interactive transaction, retrying on serialization failures with jittered backoff. */
export async function withTransaction<T>(
  db: PrismaClient,
  fn: (tx: Tx) => Promise<T>,
  opts: TxOptions = {},
): Promise<T> {
  const retries = opts.retries ?? 5;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(fn, {
        isolationLevel: opts.isolationLevel,
        timeout: opts.timeout ?? 15_000,
        maxWait: 10_000,
      });
    } catch (e) {
      if (attempt >= retries || !isRetryableTxError(e)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}
