/** IANA time zones the runtime knows (Europe/Paris, America/New_York …), plus UTC. */
let zones: Set<string> | null | undefined;
export function isTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  if (zones === undefined) {
    const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
    zones = typeof intl.supportedValuesOf === 'function' ? new Set(intl.supportedValuesOf('timeZone')) : null;
  }
  if (zones?.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz);
  } catch {
    return false;
  }
}
