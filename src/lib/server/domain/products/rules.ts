/**
 * Pure product rules (docs/rules/products.md): SKU display names from category templates, size labels for
 * bulk, container and portion SKUs, and SKU codes. No database access.
 */
import { randomInt } from 'node:crypto';
import { Prisma } from '../../db/client.ts';
import { unitLabel } from '../units/standard-units.ts';

export const DEFAULT_SKU_TEMPLATE = '{variant} {product} ({size_label})';
export const SKU_TEMPLATE_PLACEHOLDERS = [
  'product',
  'variant',
  'container',
  'size_label',
  'yield_value',
  'yield_unit',
  'portion_name',
  'portion_count',
  'portion_size_value',
  'portion_size_unit',
] as const;
export type SkuTemplateKey = (typeof SKU_TEMPLATE_PLACEHOLDERS)[number];
export type SkuTemplateValues = Partial<Record<SkuTemplateKey, string | number | Prisma.Decimal | null | undefined>>;

const KNOWN = new Set<string>(SKU_TEMPLATE_PLACEHOLDERS);
export const SIZE_LABEL_MAX = 64;

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Renders a category's SKU name template. Known placeholders with no value render empty; then empty
 * "()" groups disappear, spaces inside parentheses are trimmed and whitespace collapsed. Unknown
 * placeholders stay as written, so a typo in a template is visible rather than silently dropped.
 */
export function renderSkuName(template: string | null | undefined, values: SkuTemplateValues): string {
  const t = template && template.trim() ? template : DEFAULT_SKU_TEMPLATE;
  let out = t.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    if (!KNOWN.has(key)) return whole;
    const v = values[key as SkuTemplateKey];
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v : formatSize(v);
  });
  out = out.replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  // Repeat: removing "( )" may leave another empty pair, e.g. "(())".
  let prev: string;
  do {
    prev = out;
    out = out.replace(/\(\s*\)/g, '');
  } while (out !== prev);
  return collapseSpaces(out);
}

const BULK_LABELS: Record<string, string> = {
  weight: 'Bulk Weight',
  volume: 'Bulk Volume',
  length: 'Bulk Length',
  area: 'Bulk Area',
  count: 'Bulk Count',
  time: 'Bulk Time',
};

/** "Bulk Weight", "Bulk Volume", ... by unit type; "Bulk" for anything else. */
export function bulkLabelFor(unitType: string | null | undefined): string {
  return BULK_LABELS[String(unitType ?? '').toLowerCase()] ?? 'Bulk';
}

/** A size without trailing zeros and at most 2 decimals (half up): 1000 → "1000", 2.50 → "2.5", 0.125 → "0.13". */
export function formatSize(v: string | number | Prisma.Decimal): string {
  const d = new Prisma.Decimal(v).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
  return d.toFixed();
}

/** "1000 gram Bar": the size of one portion, its unit, and the portion's name. */
export function portionLabel(
  size: string | number | Prisma.Decimal,
  unit: string,
  portionName?: string | null,
): string {
  return clip(collapseSpaces(`${formatSize(size)} ${unitLabel(unit)} ${portionName ?? ''}`));
}

/**
 * "8 oz Amber Glass Jar": capacity, unit and the container's name. Container item names already end in
 * " - <capacity> <unit>" (inventory containerName), which is dropped here so the size is not said twice.
 */
export function containerLabel(
  capacity: string | number | Prisma.Decimal | null | undefined,
  capacityUnit: string | null | undefined,
  containerName: string,
): string {
  let name = collapseSpaces(containerName);
  if (capacity === null || capacity === undefined || capacity === '') return clip(name || 'Container');
  const cap = formatSize(capacity);
  const raw = collapseSpaces(capacityUnit ?? '');
  const unit = unitLabel(raw);
  // Names written before units were labelled end in "- 4 floz"; both spellings are the size said twice.
  for (const u of new Set([raw, unit])) {
    const suffix = new RegExp(`\\s*-\\s*${escapeRe(new Prisma.Decimal(capacity).toString())}\\s*${escapeRe(u)}$`, 'i');
    name = name.replace(suffix, '');
  }
  return clip(collapseSpaces(`${cap} ${unit} ${name || 'Container'}`));
}

/** The portion name inside a portion label ("1000 gram Bar" → "Bar"), for re-rendering display names. */
export function portionNameFromLabel(label: string, size: string | number | Prisma.Decimal, unit: string): string {
  const prefix = `${formatSize(size)} ${unitLabel(unit)}`;
  const legacy = `${formatSize(size)} ${unit}`;
  if (label.startsWith(prefix)) return label.slice(prefix.length).trim();
  return label.startsWith(legacy) ? label.slice(legacy.length).trim() : '';
}

/** The container name inside a container label ("8 oz Jar" → "Jar"). */
export function containerNameFromLabel(
  label: string,
  capacity: string | number | Prisma.Decimal | null | undefined,
  unit: string | null | undefined,
): string {
  if (capacity === null || capacity === undefined) return label;
  const prefix = collapseSpaces(`${formatSize(capacity)} ${unitLabel(unit ?? '')}`);
  const legacy = collapseSpaces(`${formatSize(capacity)} ${unit ?? ''}`);
  if (label.startsWith(prefix)) return label.slice(prefix.length).trim();
  return label.startsWith(legacy) ? label.slice(legacy.length).trim() : label;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * "LAV-BAS-100-K3Z9QX": the first 3 letters/digits of the product, variant and size slugs, then 6 random
 * base-36 characters, uppercased. Callers retry on a clash with an existing code.
 */
export function skuCode(
  product: string,
  variant: string,
  size: string,
  random: (n: number) => number = randomInt,
): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 3);
  const parts = [product, variant, size].map(slug).filter(Boolean);
  let tail = '';
  for (let i = 0; i < 6; i++) tail += BASE36[random(36)];
  return [...parts, tail].join('-').toUpperCase();
}

/** Stock status shown on SKUs: "Out of Stock" at 0 (or below), "Low Stock" at or under a positive threshold. */
export function stockStatus(
  quantity: Prisma.Decimal,
  threshold: Prisma.Decimal | null | undefined,
): 'Out of Stock' | 'Low Stock' | 'In Stock' {
  if (quantity.lte(0)) return 'Out of Stock';
  if (threshold && threshold.gt(0) && quantity.lte(threshold)) return 'Low Stock';
  return 'In Stock';
}

function clip(s: string): string {
  return s.length > SIZE_LABEL_MAX ? s.slice(0, SIZE_LABEL_MAX).trim() : s;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
