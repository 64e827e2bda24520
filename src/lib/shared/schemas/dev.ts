import { z } from 'zod';
import { PageInputSchema } from './orgs.ts';
import { PageNumber, PageSize, Text } from './primitives.ts';

// The developer console's inputs, and its lists' choices (the pages' addresses take the same).
export const ORGANIZATION_SORTS = ['name', 'createdAt', 'tier'] as const;
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const ListJobsInputSchema = z.object({
  queue: Text().max(100).optional(),
  state: z.enum(JOB_STATES).optional(),
  organizationId: Text().max(100).optional(),
  page: PageNumber().default(1),
  pageSize: PageSize(100).default(25),
});

export const TriggerRollupInputSchema = z.object({ organizationId: z.union([z.uuid(), z.literal('*')]) });

export const JobRefInputSchema = z.object({ queue: Text().min(1).max(100), jobId: z.uuid() });

export const ListOrganizationsInputSchema = PageInputSchema.extend({
  sort: z.enum(ORGANIZATION_SORTS).default('createdAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
