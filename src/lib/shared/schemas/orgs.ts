import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../limits.ts';
import { isCurrencyCode } from '../money.ts';
import { isTimeZone } from '../timezone.ts';
import { Count, PageNumber, PageSize, Secret, Text } from './primitives.ts';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Enter a valid email address')
  .pipe(z.email({ message: 'Enter a valid email address' }));
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{3,40}$/, 'Username must be 3-40 letters, digits or underscores');
export const PasswordSchema = Secret()
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200);
export const PersonNameSchema = Text().min(1, 'Required').max(80);

export const OwnerInputSchema = z.object({
  email: EmailSchema,
  username: UsernameSchema.optional(),
  password: PasswordSchema,
  firstName: PersonNameSchema,
  lastName: PersonNameSchema,
});

export const SignUpInputSchema = z.object({
  organizationName: Text().min(2, 'Organization name must be at least 2 characters').max(120),
  tierKey: Text().min(1, 'Please select a subscription plan').max(60),
  owner: OwnerInputSchema,
});
export type SignUpInput = z.infer<typeof SignUpInputSchema>;

export const PageInputSchema = z.object({
  page: PageNumber().default(1),
  pageSize: PageSize(100).default(20),
  search: Text().max(100).optional(),
});

/** The organization's currency: an ISO 4217 code (EUR, GBP, USD …), stored upper-case. */
export const CurrencySchema = Text()
  .max(3, 'Enter a three-letter currency code such as USD or EUR')
  .refine(isCurrencyCode, 'Enter a three-letter currency code such as USD or EUR')
  .transform((s) => s.toUpperCase());

export const InventorySettingsSchema = z.object({
  inventoryCostMethod: z.enum(['fifo', 'average']).optional(),
  expiringSoonDays: Count(1, 'Expiring-soon window', 365, ' days').optional(),
  currency: CurrencySchema.optional(),
});

/** The signed-in person's own profile (Settings → Account): name, email and the time zone dates are shown in. */
export const ProfileInputSchema = z.object({
  firstName: PersonNameSchema,
  lastName: PersonNameSchema,
  email: EmailSchema,
  timezone: Text()
    .min(1, 'Choose a time zone')
    .max(64, 'Choose a time zone from the list')
    .refine(isTimeZone, 'Choose a time zone from the list, such as Europe/Paris or America/New_York'),
});
