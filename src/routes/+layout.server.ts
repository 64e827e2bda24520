import { readAppSettings } from '#lib/server/domain/dev/platform-settings.ts';
import { db } from '#lib/server/services.ts';
import type { LayoutServerLoad } from './$types';

// The console's maintenance banner shows on every page (docs/rules/platform-console.md, Settings and integrations).
export const load: LayoutServerLoad = async () => ({
  maintenanceBanner: (await readAppSettings(db())).maintenanceBanner || null,
});
