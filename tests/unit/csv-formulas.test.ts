// CSV exports neutralise formulas (docs/rules/web.md): at the start of a cell, and after a `;`, `,` or
// tab inside it for spreadsheets that split on those. Numbers, negative ones included, stay numbers.
import { describe, expect, it } from 'vitest';
import { neutraliseFormulas, parseCsv, toCsv } from '../../src/lib/server/domain/inventory/csv.ts';

describe('neutraliseFormulas', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "\t'=1"],
    ['  =1', "'  =1"],
    ['Olive oil;=HYPERLINK("http://x")', `Olive oil;'=HYPERLINK("http://x")`],
    ['a,+cmd', "a,'+cmd"],
    ['a\t@x', "a\t'@x"],
    ['a, =1', "a,' =1"],
    ['-1.5', '-1.5'],
    ['+3', '+3'],
    ['1,-2', '1,-2'],
    ['Olive oil', 'Olive oil'],
    ['email@example.com', 'email@example.com'],
    ['', ''],
  ])('%j → %j', (cell, expected) => {
    expect(neutraliseFormulas(cell)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('neutralises and quotes, and reads back as the neutralised text', () => {
    const csv = toCsv([
      ['name', 'delta'],
      ['=cmd|"/C calc"!A0', -1.5],
      ['Shea;=1+1', '-2'],
    ]);
    expect(csv).toBe(`name,delta\r\n"'=cmd|""/C calc""!A0",-1.5\r\n"Shea;'=1+1",-2\r\n`);
    expect(parseCsv(csv)).toEqual([
      ['name', 'delta'],
      [`'=cmd|"/C calc"!A0`, '-1.5'],
      ["Shea;'=1+1", '-2'],
    ]);
  });
});
