import { z } from 'zod';
import { Count, DateInput, Text } from './primitives.ts';

// The activity log's filters (docs/rules/events.md, The activity log). `type` is an event name or a
// console action; dates are whole days, `to` included.
export const ActivityFilterSchema = z.object({
  userId: z.uuid().optional(),
  type: Text().max(80).optional(),
  from: DateInput().optional(),
  to: DateInput().optional(),
});
export const ListActivityInputSchema = ActivityFilterSchema.extend({
  page: Count(1, 'Page', 100_000).default(1),
  pageSize: Count(1, 'Page size', 100).default(50),
});
