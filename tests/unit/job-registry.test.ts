import { describe, expect, it } from 'vitest';
import { JOBS, missingHandlers } from '../../src/lib/server/jobs/registry.ts';
import { JOB_NAMES, deadLetterQueue } from '../../src/lib/server/jobs/job-types.ts';

describe('job registry', () => {
  it('names jobs area.verb-noun and gives each a dead-letter queue and retry policy', () => {
    for (const name of JOB_NAMES) {
      expect(name).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)*$/);
      expect(deadLetterQueue(name)).toBe(`${name}.dead`);
      expect(JOBS[name].queue.retryLimit).toBeGreaterThan(0);
    }
  });
  it('requires organizationId in every payload', () => {
    for (const name of JOB_NAMES) {
      const shape = (JOBS[name].payload as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape)).toContain('organizationId');
      expect(JOBS[name].payload.safeParse({}).success).toBe(false);
    }
    expect(JOBS['stats.rollup'].payload.safeParse({ organizationId: '*' }).success).toBe(true);
    expect(JOBS['stats.rollup'].payload.safeParse({ organizationId: 'not-an-org' }).success).toBe(false);
  });
  it('reports entries without a handler (the worker refuses to start on them)', () => {
    expect(missingHandlers(JOBS)).toEqual([]);
    expect(missingHandlers({ ...JOBS, 'x.broken': { ...JOBS['stats.rollup'], handler: undefined } })).toEqual([
      'x.broken',
    ]);
  });
});
