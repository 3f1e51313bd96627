import { z } from 'zod';
import { email, newPassword, personName, sessionInfo } from './auth';
import { memberRole } from './roles';
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

/** How the demo team signs in: their password was made for this load and is shown only here. */
export const demoSignIn = z
  .object({
    password: z
      .string()
      .describe('The password of every demo member, made for this load; shown once'),
    members: z.array(z.object({ name: z.string(), email: z.string(), role: memberRole })),
  })
  .meta({ id: 'DemoSignIn' });
export type DemoSignIn = z.infer<typeof demoSignIn>;

/** The new admin's session, and the demo team's sign-in when the demo data was loaded. */
export const setupResult = sessionInfo
  .extend({ demo: demoSignIn.nullable() })
  .meta({ id: 'SetupResult' });
