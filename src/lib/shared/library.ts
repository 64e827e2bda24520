// Shared by the library's pages and its server code (docs/rules/library.md).

/** "Sweet Almond Oil" → "sweet-almond-oil": lower case ASCII letters, digits and single hyphens. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, '-pct')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

export const GLOBAL_ITEM_TYPES = ['ingredient', 'container', 'consumable', 'packaging'] as const;
export type GlobalItemType = (typeof GLOBAL_ITEM_TYPES)[number];

/** One word without its plural ending: "jars" → "jar", "berries" → "berry", "glasses" → "glass". */
function singular(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** A name for matching: lower case, words only, plurals dropped ("Shea Butters" and "shea butter" match). */
export function normalizeItemName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9%]+/)
    .filter(Boolean)
    .map(singular)
    .join(' ');
}

/** A return address after sign-up or sign-in: only a path on this site ("/library/x?save=1"), else null. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // A browser drops tabs and newlines from a URL and reads a backslash as a slash: "/\t/evil.example" would
  // become "//evil.example", another site. Such a path is refused whole.
  if ([...next].some((c) => c < ' ' || c === '\u007f' || c === '\\')) return null;
  return next.length <= 500 ? next : null;
}
