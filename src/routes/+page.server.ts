import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/login');
  if (locals.user.userType === 'developer' && !locals.session?.viewAsOrgId) redirect(303, '/dev');
  redirect(303, '/dashboard');
};
