// The webhook dispatcher through the real worker (docs/webhooks.md, Delivery): a worker killed (SIGKILL)
// while its POST is in flight never commits, so the next worker delivers the same event again and the
// receiver dedupes by the event id.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, resetData, type TestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg } from '../helpers/factories.ts';
import { startWorker, stopWorkers, until } from '../helpers/worker.ts';
import { withTransaction } from '../../src/lib/server/db/transaction.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await resetData(env.db);
});
afterAll(async () => {
  await stopWorkers();
  await env.close();
});

describe('webhooks.dispatch in the real worker', () => {
  it('a worker killed mid-delivery: the next one delivers the same event again', async () => {
    const seen: string[] = [];
    const hanging: ServerResponse[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(JSON.parse(body).id);
        if (seen.length === 1)
          hanging.push(res); // the first POST never gets an answer
        else res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const org = await makeOrg(env);
      const owner = await callerFor(env, org.owner.id);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const ep = await owner.webhooks.create({ url, eventTypes: ['webhook_test'] });
      const first = (await startWorker()).child;
      await owner.webhooks.sendTest({ endpointId: ep.id }); // queues webhooks.dispatch
      await until('the first POST', async () => seen.length >= 1, 20_000);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const d0 = await env.db.webhookDelivery.findFirstOrThrow({ where: { endpointId: ep.id } });
      expect([d0.status, d0.attempts]).toEqual(['pending', 0]); // nothing of the killed run committed
      await startWorker();
      await withTransaction(env.db, (tx) =>
        env.services.jobs.enqueue(tx, 'webhooks.dispatch', { organizationId: '*' }),
      );
      const d = await until(
        'the delivery',
        async () => {
          const row = await env.db.webhookDelivery.findUniqueOrThrow({ where: { id: d0.id } });
          return row.status === 'delivered' && row;
        },
        30_000,
      );
      expect(d.attempts).toBe(1);
      expect(seen).toHaveLength(2);
      expect(new Set(seen).size).toBe(1); // the same event id twice: the receiver dedupes on it
    } finally {
      for (const r of hanging) r.destroy();
      await new Promise((r) => server.close(r));
    }
  }, 90_000);
});
