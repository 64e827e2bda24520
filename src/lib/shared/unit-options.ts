// The unit picker's options (docs/rules/units.md, Choosing a unit): each unit once (ml and "milliliter",
// both written ml, are one choice), grouped by type with the everyday types first, and the types a maker
// seldom needs (length, area) folded away unless asked for or already chosen.

export type UnitOption = { name: string; symbol: string | null; unitType: string };
export const FOLDED_TYPES = ['length', 'area'] as const;
const ORDER = ['weight', 'volume', 'count'];

export function unitGroups(
  units: UnitOption[],
  opts: { value?: string; only?: string[] | null; showFolded?: boolean } = {},
): { groups: [string, { name: string; label: string }[]][]; folded: number } {
  const byType = new Map<string, Map<string, UnitOption>>();
  let folded = 0;
  for (const u of units) {
    if (opts.only && !opts.only.includes(u.unitType)) continue;
    const isFolded = !opts.only && (FOLDED_TYPES as readonly string[]).includes(u.unitType);
    if (isFolded && !opts.showFolded && u.name !== opts.value) {
      folded++;
      continue;
    }
    const list = byType.get(u.unitType) ?? new Map<string, UnitOption>();
    const key = (u.symbol || u.name).toLowerCase();
    const kept = list.get(key);
    // The same unit under two names: keep the first, or the one already chosen.
    if (!kept || (u.name === opts.value && kept.name !== opts.value)) list.set(key, u);
    byType.set(u.unitType, list);
  }
  const rank = (t: string) => (ORDER.includes(t) ? ORDER.indexOf(t) : ORDER.length);
  const groups = [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, list]): [string, { name: string; label: string }[]] => [
      type,
      [...list.values()].map((u) => ({
        name: u.name,
        label: u.symbol && u.symbol !== u.name ? `${u.name} (${u.symbol})` : u.name,
      })),
    ]);
  return { groups, folded };
}
