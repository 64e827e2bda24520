// Customer reads: the paged, searched list with each customer's order count and net revenue, and one
// customer with their orders.
import type { z } from 'zod';
import { Prisma } from '../../db/client.ts';
import type { TenantDb } from '../../db/tenant.ts';
import type { OrgCtx } from '../context.ts';
import { AppError } from '../../errors.ts';
import { CustomerIdSchema, ListCustomersInputSchema } from '../../../shared/schemas/orders.ts';

const SORT_SQL = {
  name: Prisma.sql`c.name`,
  createdAt: Prisma.sql`c.created_at`,
  orders: Prisma.sql`order_count`,
  revenue: Prisma.sql`revenue`,
} as const;

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const norm = (v: string) => new Prisma.Decimal(v).toString();

export async function listCustomers(db: TenantDb, ctx: OrgCtx, raw: z.input<typeof ListCustomersInputSchema>) {
  const input = ListCustomersInputSchema.parse(raw);
  const s = input.search ? like(input.search) : null;
  const where = Prisma.sql`c.organization_id = ${ctx.organizationId} ${
    s ? Prisma.sql`AND (c.name ILIKE ${s} OR c.email ILIKE ${s} OR c.phone ILIKE ${s})` : Prisma.empty
  }`;
  const dir = input.direction === 'desc' ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const [count, rows] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM customers c WHERE ${where}`,
    db.$queryRaw<
      {
        id: string;
        name: string;
        email: string | null;
        phone: string | null;
        created_at: Date;
        order_count: number;
        revenue: string;
      }[]
    >`
      SELECT c.id, c.name, c.email, c.phone, c.created_at,
             count(o.id)::int AS order_count,
             coalesce(sum(o.revenue - o.returned_revenue), 0)::text AS revenue
        FROM customers c
        LEFT JOIN sales_orders o ON o.customer_id = c.id AND o.organization_id = c.organization_id
       WHERE ${where}
       GROUP BY c.id
       ORDER BY ${SORT_SQL[input.sort]} ${dir}, c.id
       LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`,
  ]);
  return {
    total: count[0]?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      createdAt: r.created_at,
      orderCount: r.order_count,
      revenue: norm(r.revenue),
    })),
  };
}

export async function getCustomer(db: TenantDb, _ctx: OrgCtx, raw: z.input<typeof CustomerIdSchema>) {
  const input = CustomerIdSchema.parse(raw);
  const c = await db.customer.findUnique({
    where: { id: input.customerId },
    include: {
      orders: {
        orderBy: { createdAt: 'desc' },
        take: 100,
        select: { id: true, number: true, status: true, channel: true, revenue: true, createdAt: true },
      },
    },
  });
  if (!c) throw new AppError('NOT_FOUND', 'Customer not found');
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    address: c.address,
    notes: c.notes,
    createdAt: c.createdAt,
    orders: c.orders.map((o) => ({ ...o, revenue: o.revenue.toString() })),
  };
}
