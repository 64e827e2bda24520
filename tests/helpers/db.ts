// Integration-test plumbing: a Prisma client and a pg-boss producer on the test database, a fixed
// clock, and a reset that empties tenant data (the catalogue stays).
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/lib/server/db/client.ts';
import { startBoss } from '../../src/lib/server/jobs/boss.ts';
import { createEnqueuer } from '../../src/lib/server/jobs/enqueue.ts';
import { createMailer } from '../../src/lib/server/integrations/mailer.ts';
import type { Services } from '../../src/lib/server/domain/context.ts';
import { TEST_DATABASE_URL } from './env.ts';
import { forgetAppSettings } from '../../src/lib/server/domain/dev/platform-settings.ts';

export const FIXED_NOW = new Date('2026-03-01T12:00:00.000Z');

export type TestClock = { now: () => Date; set(d: Date): void; advance(ms: number): void };
export function fixedClock(start = FIXED_NOW): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (d) => void (t = d.getTime()), advance: (ms) => void (t += ms) };
}

export type TestEnv = { db: PrismaClient; boss: PgBoss; clock: TestClock; services: Services; close(): Promise<void> };

export async function createTestEnv(): Promise<TestEnv> {
  const db = createPrisma(TEST_DATABASE_URL, 10);
  const boss = await startBoss(TEST_DATABASE_URL, { producerOnly: true });
  const clock = fixedClock();
  const services: Services = {
    now: clock.now,
    jobs: createEnqueuer(() => boss),
    mailer: createMailer(db, { MAIL_TRANSPORT: 'log', VITEST: '1' }),
    appUrl: 'http://app.test',
  };
  return {
    db,
    boss,
    clock,
    services,
    async close() {
      await boss.stop({ graceful: false });
      await db.$disconnect();
    },
  };
}

/** Empties tenant and platform data and the job tables, keeping the seeded catalogue. */
export async function resetData(db: PrismaClient) {
  // DELETE, not TRUNCATE ... CASCADE: a cascading truncate would also empty the catalogue tables
  // that reference organizations (roles), while row deletes follow ON DELETE CASCADE precisely.
  await db.$executeRawUnsafe(`
    DELETE FROM users;
    DELETE FROM organizations;
    DELETE FROM login_attempts;
    DELETE FROM mail_messages;
    DELETE FROM pending_signups;
    DELETE FROM stripe_events;
    DELETE FROM app_settings;
    DELETE FROM pgboss.job;
  `);
  forgetAppSettings();
}

/**
 * The preamble of an integration file, once: one environment for the file, its data emptied and its clock
 * set to FIXED_NOW before each test, closed after the last. The returned environment is usable inside
 * tests and hooks (it exists from the first beforeAll on).
 */
export function useTestEnv(): TestEnv {
  let current: TestEnv | undefined;
  beforeAll(async () => {
    current = await createTestEnv();
  });
  beforeEach(async () => {
    await resetData(current!.db);
    current!.clock.set(FIXED_NOW);
  });
  afterAll(() => current?.close());
  return new Proxy({} as TestEnv, {
    get(_target, key) {
      if (!current) throw new Error('useTestEnv: the environment exists only inside tests and hooks');
      return Reflect.get(current, key);
    },
  });
}
