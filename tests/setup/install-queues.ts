import { createBoss, ensureQueues } from '../../src/lib/server/jobs/boss.ts';
import { databaseUrl } from '../../src/lib/server/db/client.ts';

const boss = createBoss(databaseUrl(), { producerOnly: true });
await boss.start();
await ensureQueues(boss);
await boss.stop({ graceful: false });
