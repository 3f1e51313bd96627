import { z } from 'zod';
import { email, newPassword, personName } from './auth';
import { workspaceName } from './workspaces';

export const setupStatus = z.object({ needed: z.boolean() }).meta({ id: 'SetupStatus' });

/** The first-run form. Kept as one object so options (demo data) can be added beside. */
export const setupFields = {
  token: z.string().min(1).max(200),
  workspaceName,
  adminName: personName,
  adminEmail: email,
  adminPassword: newPassword,
  loadDemo: z
    .boolean()
    .default(false)
    .describe('Load the small demo data set into the new workspace'),
};
export const setupBody = z.object(setupFields).strict();
export type SetupInput = z.infer<typeof setupBody>;
