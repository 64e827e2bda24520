import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// Where a temporary password from the console leads (hooks.server.ts sends every page here until changed).
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/login');
  return { mustChange: locals.session?.mustChangePassword === true, userType: locals.user.userType };
};
