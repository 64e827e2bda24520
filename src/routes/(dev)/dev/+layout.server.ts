import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/login');
  if (locals.user.userType !== 'developer') error(403, 'The developer console is for BatchTrack staff only.');
  return { user: locals.user, viewAsOrgId: locals.session?.viewAsOrgId ?? null };
};
