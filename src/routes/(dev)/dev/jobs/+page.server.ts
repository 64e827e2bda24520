import { pageLoad } from '#lib/server/trpc/page-load.ts';
import { JOB_STATES } from '#lib/shared/schemas/dev.ts';
import { readChoice, readPage } from '#lib/shared/list-query.ts';
import type { PageServerLoadEvent } from './$types';

export const load = pageLoad(async (api, { url, depends }: PageServerLoadEvent) => {
  // The jobs panel reloads this while jobs run (invalidate('dev:jobs')).
  depends('dev:jobs');
  const queues = await api.dev.queues();
  const page = readPage(url);
  const queue = readChoice(
    url,
    'queue',
    queues.map((q) => q.name),
  );
  const state = readChoice(url, 'state', JOB_STATES);
  const [jobs, scheduled] = await Promise.all([
    api.dev.jobs({ page, pageSize: 10, queue, state }),
    api.dev.platform.scheduledJobs(),
  ]);
  return { queues, jobs, scheduled, query: { page, queue: queue ?? '', state: state ?? '' } };
});
