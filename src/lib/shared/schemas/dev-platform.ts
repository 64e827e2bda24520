import { z } from 'zod';
import { EmailSchema } from './orgs.ts';
import { Count, Text } from './primitives.ts';
import { FEATURE_FLAG_KEYS } from '../feature-flags.ts';

// Inputs of the console's platform pages: flags, app settings, integrations, the permission debugger.
export const SetFlagInputSchema = z.object({
  key: z.enum(FEATURE_FLAG_KEYS as [string, ...string[]]),
  /** null removes an organization's override. */
  enabled: z.boolean().nullable(),
  organizationId: z.uuid().optional(),
});

/** The platform's settings document (app_settings key "settings"), with its defaults. */
export const AppSettingsSchema = z.object({
  supportEmail: EmailSchema,
  signupOpen: z.boolean(),
  maintenanceBanner: Text().max(300),
  defaultRetentionDays: Count(1, 'Default retention', 3650, ' days'),
});
export type AppSettings = z.infer<typeof AppSettingsSchema>;
export const APP_SETTINGS_DEFAULTS: AppSettings = {
  supportEmail: 'support@batchtrack.local',
  signupOpen: true,
  maintenanceBanner: '',
  defaultRetentionDays: 365,
};

export const TestEmailInputSchema = z.object({ to: EmailSchema });

export const DebugPermissionInputSchema = z.object({
  userId: z.uuid(),
  permission: Text().min(1).max(100),
  /** For a developer: the organization to act in, as "view as" would. */
  organizationId: z.uuid().optional(),
});

export const RunJobNowInputSchema = z.object({
  name: Text().min(1).max(100),
  organizationId: z.union([z.uuid(), z.literal('*')]),
});
