import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { TrpcContext } from './context.ts';
import type { PermissionName } from '../../shared/permission-catalogue.ts';
import { errorData, internalErrorMessage, zodMessage } from './errors.ts';

/** Every procedure declares either a permission or that it is public / needs only a signed-in user. */
export type ProcedureMeta = {
  permission?: PermissionName;
  access?: 'public' | 'authed';
  /** Billing procedures stay usable while the organization must settle its billing (auth/billing-standing.ts). */
  billingExempt?: boolean;
  /**
   * Top-level input fields that may name another organization's row on purpose (the recipe library's
   * `publicRecipeId`): left out of the foreign-id check, the domain function then reads only what is
   * public and answers NOT_FOUND for anything else (docs/rules/recipe-sharing.md).
   */
  crossTenantFields?: string[];
};

export const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // What a client sees of an error. An unexpected one (a bug) says nothing of its cause, only the request
    // id it was logged under (api/trpc/[...trpc]/+server.ts logs it); no stack ever leaves the server.
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId ?? null;
      const { code, httpStatus, path } = shape.data;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        return {
          ...shape,
          message: internalErrorMessage(requestId),
          data: { code, httpStatus, path, requestId, appCode: null, details: null, fieldErrors: null },
        };
      }
      const message = error.cause instanceof ZodError ? zodMessage(error.cause) : shape.message;
      return { ...shape, message, data: { code, httpStatus, path, requestId, ...errorData(error.cause) } };
    },
  });
