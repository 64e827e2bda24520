import { z } from 'zod';

export const RetentionExportInputSchema = z.object({ format: z.enum(['csv', 'json']).default('csv') });
export const RetentionKeepInputSchema = z.object({ entryId: z.uuid() });
