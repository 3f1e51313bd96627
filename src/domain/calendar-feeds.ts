import { z } from 'zod';

/** Whether the caller has a calendar feed; its URL is shown only when it is made. */
export const calendarFeedStatus = z
  .object({ active: z.boolean(), createdAt: z.string().nullable() })
  .meta({ id: 'CalendarFeedStatus' });
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatus>;

export const createdCalendarFeed = z
  .object({
    url: z.string().describe('The secret feed URL; shown this once, never again'),
    createdAt: z.string(),
  })
  .meta({ id: 'CreatedCalendarFeed' });
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeed>;

/** A feed token as its URL carries it: `<workspace hint>_<256 random bits>`. */
export const calendarFeedParams = z.object({
  token: z.string().regex(/^[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/, 'Not a calendar feed token'),
});
