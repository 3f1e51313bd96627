import { z } from 'zod';
import { email, newPassword, personName } from './auth';
import { ContactCadence } from './cadence';
import { HealthWeights } from './health-score';
import { ResponseDays } from './issues';
import { messages } from './messages';
import { FiscalSettings } from './periods';
import { RenewalReminderDays } from './renewal-reminders';
import { singleLineText } from './text';

export const workspaceName = singleLineText({ min: 1, max: 200 });

const tier = singleLineText({ min: 1, max: 50 });

export const currentPeriod = z
  .object({
    year: z.string().describe('The fiscal year today is in, such as `FY2027`'),
    quarter: z.string().describe('The fiscal quarter today is in, such as `FY2027-Q2`'),
  })
  .describe(
    "The fiscal year and quarter of today's date in the workspace's time zone, by its " +
      'fiscal-year start month (a year is named by the calendar year it ends in); computed when read',
  );

export const workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    tiers: z.array(z.string()),
    issueResponseDays: ResponseDays,
    contactCadenceDays: ContactCadence,
    healthWeights: HealthWeights,
    fiscalYearStartMonth: FiscalSettings.shape.fiscalYearStartMonth,
    timeZone: FiscalSettings.shape.timeZone,
    renewalReminderDays: RenewalReminderDays,
    currentPeriod,
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
    /** Moves every period's days: FY2027-Q1 stays the first quarter but covers other months. */
    fiscalYearStartMonth: FiscalSettings.shape.fiscalYearStartMonth.optional(),
    timeZone: FiscalSettings.shape.timeZone.optional(),
    /** Lead times of the renewal reminders; the next sweep uses them (decision 059). */
    renewalReminderDays: RenewalReminderDays.optional(),
  })
  .strict();

export const newWorkspaceInput = z.object({
  name: workspaceName,
  adminName: personName,
  adminEmail: email,
  adminPassword: newPassword,
});
