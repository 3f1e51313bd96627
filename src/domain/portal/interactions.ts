import { z } from 'zod';
import { interactionKind } from '../interactions';
import { cursorParam, limitParam, pageOf } from '../pagination';

/**
 * An interaction as a partner user sees it: what happened and who took part, by name. Never the
 * sentiment, internal ids, people's emails or anything added to interactions later (decision 036).
 */
export const PortalInteraction = z
  .object({
    id: z.uuid(),
    kind: interactionKind,
    occurredAt: z.iso.datetime(),
    timeZone: z.string().describe('The IANA zone the time was entered in'),
    durationMinutes: z.number().int().nullable(),
    summary: z.string().describe('Markdown; render it without raw HTML'),
    outcome: z.string().nullable(),
    nextSteps: z.array(z.string()),
    participants: z
      .array(
        z.object({
          name: z.string(),
          side: z.enum(['workspace', 'partner']).describe('Our people, or the partner’s'),
        }),
      )
      .describe('Who took part, by name only'),
  })
  .meta({ id: 'PortalInteraction' });
export type PortalInteraction = z.infer<typeof PortalInteraction>;

export const PortalInteractionPage = pageOf(PortalInteraction).meta({
  id: 'PortalInteractionPage',
});
export type PortalInteractionPage = z.infer<typeof PortalInteractionPage>;

/** Newest first, in keyset pages. */
export const PortalInteractionListQuery = z
  .object({ limit: limitParam, cursor: cursorParam })
  .strict();
export type PortalInteractionListQuery = z.infer<typeof PortalInteractionListQuery>;
