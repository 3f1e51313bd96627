import { z } from 'zod';
import { Agreement, agreementType } from './agreements';
import { uuid } from './ids';
import { cursorParam, limitParam, multiParam } from './pagination';

/**
 * The renewals view (decision 059): agreements in force whose notice deadline or end date falls
 * within the next 30, 60 or 90 days on the workspace's day, soonest first, with the value at stake.
 */
export const renewalWindows = ['30', '60', '90'] as const;

export const RenewalListQuery = z
  .object({
    within: z
      .enum(renewalWindows)
      .default('30')
      .describe('Days ahead, from today on the workspace’s day: 30, 60 or 90'),
    partnerId: multiParam(uuid),
    ownerId: multiParam(uuid),
    type: multiParam(agreementType),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type RenewalListQuery = z.infer<typeof RenewalListQuery>;

export const renewalKeyDates = ['notice_deadline', 'end_date'] as const;

export const RenewalItem = Agreement.extend({
  noticeDeadline: z
    .string()
    .nullable()
    .describe('End date − notice period, YYYY-MM-DD; null without a notice period'),
  nextKeyDate: z.enum(renewalKeyDates).describe('The key date that comes next'),
  nextKeyOn: z.string().describe('That date, YYYY-MM-DD'),
  daysLeft: z.number().int().min(0).describe('Days from today to that date'),
}).meta({ id: 'RenewalItem' });
export type RenewalItem = z.infer<typeof RenewalItem>;

export const RenewalTotal = z
  .object({
    currency: z.string().describe('ISO 4217 code'),
    value: z.number().int().describe('The sum in minor units of `currency`'),
    agreements: z.number().int(),
  })
  .meta({ id: 'RenewalTotal' });

export const RenewalPage = z
  .object({
    items: z.array(RenewalItem),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `?cursor=` for the next page; null at the end'),
    today: z.string().describe('The workspace’s date the window starts on, YYYY-MM-DD'),
    until: z.string().describe('The last day of the window, YYYY-MM-DD'),
    agreements: z.number().int().describe('How many agreements the whole window holds'),
    totals: z
      .array(RenewalTotal)
      .describe(
        'The value at stake over the whole window, one sum per currency (no exchange rates are kept); agreements without a value are counted in `agreements` only',
      ),
  })
  .meta({ id: 'RenewalPage' });
export type RenewalPage = z.infer<typeof RenewalPage>;
