import { router } from '../procedures.ts';

// products procedures: being built (production issue).
export const productsRouter = router({});
