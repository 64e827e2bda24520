import { z } from 'zod';
import { EmailSchema, PageInputSchema, PasswordSchema, PersonNameSchema, UsernameSchema } from './orgs.ts';
import { Text } from './primitives.ts';

export const MEMBER_SORTS = ['name', 'email', 'createdAt', 'lastLoginAt'] as const;
export const MEMBER_STATUSES = ['all', 'active', 'inactive', 'deleted'] as const;

export const ListMembersInputSchema = PageInputSchema.extend({
  sort: z.enum(MEMBER_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  status: z.enum(MEMBER_STATUSES).default('all'),
});
export const InviteUserInputSchema = z.object({ email: EmailSchema, roleId: z.uuid('Choose a role') });
/** A phone number as people type it: digits with spaces, +, -, dots and brackets; 7 to 20 digits. */
export const PhoneSchema = Text()
  .max(40)
  .refine((v) => /^\+?[0-9 ().-]+$/.test(v), 'Enter a phone number: digits, spaces and + - ( )')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 20;
  }, 'A phone number has 7 to 20 digits');
export const AcceptInviteInputSchema = z.object({
  token: Text().min(10).max(100),
  firstName: PersonNameSchema,
  lastName: PersonNameSchema,
  username: UsernameSchema,
  password: PasswordSchema,
  /** Optional; stored on the new user (an empty field is no phone). */
  phone: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), PhoneSchema.optional()),
});
export const InviteTokenInputSchema = z.object({ token: Text().min(10).max(100) });
export const UserIdInputSchema = z.object({ userId: z.uuid() });
export const SetUserActiveInputSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const SetUserRoleInputSchema = z.object({ userId: z.uuid(), roleId: z.uuid() });
export const InviteIdInputSchema = z.object({ inviteId: z.uuid() });
