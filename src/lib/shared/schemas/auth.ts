// Sign-in and password inputs, checked by the forms before they are sent and by the domain.
import { z } from 'zod';
import { PasswordSchema } from './orgs.ts';

export const ChangePasswordInputSchema = z.object({ currentPassword: z.string().min(1), newPassword: PasswordSchema });

export const SignInInputSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your email or username').max(200),
  password: z.string().min(1, 'Enter your password').max(200),
});
