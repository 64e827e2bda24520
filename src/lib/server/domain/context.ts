// What every domain function receives besides its db and input. Built by the tRPC context, the worker,
// the seed script and tests alike, so a rule behaves the same whoever calls it.
import type { Enqueuer } from '../jobs/enqueue.ts';
import type { Mailer } from '../integrations/mailer.ts';

export type Services = {
  now: () => Date;
  jobs: Enqueuer;
  mailer: Mailer;
  /** Public base URL used in links sent by mail. */
  appUrl: string;
};

export type Actor = {
  userId: string;
  userType: 'customer' | 'developer';
  isOwner: boolean;
  permissions: ReadonlySet<string>;
};

/** Context of a call made inside one organization: who acts, and the services. */
export type OrgCtx = Services & {
  actor: Actor;
  organizationId: string;
  /** The tier ceiling: org-wide switches such as inventory.track_quantities read it, not the role. */
  tierPermissions: ReadonlySet<string>;
};
