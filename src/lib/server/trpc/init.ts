import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { TrpcContext } from './context.ts';
import type { PermissionName } from '../../shared/permission-catalogue.ts';
import { errorData, zodMessage } from './errors.ts';

/** Every procedure declares either a permission or that it is public / needs only a signed-in user. */
export type ProcedureMeta = { permission?: PermissionName; access?: 'public' | 'authed' };

export const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const message = error.cause instanceof ZodError ? zodMessage(error.cause) : shape.message;
      return { ...shape, message, data: { ...shape.data, stack: undefined, ...errorData(error.cause) } };
    },
  });
