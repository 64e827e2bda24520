// CSV through kept libraries (csv-parse, csv-stringify): RFC 4180 quoting, doubled quotes, commas and
// newlines inside quotes, a byte-order mark dropped. What is ours is the formula neutralising below.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Rows of cells; blank lines are skipped and rows may differ in length (the importer says what is wrong). */
export function parseCsv(text: string): string[][] {
  const rows = parse(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  }) as string[][];
  return rows;
}

const FORMULA_START = /^[\s]*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Neutralises spreadsheet formulas in one cell (docs/rules/web.md, CSV exports): a cell that starts with
 * =, +, -, @, tab or carriage return is run as a formula by spreadsheets, so it gets a leading apostrophe.
 * The same holds after a `;`, `,` or tab inside the cell, for spreadsheets that split on those (a
 * semicolon locale reads "a;=HYPERLINK(…)" as two cells). Plain numbers such as -1.5 stay numbers.
 */
export function neutraliseFormulas(text: string): string {
  return text
    .split(/([;,\t])/)
    .map((part, i) => (i % 2 === 0 && FORMULA_START.test(part) && !PLAIN_NUMBER.test(part.trim()) ? `'${part}` : part))
    .join('');
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  const safe = rows.map((r) => r.map((v) => neutraliseFormulas(v === null || v === undefined ? '' : String(v))));
  // Cells holding a line break, a `;` or a tab are quoted too (the last two for spreadsheets that split on them).
  return stringify(safe, { record_delimiter: '\r\n', quoted_match: /[;\t\r\n]/ });
}
