// What a database error means, read from the shapes Prisma 7 + adapter-pg, pg and Node give it:
// PrismaClientKnownRequestError (code P…, meta.driverAdapterError.cause), a DriverAdapterError inside an
// interactive transaction (cause.originalCode / cause.kind), pg's DatabaseError (code = SQLSTATE) and
// Node's socket errors (code = ECONNREFUSED …). The tRPC edge (trpc/errors.ts) turns the kind into an
// answer for people; nothing of the driver's text goes with it.

export type DbErrorKind =
  /** The database cannot be reached or dropped the connection: answer 503, try again later. */
  | 'unavailable'
  /** An insert or update points at a row that does not exist (23503 on insert/update). */
  | 'missing_reference'
  /** A delete is refused because other rows still point at the row (23503 on delete). */
  | 'still_referenced'
  /** A record the operation needs was not found (P2025). */
  | 'not_found'
  /** A unique constraint (P2002 / 23505). */
  | 'duplicate'
  /** A value the column cannot hold: NUL in text, numeric or integer overflow, a date out of range. */
  | 'bad_value'
  /** A serialization failure or deadlock that survived the retries. */
  | 'conflict';

export type DbErrorInfo = { kind: DbErrorKind; constraint?: string; sqlState?: string; fields?: string[] };

const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
  'DatabaseAccessDenied',
  'AuthenticationFailed',
]);
const NODE_NET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const CONNECTION_TEXT =
  /Connection terminated|terminating connection|Connection ended|connection timeout|Can't reach database/i;

type Shape = {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  message?: unknown;
  constraint?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: Shape } };
  cause?: unknown;
};

/** The errors in a cause chain, outermost first (TRPCError → Prisma error → driver error …). */
function chain(e: unknown): Shape[] {
  const out: Shape[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 6 && cur && typeof cur === 'object'; i++) {
    const s = cur as Shape;
    out.push(s);
    if (s.meta?.driverAdapterError?.cause) out.push(s.meta.driverAdapterError.cause);
    cur = s.cause;
  }
  return out;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function constraintName(s: Shape): string | undefined {
  const c = s.constraint as { index?: unknown; fields?: unknown } | string | undefined;
  if (typeof c === 'string') return c;
  return str(c?.index);
}

/** Classifies a database error, or returns null for anything else (a bug: it stays a 500). */
export function classifyDbError(e: unknown): DbErrorInfo | null {
  const links = chain(e);
  const codes = links.map((s) => str(s.code)).filter((c): c is string => !!c);
  const kinds = new Set(links.map((s) => str(s.kind)).filter((k): k is string => !!k));
  const sqlState =
    links.map((s) => str(s.originalCode)).find(Boolean) ??
    codes.find((c) => /^[0-9A-Z]{5}$/.test(c) && !/^P\d{4}$/.test(c));
  const message = links.map((s) => str(s.originalMessage) ?? str(s.message) ?? '').join('\n');
  const constraint = links.map(constraintName).find(Boolean);
  const has = (...cs: string[]) => cs.some((c) => codes.includes(c));
  const kind = (...ks: string[]) => ks.some((k) => kinds.has(k));

  if (
    codes.some((c) => UNAVAILABLE_PRISMA.has(c) || NODE_NET.has(c)) ||
    [...kinds].some((k) => UNAVAILABLE_KINDS.has(k)) ||
    (sqlState && (/^08/.test(sqlState) || ['57P01', '57P02', '57P03', '53300'].includes(sqlState)))
  )
    return { kind: 'unavailable', sqlState };
  if (has('P2003') || kind('ForeignKeyConstraintViolation') || sqlState === '23503') {
    const deleting = /update or delete on table|still referenced/i.test(message);
    return { kind: deleting ? 'still_referenced' : 'missing_reference', constraint, sqlState };
  }
  if (has('P2025')) return { kind: 'not_found' };
  if (has('P2002') || kind('UniqueConstraintViolation') || sqlState === '23505') {
    const target = links.find((s) => s.meta?.target)?.meta?.target;
    return { kind: 'duplicate', sqlState, fields: Array.isArray(target) ? target.map(String) : undefined };
  }
  if (has('P2034') || kind('TransactionWriteConflict') || ['40001', '40P01', '55P03'].includes(sqlState ?? ''))
    return { kind: 'conflict', sqlState };
  if (has('P2000', 'P2020', 'P2007') || kind('ValueOutOfRange', 'LengthMismatch') || /^22/.test(sqlState ?? ''))
    return { kind: 'bad_value', sqlState: sqlState ?? (has('P2020') ? '22003' : undefined) };
  if (!sqlState && CONNECTION_TEXT.test(message)) return { kind: 'unavailable' };
  return null;
}

export const isDatabaseUnavailable = (e: unknown) => classifyDbError(e)?.kind === 'unavailable';

/**
 * The column a foreign key constraint guards, from Postgres's default name `<table>_<column>_fkey`, where
 * every table name ends in a plural word: inventory_items_inventory_category_id_fkey → inventory_category_id.
 */
export function referencedColumn(constraint: string | undefined): string | null {
  if (!constraint?.endsWith('_id_fkey')) return null;
  const words = constraint.slice(0, -'_fkey'.length).split('_');
  const tableEnd = words.findIndex((w, i) => i < words.length - 2 && w.endsWith('s'));
  return tableEnd < 0 ? null : words.slice(tableEnd + 1).join('_');
}
