// The unit picker (issue 8; docs/rules/units.md, Choosing a unit): each unit once, grouped, length and area folded.
import { describe, expect, it } from 'vitest';
import { unitGroups } from '../../src/lib/shared/unit-options.ts';
import { standardUnitDefs } from '../../src/lib/server/domain/units/rules.ts';

const units = standardUnitDefs().map((u) => ({ name: u.name, symbol: u.symbol ?? null, unitType: u.unitType }));
const names = (g: ReturnType<typeof unitGroups>) => g.groups.flatMap(([, l]) => l.map((u) => u.name));

describe('unit options', () => {
  it('shows ml once, everyday types first, and folds length and area away', () => {
    const g = unitGroups(units);
    expect(names(g).filter((n) => n === 'ml' || n === 'milliliter')).toEqual(['ml']);
    expect(g.groups.slice(0, 3).map(([t]) => t)).toEqual(['weight', 'volume', 'count']);
    expect(g.groups.map(([t]) => t)).not.toContain('area');
    expect(g.groups.map(([t]) => t)).not.toContain('length');
    expect(names(g)).not.toContain('acre');
    expect(g.folded).toBeGreaterThan(0);
    expect(g.groups[0]![1].find((u) => u.name === 'gram')?.label).toBe('gram (g)');
  });
  it('keeps the chosen unit, and shows everything when asked or when only some types are wanted', () => {
    expect(names(unitGroups(units, { value: 'milliliter' }))).toContain('milliliter');
    expect(names(unitGroups(units, { value: 'milliliter' }))).not.toContain('ml');
    expect(names(unitGroups(units, { value: 'inch' }))).toContain('inch');
    expect(names(unitGroups(units, { showFolded: true }))).toContain('acre');
    const lengths = unitGroups(units, { only: ['length'] });
    expect(lengths.groups.map(([t]) => t)).toEqual(['length']);
    expect(lengths.folded).toBe(0);
  });
});
