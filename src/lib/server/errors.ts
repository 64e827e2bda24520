// One error type for every business rule. Codes form a closed list; they are mapped to HTTP/tRPC status
// in trpc/errors.ts and to retry-or-fail in jobs/run-job.ts, nowhere else.
export const APP_ERROR_CODES = [
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'INVALID_STATE',
  'INSUFFICIENT_STOCK',
  'LIMIT_EXCEEDED',
  'VALIDATION',
  'LOCKED',
  /** An outside service the action needs (Stripe) cannot be reached: try again later. */
  'UNAVAILABLE',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Business errors are final; an outside service being down, or anything else (connection loss, serialization), may succeed on retry. */
export function isRetryableJobError(e: unknown): boolean {
  return !isAppError(e) || e.code === 'UNAVAILABLE';
}
