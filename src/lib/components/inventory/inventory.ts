/** Client-side helpers shared by the inventory pages. */
import { TRPCClientError } from '@trpc/client';
import { userTimeZone } from '$lib/client/format';
import type { trpc } from '$lib/trpc';
import { CONSUMPTION, DISPOSAL, LOT_CREATING as LOT_CREATING_TYPES, LOT_CREDITING } from '$lib/shared/change-types';

export type { UnitsList } from '$lib/trpc';
export type ItemDetail = Awaited<ReturnType<typeof trpc.inventory.get.query>>;

// The change types a person books by hand, grouped as the ledger routes them (src/lib/shared/change-types.ts);
// the rest (opening stock, batches, reservations) the app books itself.
const BOOKED_BY_THE_APP = new Set<string>([
  'initial_stock',
  'finished_batch',
  'release_reservation',
  'batch',
  'reserved',
]);
const byHand = (types: readonly string[]) => types.filter((t) => !BOOKED_BY_THE_APP.has(t));
const NAMES: Record<string, string> = { spoil: 'Spoiled' };
const options = (types: readonly string[]) => byHand(types).map((t) => ({ value: t, label: NAMES[t] ?? label(t) }));

export const CHANGE_GROUPS: { label: string; types: { value: string; label: string }[] }[] = [
  { label: 'Add stock', types: options([...LOT_CREATING_TYPES, ...LOT_CREDITING]) },
  { label: 'Use', types: options(CONSUMPTION) },
  { label: 'Dispose', types: options(DISPOSAL) },
];
/** Types that open a new lot, so a cost, an expiry and a supplier make sense. */
export const LOT_CREATING = new Set(byHand(LOT_CREATING_TYPES));

export function label(s: string): string {
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Quantities come as exact decimal strings; show at most 3 decimals without rounding on the server. */
export function qty(v: string | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return n.toLocaleString(undefined, { maximumFractionDigits: 3 });
}

/** A unit the way people write it: squashed keys get their symbol (floz → fl oz), as generated names do. */
const UNIT_TEXT: Record<string, string> = { floz: 'fl oz', cubicinch: 'in³', cubicfoot: 'ft³', cubicyard: 'yd³' };
export function unitText(unit: string | null | undefined): string {
  return unit ? (UNIT_TEXT[unit] ?? unit) : '';
}

export function fmtDay(d: Date | string | null | undefined): string {
  if (!d) return '—';
  const date = d instanceof Date ? d : new Date(d);
  return date.toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: userTimeZone(),
  });
}

/** The typed conversion code a failed movement carries (e.g. MISSING_DENSITY), if any. */
export function conversionError(e: unknown): string | null {
  if (!(e instanceof TRPCClientError)) return null;
  const details = (e.data as { details?: { conversionError?: string } | null } | undefined)?.details;
  return details?.conversionError ?? null;
}

/** A date input's value (yyyy-mm-dd) as an end-of-day local Date, or undefined. */
export function dateInput(v: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(`${v}T23:59:59`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** What the diameter fields hold while being edited: a jar's opening, or the jar range a wick suits. */
export type DiameterDraft = { diameter: string; wickMin: string; wickMax: string; unit: string };

export function diameterDraft(item?: {
  diameter: string | null;
  wickMinDiameter: string | null;
  wickMaxDiameter: string | null;
  diameterUnit: string | null;
}): DiameterDraft {
  return {
    diameter: item?.diameter ?? '',
    wickMin: item?.wickMinDiameter ?? '',
    wickMax: item?.wickMaxDiameter ?? '',
    unit: item?.diameterUnit ?? 'inch',
  };
}

/**
 * The diameter inputs of an item type: a container's diameter, a consumable's wick range, with their
 * unit when any is given. `empty` is what a blank field sends: null clears it (edit), undefined omits it.
 */
export function diameterInput(itemType: string, d: DiameterDraft, empty: null | undefined) {
  const v = (s: string) => s.trim() || empty;
  const fields =
    itemType === 'container'
      ? { diameter: v(d.diameter) }
      : itemType === 'consumable'
        ? { wickMinDiameter: v(d.wickMin), wickMaxDiameter: v(d.wickMax) }
        : null;
  if (!fields) return {};
  return { ...fields, diameterUnit: Object.values(fields).some(Boolean) ? d.unit : empty };
}
