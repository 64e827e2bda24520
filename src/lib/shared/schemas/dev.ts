// The developer console's list choices, for the pages' addresses (the domain's list schemas take the same).
export const ORGANIZATION_SORTS = ['name', 'createdAt', 'tier'] as const;
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
