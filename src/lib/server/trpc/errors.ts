// The one place where domain errors become tRPC/HTTP errors.
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError, type AppErrorCode } from '../errors.ts';
import { PermissionDenied } from '../auth/authorize.ts';

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
};

export function toTRPCError(e: unknown): unknown {
  if (e instanceof AppError) return new TRPCError({ code: STATUS[e.code], message: e.message, cause: e });
  if (e instanceof ZodError) return new TRPCError({ code: 'BAD_REQUEST', message: zodMessage(e), cause: e });
  return e;
}

export function zodMessage(e: ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Extra fields the client gets in `error.data`: the domain code, its details and field errors. */
export function errorData(cause: unknown) {
  if (cause instanceof PermissionDenied) {
    const { reason, permission, upgradeTiers } = cause.denial;
    return {
      appCode: cause.denial.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      details: { reason, permission, upgradeTiers: upgradeTiers ?? [] },
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
