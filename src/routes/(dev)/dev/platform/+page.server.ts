import { pageLoad } from '#lib/server/trpc/page-load.ts';

export const load = pageLoad(async (api) => {
  const [flags, settings, integrations] = await Promise.all([
    api.dev.platform.flags(),
    api.dev.platform.settings(),
    api.dev.platform.integrations(),
  ]);
  return { flags, settings, integrations };
});
