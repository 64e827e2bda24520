import { z } from 'zod';
import { Count, Text } from './primitives.ts';

/** Most alerts the dashboard shows at once (docs/rules/dashboard.md, Alerts). */
export const MAX_ALERTS_LIMIT = 20;

export const DismissAlertSchema = z.object({ key: Text().min(1, 'Which alert?').max(200) });
export const AlertPreferencesSchema = z.object({
  maxAlerts: Count(1, 'Alerts shown', MAX_ALERTS_LIMIT),
});
