// Pure rules of orders (docs/rules/orders.md): the status machine, line revenue and the shares a
// partial return reverses. No database here.
import { Prisma } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { OrderStatus } from '../../../shared/schemas/orders.ts';
import { roundValue } from '../inventory/rules.ts';

type D = Prisma.Decimal;
const D = (v: string | number | D) => new Prisma.Decimal(v);

export type Transition = 'reserve' | 'release' | 'cancel' | 'fulfil' | 'return' | 'expire' | 'attention';

/** Which statuses each transition leaves from (docs/rules/orders.md, Status machine). */
const FROM: Record<Transition, readonly OrderStatus[]> = {
  reserve: ['draft', 'needs_attention'],
  release: ['reserved'],
  expire: ['reserved'],
  cancel: ['draft', 'needs_attention', 'reserved'],
  fulfil: ['reserved'],
  return: ['fulfilled', 'partially_returned'],
  attention: ['draft', 'needs_attention'],
};

const VERB: Record<Transition, string> = {
  reserve: 'reserved',
  release: 'released',
  expire: 'expired',
  cancel: 'cancelled',
  fulfil: 'fulfilled',
  return: 'returned',
  attention: 'parked',
};

export function canTransition(status: string, t: Transition): boolean {
  return (FROM[t] as readonly string[]).includes(status);
}

/** Refuses a transition the order's status does not allow, in words: "Order ORD-1 is fulfilled; it cannot be reserved". */
export function assertTransition(order: { number: string; status: string }, t: Transition) {
  if (!canTransition(order.status, t)) {
    throw new AppError(
      'INVALID_STATE',
      `Order ${order.number} is ${order.status.replace('_', ' ')}; it cannot be ${VERB[t]}.`,
      { status: order.status },
    );
  }
}

/** Money is kept to 6 places like lot values; revenue is rounded to cents, half up, once per line. */
export const roundMoney = (v: D): D => v.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);

/** A line's revenue: price x quantity - discount, to the cent, never below zero. */
export function lineRevenue(quantity: D, unitPrice: D, discount: D): D {
  const r = roundMoney(quantity.times(unitPrice).minus(discount));
  return r.isNegative() ? D(0) : r;
}

/**
 * The part of an amount that `part` of `whole` carries back: exact when the rest comes back (the
 * remainder, so the shares add up to the amount), else proportional, rounded to `places`.
 */
export function shareOf(amount: D, already: D, whole: D, alreadyQty: D, part: D, places = 6): D {
  if (alreadyQty.plus(part).gte(whole)) return amount.minus(already);
  const s = amount.times(part).div(whole);
  return places === 2 ? roundMoney(s) : roundValue(s);
}

/** The status after a return: returned once every line is back in full. */
export function statusAfterReturn(lines: { quantity: D; returnedQuantity: D }[]): OrderStatus {
  return lines.every((l) => l.returnedQuantity.gte(l.quantity)) ? 'returned' : 'partially_returned';
}
