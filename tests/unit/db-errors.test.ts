// Database errors as the edge answers them (src/lib/server/db/db-errors.ts, trpc/errors.ts): the shapes
// are those Prisma 7 + adapter-pg, pg and Node give (recorded from a real database).
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { classifyDbError, referencedColumn } from '../../src/lib/server/db/db-errors.ts';
import { toTRPCError } from '../../src/lib/server/trpc/errors.ts';

const prisma = (code: string, cause: Record<string, unknown>, message = 'Invalid `prisma.x.create()` invocation') =>
  Object.assign(new Error(message), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { driverAdapterError: { cause } },
  });

const NUL = prisma('P2039', {
  originalCode: '22021',
  kind: 'postgres',
  message: 'invalid byte sequence for encoding "UTF8": 0x00',
});
const FK = prisma('P2003', {
  originalCode: '23503',
  originalMessage:
    'insert or update on table "inventory_items" violates foreign key constraint "inventory_items_inventory_category_id_fkey"',
  kind: 'ForeignKeyConstraintViolation',
  constraint: { index: 'inventory_items_inventory_category_id_fkey' },
});
const STILL_USED = prisma('P2003', {
  originalCode: '23503',
  originalMessage:
    'update or delete on table "recipes" violates foreign key constraint "batches_recipe_id_fkey" on table "batches"',
  kind: 'ForeignKeyConstraintViolation',
  constraint: { index: 'batches_recipe_id_fkey' },
});
const INT = prisma('P2020', {
  originalCode: '22003',
  kind: 'ValueOutOfRange',
  cause: 'value "2147483648" is out of range for type integer',
});
const NUMERIC = prisma('P2010', { originalCode: '22003', kind: 'ValueOutOfRange', cause: 'numeric field overflow' });
const DATE = prisma('P2039', {
  originalCode: '22009',
  kind: 'postgres',
  message: 'time zone displacement out of range',
});
const DOWN = prisma('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5499 });
const TERMINATED = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const REFUSED = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const IN_TX = Object.assign(new Error('DriverAdapterError'), {
  cause: { originalCode: '40001', kind: 'TransactionWriteConflict' },
});

describe('classifyDbError', () => {
  it.each([
    ['NUL in text', NUL, 'bad_value'],
    ['a reference to a missing row', FK, 'missing_reference'],
    ['a delete of a row still referenced', STILL_USED, 'still_referenced'],
    ['int4 overflow', INT, 'bad_value'],
    ['numeric overflow', NUMERIC, 'bad_value'],
    ['a date out of range', DATE, 'bad_value'],
    ['the database not reachable', DOWN, 'unavailable'],
    ['57P01 terminating connection', TERMINATED, 'unavailable'],
    ['ECONNREFUSED', REFUSED, 'unavailable'],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['a serialization failure', IN_TX, 'conflict'],
    ['a record not found', prisma('P2025', {}), 'not_found'],
  ])('%s → %s', (_label, error, kind) => {
    expect(classifyDbError(error)?.kind).toBe(kind);
    // Wrapped by tRPC as the cause of an INTERNAL_SERVER_ERROR, it is found the same.
    expect(classifyDbError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error }))?.kind).toBe(kind);
  });
  it('leaves a bug a bug', () => {
    expect(classifyDbError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
  });
  it('reads the column from a constraint name', () => {
    expect(referencedColumn('inventory_items_inventory_category_id_fkey')).toBe('inventory_category_id');
    expect(referencedColumn('user_role_assignments_role_id_fkey')).toBe('role_id');
    expect(referencedColumn('organizations_subscription_tier_id_fkey')).toBe('subscription_tier_id');
    expect(referencedColumn('weird')).toBeNull();
  });
});

describe('toTRPCError', () => {
  const mapped = (e: unknown) => toTRPCError(e) as TRPCError;
  it('answers with a message for people and no driver text', () => {
    expect([mapped(FK).code, mapped(FK).message]).toEqual(['NOT_FOUND', 'Inventory category not found.']);
    expect([mapped(STILL_USED).code, mapped(STILL_USED).message]).toEqual([
      'CONFLICT',
      'This is still used by other records, so it cannot be removed.',
    ]);
    expect([mapped(NUL).code, mapped(NUL).message]).toEqual([
      'BAD_REQUEST',
      'The text contains characters that cannot be stored (such as NUL).',
    ]);
    expect(mapped(INT).message).toBe('A number is too large to store.');
    expect(mapped(DATE).message).toBe('A date is out of range.');
    expect([mapped(DOWN).code, mapped(DOWN).message]).toEqual([
      'SERVICE_UNAVAILABLE',
      'Service temporarily unavailable',
    ]);
    expect(mapped(TERMINATED).code).toBe('SERVICE_UNAVAILABLE');
    const bug = new Error('boom');
    expect(toTRPCError(bug)).toBe(bug);
  });
});
