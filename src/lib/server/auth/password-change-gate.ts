// A temporary password set from the console must be replaced before anything else (docs/rules/platform-console.md,
// Users): while the session says so, pages lead to /change-password and procedures other than changing the
// password or signing out are refused. Applied by hooks.server.ts to every request.
export const CHOOSE_PASSWORD_MESSAGE = 'Choose a new password to continue.';

const ALLOWED_PROCEDURES = new Set(['auth.changePassword', 'auth.signOut', 'me.get']);

export type GateDecision = { kind: 'pass' } | { kind: 'redirect'; location: string } | { kind: 'refuse' };

export function passwordChangeGate(pathname: string, mustChangePassword: boolean | undefined): GateDecision {
  if (!mustChangePassword) return { kind: 'pass' };
  if (pathname.startsWith('/api/trpc/')) {
    const paths = decodeURIComponent(pathname.slice('/api/trpc/'.length)).split(',');
    return paths.every((p) => ALLOWED_PROCEDURES.has(p)) ? { kind: 'pass' } : { kind: 'refuse' };
  }
  if (pathname === '/change-password' || pathname.startsWith('/api/') || pathname.startsWith('/_app/'))
    return { kind: 'pass' };
  return { kind: 'redirect', location: '/change-password' };
}
