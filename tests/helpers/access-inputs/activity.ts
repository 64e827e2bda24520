import { defineArea } from './types.ts';

// Inputs for the activity log: org B has its sign-up events; A must never see them.
export default defineArea({
  async setup({ env, bOrgId }) {
    const ev = await env.db.domainEvent.findFirstOrThrow({ where: { organizationId: bOrgId } });
    const bUser = await env.db.user.findFirstOrThrow({ where: { organizationId: bOrgId } });
    return { eventId: ev.id, bUserId: bUser.id };
  },
  inputs: (fx) => ({
    'activity.list': { input: { userId: fx.bUserId }, foreign: true },
    'activity.export': { input: { userId: fx.bUserId }, foreign: true },
  }),
  secrets: (fx) => [fx.eventId],
});
