import { router } from '../procedures.ts';

// batches procedures: being built (production issue).
export const batchesRouter = router({});
