import { z } from 'zod';

export const RecipeReportInputSchema = z.object({ recipeId: z.uuid() });
