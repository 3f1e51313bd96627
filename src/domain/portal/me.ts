import { z } from 'zod';
import { partnerRole } from '../roles';

/**
 * The portal's home: the signed-in partner user, their partner's name and the workspace's
 * name. The portal answers only fields listed in `src/domain/portal/`, never internal ones.
 */
export const PortalMe = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    role: partnerRole,
    partner: z.object({ id: z.uuid(), name: z.string() }),
    workspace: z.object({ id: z.uuid(), name: z.string() }),
  })
  .meta({ id: 'PortalMe' });
export type PortalMe = z.infer<typeof PortalMe>;
