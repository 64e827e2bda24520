import type { Job, JobResult } from 'pg-boss';
import { isRetryableJobError } from '../errors.ts';
import { JOBS, type JobDeps } from './registry.ts';
import type { JobName } from './job-types.ts';

/**
 * Runs one job through its registry handler. The payload is parsed again (never trusted from the
 * queue). A business error (AppError) fails the job for good: retrying cannot change its outcome,
 * so the job's retry limit is lowered to the attempts made before the error is rethrown.
 */
export async function runJob(deps: JobDeps, name: JobName, job: Pick<Job<unknown>, 'id' | 'data'>): Promise<object> {
  const def = JOBS[name];
  try {
    const payload = def.payload.parse(job.data);
    return await def.handler!(deps, payload as never);
  } catch (e) {
    if (!isRetryableJobError(e)) {
      await deps.db.$executeRawUnsafe(
        `UPDATE pgboss.job SET retry_limit = retry_count WHERE name = $1 AND id = $2::uuid`,
        name,
        job.id,
      );
    }
    deps.log(`${name} ${job.id} failed: ${(e as Error).message}`);
    throw e;
  }
}

/**
 * Runs fetched jobs of one queue in turn, each through runJob, and settles each on its own: one job's
 * failure fails (and retries) that job alone (pg-boss's perJobResults).
 */
export async function runJobsInTurn(
  deps: JobDeps,
  name: JobName,
  jobs: Pick<Job<unknown>, 'id' | 'data'>[],
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  for (const job of jobs) {
    try {
      results.push({ id: job.id, status: 'completed', output: await runJob(deps, name, job) });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      results.push({
        id: job.id,
        status: 'failed',
        output: { name: err.name, message: err.message, stack: err.stack },
      });
    }
  }
  return results;
}

/**
 * Runs a batch of jobs through the entry's batch handler in one call. Payloads are parsed again; one
 * that does not parse fails the batch (pg-boss retries every job of it), as any other error does.
 */
export async function runJobBatch(deps: JobDeps, name: JobName, jobs: Pick<Job<unknown>, 'id' | 'data'>[]) {
  const def = JOBS[name];
  if (!def.batchHandler) throw new Error(`${name} has no batch handler`);
  try {
    const payloads = jobs.map((j) => def.payload.parse(j.data));
    return await def.batchHandler(deps, payloads as never);
  } catch (e) {
    deps.log(`${name} batch of ${jobs.length} failed: ${(e as Error).message}`);
    throw e;
  }
}
