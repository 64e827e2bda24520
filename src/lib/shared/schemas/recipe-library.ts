// The recipe library (docs/rules/recipe-sharing.md): public recipes of every organization, their formula
// as percentages, and cloning one into your own organization.
import { z } from 'zod';
import { PageInputSchema } from './orgs.ts';

export const SetRecipePublicInputSchema = z.object({ recipeId: z.uuid(), isPublic: z.boolean() });
export type SetRecipePublicInput = z.input<typeof SetRecipePublicInputSchema>;

export const ListLibraryInputSchema = PageInputSchema;
export type ListLibraryInput = z.input<typeof ListLibraryInputSchema>;

/** A public recipe of any organization: the one input field allowed to name another organization's row. */
export const PublicRecipeIdSchema = z.object({ publicRecipeId: z.uuid() });
export type PublicRecipeIdInput = z.input<typeof PublicRecipeIdSchema>;
