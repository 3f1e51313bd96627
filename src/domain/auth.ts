import { z } from 'zod';
import { messages } from './messages';
import { memberRole, partnerRole } from './roles';
import { singleLineText } from './text';

/** Emails are compared lower-cased and trimmed everywhere. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: messages.email }).max(254))
  // The document states what the pipe checks (its input alone would say only `string`).
  .meta({ format: 'email', maxLength: 254 });

/** argon2id takes any length; the cap keeps a huge body from costing much. */
export const newPassword = z
  .string()
  .min(10, messages.minLength(10))
  .max(256, messages.maxLength(256));

export const personName = singleLineText({ min: 1, max: 200 });

export const signInBody = z
  .object({ email, password: z.string().min(1, messages.required).max(256) })
  .strict();

export const sessionInfo = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    kind: z.enum(['member', 'partner']),
    role: z.union([memberRole, partnerRole]),
    workspace: z.object({ id: z.string(), name: z.string() }),
    partnerId: z.string().nullable(),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof sessionInfo>;

export const passwordResetRequestBody = z.object({ email }).strict();

export const passwordResetConfirmBody = z
  .object({ token: z.string().min(1).max(200), password: newPassword })
  .strict();

export const acceptInvitationBody = z
  .object({ token: z.string().min(1).max(200), name: personName, password: newPassword })
  .strict();

/** Changing one's own password: the current one proves it is the owner at the keyboard. */
export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1, messages.required).max(256),
    newPassword,
  })
  .strict()
  .refine((body) => body.currentPassword !== body.newPassword, {
    message: messages.samePassword,
    path: ['newPassword'],
  });
export type ChangePassword = z.infer<typeof changePasswordBody>;
