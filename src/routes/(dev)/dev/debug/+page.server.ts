import { pageLoad } from '#lib/server/trpc/page-load.ts';

// The permission debugger: ?user=<username or email>&permission=<name> (the address keeps the question).
export const load = pageLoad(async (api, { url }) => {
  const who = url.searchParams.get('user')?.trim() ?? '';
  const permission = url.searchParams.get('permission')?.trim() ?? '';
  const orgId = url.searchParams.get('org')?.trim() || undefined;
  if (!who || !permission) return { who, permission, orgId, result: null, problem: null };
  const lists = await Promise.all(
    (['customer', 'developer'] as const).map((kind) => api.dev.users.list({ kind, search: who, pageSize: 20 })),
  );
  const user = lists
    .flatMap((l) => l.rows)
    .find((u) => u.username.toLowerCase() === who.toLowerCase() || u.email === who.toLowerCase());
  if (!user) return { who, permission, orgId, result: null, problem: `No user named ${who}.` };
  try {
    const result = await api.dev.platform.debugPermission({ userId: user.id, permission, organizationId: orgId });
    return { who, permission, orgId, result, problem: null };
  } catch (e) {
    return { who, permission, orgId, result: null, problem: e instanceof Error ? e.message : String(e) };
  }
});
