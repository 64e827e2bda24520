// The kinds of unit there are, in the order pages list them.
export const UNIT_TYPES = ['weight', 'volume', 'length', 'area', 'count', 'time'] as const;
export type UnitTypeName = (typeof UNIT_TYPES)[number];
