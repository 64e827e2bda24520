// A fixed-window request limit per client address, for pages anyone may read without signing in (the
// public library, docs/rules/library.md). Kept in memory: the web process is one process, and a restart
// forgetting the counts only ever lets a few more requests through. Refusals are AppError LOCKED, answered
// as 429 like a sign-in lockout (trpc/errors.ts).
import { AppError } from '../errors.ts';

export type RateLimit = { limit: number; windowMs: number };

export function createRateLimiter(policy: RateLimit) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request from `key` at `now`; refuses once the window's limit is spent. */
    hit(key: string, now: number) {
      let w = windows.get(key);
      if (!w || now - w.start >= policy.windowMs) {
        // Forget finished windows now and then, so the map stays the size of the recent visitors.
        if (windows.size > 10_000)
          for (const [k, v] of windows) if (now - v.start >= policy.windowMs) windows.delete(k);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      if (w.count > policy.limit) {
        const seconds = Math.ceil((w.start + policy.windowMs - now) / 1000);
        throw new AppError('LOCKED', `Too many requests: try again in ${seconds} s.`);
      }
    },
    reset() {
      windows.clear();
    },
  };
}

/** The public library: 120 reads a minute per address (a typeahead sends one per pause in typing). */
export const libraryRateLimiter = createRateLimiter({
  limit: Number(process.env.LIBRARY_RATE_LIMIT ?? 120),
  windowMs: Number(process.env.LIBRARY_RATE_WINDOW_SECONDS ?? 60) * 1000,
});
