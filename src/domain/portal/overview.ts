import { z } from 'zod';

const count = z.number().int();

/** How many records are shared with the partner, counted over shared records only. */
export const PortalOverview = z
  .object({
    interactions: count,
    agreementsAwaitingYourSignature: count.describe(
      "Shared agreements waiting for the caller's own signature",
    ),
    issues: z
      .object({
        open: count,
        investigating: count,
        escalated: count,
        resolved: count,
        closed: count,
      })
      .describe('Shared issues by status'),
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof PortalOverview>;
