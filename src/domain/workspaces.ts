import { z } from 'zod';
import { email, newPassword, personName } from './auth';
import { ContactCadence } from './cadence';
import { HealthWeights } from './health-score';
import { ResponseDays } from './issues';
import { messages } from './messages';
import { singleLineText } from './text';

export const workspaceName = singleLineText({ min: 1, max: 200 });

const tier = singleLineText({ min: 1, max: 50 });

export const workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    tiers: z.array(z.string()),
    issueResponseDays: ResponseDays,
    contactCadenceDays: ContactCadence,
    healthWeights: HealthWeights,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Workspace' });

export const updateWorkspaceBody = z
  .object({
    name: workspaceName.optional(),
    /** The partner tiers, highest first. */
    tiers: z
      .array(tier)
      .min(1)
      .max(20)
      .refine((t) => new Set(t).size === t.length, messages.noRepeatedTier)
      .optional(),
    issueResponseDays: ResponseDays.optional(),
    /** Days between touches per tier; tiers must be the workspace's (after `tiers`, if sent). */
    contactCadenceDays: ContactCadence.optional(),
    /** Relative weights of the health score's components; the next snapshot uses them. */
    healthWeights: HealthWeights.optional(),
  })
  .strict();

export const newWorkspaceInput = z.object({
  name: workspaceName,
  adminName: personName,
  adminEmail: email,
  adminPassword: newPassword,
});
