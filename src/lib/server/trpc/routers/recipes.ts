import { router } from '../procedures.ts';

// recipes procedures: being built (production issue).
export const recipesRouter = router({});
