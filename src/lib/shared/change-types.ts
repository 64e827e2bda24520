// The change types of docs/rules/inventory.md (Change types) and how the ledger routes each one.
export const LOT_CREATING = ['restock', 'initial_stock', 'manual_addition', 'finished_batch'] as const;
export const LOT_CREDITING = ['returned', 'refunded', 'release_reservation'] as const;
/** docs/rules/inventory.md (Expired lots): consumption never takes expired lots of a perishable item. */
export const CONSUMPTION = ['use', 'sale', 'sample', 'tester', 'gift', 'batch', 'reserved'] as const;
/** Disposal may take expired lots. */
export const DISPOSAL = ['spoil', 'trash', 'expired', 'damaged', 'quality_fail'] as const;
export const SPECIAL = ['recount', 'cost_override'] as const;

export const CHANGE_TYPES = [...LOT_CREATING, ...LOT_CREDITING, ...CONSUMPTION, ...DISPOSAL, ...SPECIAL] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export type ChangeGroup = 'create' | 'credit' | 'consume' | 'dispose' | 'recount' | 'cost_override';

export function groupOf(t: ChangeType): ChangeGroup {
  if ((LOT_CREATING as readonly string[]).includes(t)) return 'create';
  if ((LOT_CREDITING as readonly string[]).includes(t)) return 'credit';
  if ((CONSUMPTION as readonly string[]).includes(t)) return 'consume';
  if ((DISPOSAL as readonly string[]).includes(t)) return 'dispose';
  return t === 'recount' ? 'recount' : 'cost_override';
}

/** Event code prefixes (docs/rules/inventory.md, Event codes). */
const PREFIX: Record<string, string> = {
  recount: 'RCN',
  sale: 'SLD',
  use: 'USE',
  spoil: 'SPL',
  trash: 'TRS',
  expired: 'EXP',
  damaged: 'DMG',
  quality_fail: 'QFL',
  batch: 'BCH',
  sample: 'SMP',
  tester: 'TST',
  gift: 'GFT',
  returned: 'RTN',
  refunded: 'REF',
  cost_override: 'CST',
  reversal: 'REV',
};

export function prefixFor(changeType: string): string {
  return PREFIX[changeType] ?? 'EVT';
}

const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
function randomB36(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => B36[b % 36]).join('');
}

/** PREFIX-XXXXXXXX: 4 base36 characters of the time in ms, 2 of the item id, 2 random (upper case). */
export function eventCode(prefix: string, itemId: string, now: Date): string {
  const ts = now.getTime().toString(36).slice(-4).padStart(4, '0');
  const item = itemId
    .replace(/[^a-z0-9]/gi, '')
    .slice(-2)
    .padStart(2, '0');
  return `${prefix}-${ts}${item}${randomB36(2)}`.toUpperCase();
}

/** Lot codes are unique per organization; 6 random characters make a clash vanishingly rare (and the DB refuses one). */
export function lotCode(now: Date): string {
  return `LOT-${now.getTime().toString(36).slice(-4)}${randomB36(4)}`.toUpperCase();
}
