import { ensureQueues } from '../../src/lib/server/jobs/boss.ts';
import { databaseUrl } from '../../src/lib/server/db/client.ts';

await ensureQueues(databaseUrl());
