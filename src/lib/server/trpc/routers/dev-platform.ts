// The console's platform pages: feature flags, app settings, integrations readiness, the permission debugger.
import { devProcedure, router } from '../procedures.ts';
import {
  AppSettingsSchema,
  DebugPermissionInputSchema,
  RunJobNowInputSchema,
  SetFlagInputSchema,
  TestEmailInputSchema,
} from '../../../shared/schemas/dev-platform.ts';
import { listFlags, setFlag } from '../../domain/dev/feature-flags.ts';
import {
  getAppSettings,
  integrationsReadiness,
  sendTestEmail,
  updateAppSettings,
} from '../../domain/dev/platform-settings.ts';
import { debugPermission } from '../../domain/dev/permission-debugger.ts';
import { listScheduledJobs, runScheduledJobNow } from '../../domain/dev/scheduled-jobs.ts';
import { consoleCtx } from './dev-context.ts';

const admin = devProcedure.meta({ permission: 'dev.system_admin' });
const settings = devProcedure.meta({ permission: 'dev.system_settings' });

export const devPlatformRouter = router({
  flags: admin.query(({ ctx }) => listFlags(ctx.db)),
  setFlag: admin.input(SetFlagInputSchema).mutation(({ ctx, input }) => setFlag(ctx.db, consoleCtx(ctx), input)),
  settings: settings.query(({ ctx }) => getAppSettings(ctx.db)),
  updateSettings: settings
    .input(AppSettingsSchema)
    .mutation(({ ctx, input }) => updateAppSettings(ctx.db, consoleCtx(ctx), input)),
  integrations: admin.query(() => integrationsReadiness(process.env)),
  sendTestEmail: admin
    .input(TestEmailInputSchema)
    .mutation(({ ctx, input }) => sendTestEmail(ctx.db, consoleCtx(ctx), input)),
  scheduledJobs: devProcedure
    .meta({ permission: 'dev.view_jobs' })
    .query(({ ctx }) => listScheduledJobs(ctx.db, ctx.services)),
  runJobNow: devProcedure
    .meta({ permission: 'dev.manage_jobs' })
    .input(RunJobNowInputSchema)
    .mutation(({ ctx, input }) => runScheduledJobNow(ctx.db, consoleCtx(ctx), input)),
  debugPermission: devProcedure
    .meta({ permission: 'dev.debug_mode' })
    .input(DebugPermissionInputSchema)
    .query(({ ctx, input }) => debugPermission(ctx.db, input)),
});
