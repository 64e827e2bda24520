import { z } from 'zod';
import { EmailSchema, PageInputSchema, PasswordSchema, PersonNameSchema, UsernameSchema } from './orgs.ts';
import { Text } from './primitives.ts';

// Inputs of the developer console's organization and user administration (docs/rules/platform-console.md).
export const OrganizationNameSchema = Text().min(2, 'Organization name must be at least 2 characters').max(120);
const TierKey = Text().min(1, 'Choose a tier').max(60);
const Uuid = z.uuid();

export const CreateOrganizationInputSchema = z
  .object({
    name: OrganizationNameSchema,
    tierKey: TierKey,
    owner: z.object({
      username: UsernameSchema,
      email: EmailSchema,
      firstName: PersonNameSchema,
      lastName: PersonNameSchema,
      /** Empty: the owner gets an emailed link to set their own password. */
      password: PasswordSchema.optional(),
    }),
  })
  .strict();

export const UpdateOrganizationInputSchema = z.object({
  organizationId: Uuid,
  name: OrganizationNameSchema.optional(),
  isActive: z.boolean().optional(),
});

export const ChangeOrganizationTierInputSchema = z.object({
  organizationId: Uuid,
  tierKey: TierKey,
  reason: Text().max(500).optional(),
});

export const DeleteOrganizationInputSchema = z.object({
  organizationId: Uuid,
  /** The organization's name, typed by the developer. */
  confirmName: Text().min(1, "Type the organization's name to confirm").max(200),
});

export const OrganizationRefSchema = z.object({ organizationId: Uuid });
export const ArchiveRefSchema = z.object({ archiveId: Uuid });

export const AUDIT_TARGET_TYPES = [
  'organization',
  'user',
  'tier',
  'addon',
  'permission',
  'feature_flag',
  'app_setting',
  'job',
  'global_item',
] as const;

export const ListAuditInputSchema = PageInputSchema.extend({
  organizationId: Uuid.optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES).optional(),
  targetKey: Text().max(200).optional(),
});

// ---------------------------------------------------------------- users

export const USER_KINDS = ['customer', 'developer'] as const;

export const ListUsersInputSchema = PageInputSchema.extend({
  kind: z.enum(USER_KINDS).default('customer'),
});

export const UserRefSchema = z.object({ userId: Uuid });

export const UpdateUserInputSchema = z.object({
  userId: Uuid,
  firstName: PersonNameSchema.optional(),
  lastName: PersonNameSchema.optional(),
  email: EmailSchema.optional(),
  username: UsernameSchema.optional(),
  isActive: z.boolean().optional(),
});

export const ResetPasswordInputSchema = z.discriminatedUnion('mode', [
  z.object({ userId: Uuid, mode: z.literal('link') }),
  z.object({ userId: Uuid, mode: z.literal('temporary'), temporaryPassword: PasswordSchema }),
]);

export const HardDeleteUserInputSchema = z.object({
  userId: Uuid,
  /** The username, typed by the developer. */
  confirmUsername: Text().min(1, 'Type the username to confirm').max(100),
});

export const CreateDeveloperInputSchema = z.object({
  username: UsernameSchema,
  email: EmailSchema,
  firstName: PersonNameSchema,
  lastName: PersonNameSchema,
  password: PasswordSchema,
  roleName: Text().min(1, 'Choose a developer role').max(100),
});

export const SetDeveloperRoleInputSchema = z.object({ userId: Uuid, roleName: Text().min(1).max(100) });

export const PasswordLinkInputSchema = z.object({ token: Text().min(1).max(200) });
export const UsePasswordLinkInputSchema = z.object({ token: Text().min(1).max(200), password: PasswordSchema });

// ---------------------------------------------------------------- catalogue (tiers, add-ons, permissions)

const Limit = z.number().int('Enter a whole number').min(-1, 'Use -1 for unlimited').max(1_000_000);
const KeyText = Text()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9_]+$/, 'Use lower-case letters, digits and underscores');
const LookupKey = Text().max(120).nullable();

export const TierFieldsSchema = z.object({
  name: Text().min(2).max(80),
  description: Text().max(300),
  isCustomerFacing: z.boolean(),
  userLimit: Limit,
  maxRecipes: Limit,
  maxProducts: Limit,
  maxBatches: Limit,
  maxMonthlyBatches: Limit,
  maxBatchbotRequests: Limit,
  retentionPolicy: z.enum(['one_year', 'subscribed']),
  billingProvider: z.enum(['stripe', 'exempt']),
  stripeLookupKey: LookupKey,
  permissions: z.array(Text().max(100)).max(500),
  addons: z.array(z.object({ key: Text().max(60), included: z.boolean() })).max(100),
});

/** Only the fields given change; each changed field is recorded as edited (the seed leaves it alone). */
export const UpdateTierInputSchema = TierFieldsSchema.partial().extend({ tierKey: Text().min(1).max(60) });
export const CreateTierInputSchema = TierFieldsSchema.extend({ key: KeyText });
export const TierRefSchema = z.object({ tierKey: Text().min(1).max(60) });

export const UpdateAddonInputSchema = z.object({
  addonKey: Text().min(1).max(60),
  name: Text().min(2).max(80).optional(),
  description: Text().max(300).optional(),
  permissionName: Text().max(100).nullable().optional(),
  functionKey: Text().max(60).nullable().optional(),
  billingType: z.enum(['subscription', 'one_time']).optional(),
  stripeLookupKey: LookupKey.optional(),
  isActive: z.boolean().optional(),
});

export const SetPermissionActiveInputSchema = z.object({ name: Text().min(1).max(100), isActive: z.boolean() });
