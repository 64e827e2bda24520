// Sign-in and password inputs, checked by the forms before they are sent and by the domain.
import { z } from 'zod';
import { PasswordSchema } from './orgs.ts';
import { Secret, Text } from './primitives.ts';

export const ChangePasswordInputSchema = z.object({
  currentPassword: Secret().min(1, 'Enter your current password').max(200),
  newPassword: PasswordSchema,
});

export const SignInInputSchema = z.object({
  identifier: Text().min(1, 'Enter your email or username').max(200),
  password: Secret().min(1, 'Enter your password').max(200),
});
