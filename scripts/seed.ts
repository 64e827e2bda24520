// `npm run seed`: the catalogue (permissions, roles, tiers, add-ons) and, with --demo, the demo org.
import { createPrisma, databaseUrl } from '../src/lib/server/db/client.ts';
import { startBoss } from '../src/lib/server/jobs/boss.ts';
import { createEnqueuer } from '../src/lib/server/jobs/enqueue.ts';
import { seedCatalogue } from '../src/lib/server/seed/seed-catalogue.ts';
import { seedDemo } from '../src/lib/server/seed/seed-demo.ts';

const db = createPrisma(databaseUrl(), 2);
await seedCatalogue(db);
console.log('[seed] catalogue up to date');
if (process.argv.includes('--demo')) {
  const boss = await startBoss(databaseUrl(), { producerOnly: true });
  await seedDemo(db, { now: () => new Date(), jobs: createEnqueuer(() => boss) });
  await boss.stop({ graceful: false });
  console.log('[seed] demo organization ready');
}
await db.$disconnect();
