// Process-wide singletons of the web process: the Prisma client, the pg-boss producer, the mailer.
import type { PgBoss } from 'pg-boss';
import { createPrisma, databaseUrl, type PrismaClient } from './db/client.ts';
import { startBoss } from './jobs/boss.ts';
import { createEnqueuer } from './jobs/enqueue.ts';
import { createMailer } from './integrations/mailer.ts';
import type { Services } from './domain/context.ts';

let prisma: PrismaClient | undefined;
let bossPromise: Promise<PgBoss> | undefined;
let services: Services | undefined;

export function db(): PrismaClient {
  prisma ??= createPrisma();
  return prisma;
}

export function boss(): Promise<PgBoss> {
  bossPromise ??= startBoss(databaseUrl(), { producerOnly: true });
  return bossPromise;
}

export function appServices(): Services {
  services ??= {
    now: () => new Date(),
    jobs: createEnqueuer(boss),
    mailer: createMailer(db()),
    appUrl: process.env.ORIGIN ?? process.env.APP_URL ?? 'http://localhost:3000',
  };
  return services;
}

/** Close pools so `node build/index.js` exits after SIGTERM (adapter-node emits sveltekit:shutdown). */
export async function stopServices() {
  if (bossPromise) await (await bossPromise).stop({ graceful: true, timeout: 5000 }).catch(() => {});
  await prisma?.$disconnect();
}
