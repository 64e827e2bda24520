import { z } from 'zod';
import { ALL_CUSTOMER_PERMISSIONS, OWNER_ROLE } from '../permission-catalogue.ts';
import { MultilineText, Text } from './primitives.ts';

const PermissionNameSchema = z.enum(ALL_CUSTOMER_PERMISSIONS as [string, ...string[]], {
  message: 'Unknown permission',
});

export const RoleInputSchema = z.object({
  name: Text()
    .min(2, 'Role name must be at least 2 characters')
    .max(60)
    .refine((n) => n.toLowerCase() !== OWNER_ROLE, 'That name is reserved'),
  description: MultilineText().max(200).default(''),
  permissions: z.array(PermissionNameSchema).min(1, 'Pick at least one permission').max(200),
});
export const UpdateRoleInputSchema = RoleInputSchema.extend({ roleId: z.uuid() });
export const RoleIdInputSchema = z.object({ roleId: z.uuid() });
