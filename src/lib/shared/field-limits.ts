// What an input should carry from its shared schema (issue 8: inputs carry maxlength, min and step from the
// schemas): the length limit of a text, the bounds of a whole number, the step and floor of a decimal kind.
// Read from the zod schema itself, so the browser stops where the server would refuse.
import type { ZodType } from 'zod';
import { DECIMAL_KINDS, type DecimalKind, type DecimalSign } from './schemas/primitives.ts';

export type FieldLimits = { maxlength?: number; min?: number | string; max?: number | string; step?: number | string };

type Introspectable = {
  def?: { type?: string; innerType?: Introspectable; in?: Introspectable; out?: Introspectable };
  shape?: Record<string, Introspectable>;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  meta?: () => Record<string, unknown> | undefined;
};

/** Decimal schemas say their kind through this metadata (primitives.ts `decimal`). */
export type DecimalMeta = { decimalKind: DecimalKind; decimalSign: DecimalSign };

function unwrap(s: Introspectable | undefined): Introspectable | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    const meta = cur.meta?.();
    if (meta && 'decimalKind' in meta) return cur;
    const t = cur.def?.type;
    if (t === 'optional' || t === 'nullable' || t === 'default' || t === 'prefault' || t === 'readonly')
      cur = cur.def!.innerType;
    else if (t === 'pipe') cur = cur.def!.in?.def?.type === 'transform' ? cur.def!.out : cur.def!.in;
    else return cur;
  }
  return cur;
}

/** The limits of the field at `path` ("owner.email") of an object schema; {} when it has none. */
export function limitsOf(schema: ZodType, path: string): FieldLimits {
  let node: Introspectable | undefined = schema as unknown as Introspectable;
  for (const key of path.split('.')) node = unwrap(node)?.shape?.[key];
  const field = unwrap(node);
  if (!field) return {};
  const meta = field.meta?.() as Partial<DecimalMeta> | undefined;
  if (meta?.decimalKind) {
    const { precision, scale } = DECIMAL_KINDS[meta.decimalKind];
    return {
      // A decimal is typed as text (exact strings): its length is digits, a sign and a point.
      maxlength: precision + 2,
      step: scale > 0 ? `0.${'0'.repeat(scale - 1)}1` : 1,
      ...(meta.decimalSign && meta.decimalSign !== 'any' ? { min: 0 } : {}),
    };
  }
  const out: FieldLimits = {};
  if (typeof field.maxLength === 'number') out.maxlength = field.maxLength;
  if (field.def?.type === 'number') {
    if (typeof field.minValue === 'number' && Number.isSafeInteger(field.minValue)) out.min = field.minValue;
    if (typeof field.maxValue === 'number' && Number.isSafeInteger(field.maxValue)) out.max = field.maxValue;
    if (field.isInt) out.step = 1;
  }
  return out;
}
