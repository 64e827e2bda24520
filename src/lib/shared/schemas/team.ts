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
export const AcceptInviteInputSchema = z.object({
  token: Text().min(10).max(100),
  firstName: PersonNameSchema,
  lastName: PersonNameSchema,
  username: UsernameSchema,
  password: PasswordSchema,
});
export const InviteTokenInputSchema = z.object({ token: Text().min(10).max(100) });
export const UserIdInputSchema = z.object({ userId: z.uuid() });
export const SetUserActiveInputSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const SetUserRoleInputSchema = z.object({ userId: z.uuid(), roleId: z.uuid() });
export const InviteIdInputSchema = z.object({ inviteId: z.uuid() });
