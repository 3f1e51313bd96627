import { z } from 'zod';

/** The kinds of actor an audit event names. */
export const actorKinds = ['member', 'api_key', 'partner_user', 'system'] as const;
export const actorKind = z.enum(actorKinds);
export type ActorKind = z.infer<typeof actorKind>;

/** Who made a change, as history shows it. */
export const Actor = z
  .object({
    kind: actorKind.describe(
      '`member` (a person of the workspace), `api_key`, `partner_user`, or `system` (demo data, the command line, a job)',
    ),
    id: z
      .uuid()
      .nullable()
      .describe('The user id of a member or partner user, the API key id; null for `system`'),
    name: z
      .string()
      .describe(
        'The name at the time of the change: the person, the API key, or "Demo data", "Command line", "Job: …"',
      ),
  })
  .meta({ id: 'Actor' });
export type Actor = z.infer<typeof Actor>;
