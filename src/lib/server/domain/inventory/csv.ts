// RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes.

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
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
  const cell = (v: string | number | null | undefined) => {
    const safe = neutraliseFormulas(v === null || v === undefined ? '' : String(v));
    return /[",;\t\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
