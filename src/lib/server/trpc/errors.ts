// The one place where domain errors become tRPC/HTTP errors. Database errors that a request can cause
// (a reference to a row that does not exist, a duplicate, a value the column cannot hold) become domain
// errors with a message for people; an outage becomes 503; anything else stays a 500, whose text the
// error formatter (init.ts) replaces with a generic message and the request id. No driver text leaves.
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError, type AppErrorCode } from '../errors.ts';
import { PermissionDenied } from '../auth/authorize.ts';
import { classifyDbError, referencedColumn, type DbErrorInfo } from '../db/db-errors.ts';

const STATUS: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'CONFLICT',
  INSUFFICIENT_STOCK: 'CONFLICT',
  LIMIT_EXCEEDED: 'FORBIDDEN',
  VALIDATION: 'BAD_REQUEST',
  LOCKED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

export const UNAVAILABLE_MESSAGE = 'Service temporarily unavailable';
/** What a 500 says: nothing of the cause, only the id under which it was logged. */
export const internalErrorMessage = (requestId: string | null | undefined) =>
  `Something went wrong on our side.${requestId ? ` Reference: ${requestId}.` : ''} Please try again.`;

/** The answers for values a column cannot hold (the input schemas refuse these first; see schemas/primitives.ts). */
export const DB_VALUE_MESSAGES = {
  text: 'The text contains characters that cannot be stored (such as NUL).',
  number: 'A number is too large to store.',
  date: 'A date is out of range.',
  other: 'A value cannot be stored.',
} as const;

export function toTRPCError(e: unknown): unknown {
  if (e instanceof AppError) return new TRPCError({ code: STATUS[e.code], message: e.message, cause: e });
  if (e instanceof ZodError) return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(e), cause: e });
  const db = classifyDbError(e);
  if (db?.kind === 'unavailable')
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE, cause: e });
  if (db) {
    const app = dbAppError(db);
    return new TRPCError({ code: STATUS[app.code], message: app.message, cause: app });
  }
  return e;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A database error a request caused, as the domain error a person can act on. */
function dbAppError(db: DbErrorInfo): AppError {
  switch (db.kind) {
    case 'missing_reference': {
      const column = referencedColumn(db.constraint);
      if (!column) return new AppError('NOT_FOUND', 'Something this refers to was not found.');
      const what = column.replace(/_id$/, '').replaceAll('_', ' ');
      return new AppError('NOT_FOUND', `${what[0]!.toUpperCase()}${what.slice(1)} not found.`, {
        field: camel(column),
      });
    }
    case 'still_referenced':
      return new AppError('CONFLICT', 'This is still used by other records, so it cannot be removed.');
    case 'not_found':
      return new AppError('NOT_FOUND', 'Not found.');
    case 'duplicate':
      return new AppError('CONFLICT', 'A record with the same values already exists.');
    case 'conflict':
      return new AppError('CONFLICT', 'Someone else changed the same records at the same moment. Please try again.');
    default: {
      const s = db.sqlState ?? '';
      const message =
        s === '22021' || s === '22P05'
          ? DB_VALUE_MESSAGES.text
          : s === '22003'
            ? DB_VALUE_MESSAGES.number
            : s === '22007' || s === '22008' || s === '22009'
              ? DB_VALUE_MESSAGES.date
              : DB_VALUE_MESSAGES.other;
      return new AppError('VALIDATION', message);
    }
  }
}

/** One message per field (the first its schema gives), so "density" is never explained twice. */
export function zodMessage(e: ZodError): string {
  const seen = new Set<string>();
  return e.issues
    .filter((i) => {
      const key = i.path.join('.');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Extra fields the client gets in `error.data`: the domain code, its details and field errors. */
export function errorData(cause: unknown) {
  if (cause instanceof PermissionDenied) {
    const { reason, permission, upgradeTiers, upgradeUrl } = cause.denial;
    return {
      appCode: cause.denial.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      details: { reason, permission, upgradeTiers: upgradeTiers ?? [], ...(upgradeUrl ? { upgradeUrl } : {}) },
      fieldErrors: null,
    };
  }
  if (cause instanceof AppError) {
    // A domain error about one field (`{ field: 'quantity' }`) is shown at that field too.
    const field = typeof cause.details?.field === 'string' ? cause.details.field : null;
    return {
      appCode: cause.code,
      details: cause.details ?? null,
      fieldErrors: field ? { [field]: cause.message } : null,
    };
  }
  if (cause instanceof ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const i of cause.issues) fieldErrors[i.path.join('.') || '_'] ??= i.message;
    return { appCode: 'VALIDATION' as const, details: null, fieldErrors };
  }
  return { appCode: null, details: null, fieldErrors: null };
}
