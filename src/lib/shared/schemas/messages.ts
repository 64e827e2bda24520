// Messages for people where a schema gives none (docs/rules/input-limits.md, Messages): zod's defaults
// ("Too big: expected string to have <=120 characters", "Invalid input: expected number, received
// string") never reach a form. Installed once for the browser and the server by primitives.ts.
import { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const n = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? v.toLocaleString('en-US') : String(v));

export function messageFor(iss: Issue): string | undefined {
  switch (iss.code) {
    case 'too_big':
      if (iss.origin === 'string') return `Use at most ${n(iss.maximum)} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `Choose at most ${n(iss.maximum)}`;
      return `Must be at most ${n(iss.maximum)}`;
    case 'too_small':
      if (iss.origin === 'string')
        return Number(iss.minimum) <= 1 ? 'Required' : `Use at least ${n(iss.minimum)} characters`;
      if (iss.origin === 'array' || iss.origin === 'set') return `Choose at least ${n(iss.minimum)}`;
      return `Must be at least ${n(iss.minimum)}`;
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return 'Required';
      if (iss.expected === 'number' || iss.expected === 'int') return 'Enter a number';
      if (iss.expected === 'date') return 'Enter a date';
      if (iss.expected === 'boolean') return 'Choose yes or no';
      return 'This value is not valid';
    case 'invalid_format':
      if (iss.format === 'email') return 'Enter a valid email address';
      if (iss.format === 'uuid' || iss.format === 'guid') return 'Choose one from the list';
      return 'This value is not valid';
    case 'invalid_value':
      return 'Choose one of the options';
    case 'not_multiple_of':
      return `Use a multiple of ${n(iss.divisor)}`;
    default:
      return undefined;
  }
}

z.config({ customError: messageFor });
