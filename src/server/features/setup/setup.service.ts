import { timingSafeEqual } from 'node:crypto';
import { messages } from '../../../domain/messages';
import type { DemoSignIn, SetupInput } from '../../../domain/setup';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { hashPassword } from '../auth/auth.password';
import { seedDemo } from '../demo/demo.service';
import { anyWorkspace, insertWorkspaceWithAdmin } from '../workspaces/workspaces.service';
import { lockFirstRun } from './setup.queries';

export async function setupNeeded(ctx: ServiceContext): Promise<boolean> {
  return !(await anyWorkspace(ctx));
}

function tokenMatches(expected: string | null, given: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const alreadySetUp = () =>
  errors.conflict('already_set_up', 'Tandem is already set up; sign in instead');

/**
 * Creates the first workspace and its admin, once: under an advisory lock, and only while no
 * workspace exists, so two concurrent setups cannot both win.
 */
export async function runSetup(ctx: ServiceContext, input: SetupInput) {
  if (!tokenMatches(ctx.setupToken, input.token)) {
    if (!(await setupNeeded(ctx))) throw alreadySetUp();
    throw new AppError(
      403,
      'setup_token_invalid',
      'Setup link not valid',
      'Use the setup link the server printed at start',
      [{ field: 'token', code: 'setup_token_invalid', message: messages.invalidSetupToken }],
    );
  }
  const passwordHash = await hashPassword(input.adminPassword);
  const created = await withTransaction(ctx, async (tx, ctx) => {
    await lockFirstRun(tx);
    if (await anyWorkspace(ctx)) throw alreadySetUp();
    return insertWorkspaceWithAdmin(
      ctx,
      { name: input.workspaceName, adminName: input.adminName, adminEmail: input.adminEmail },
      passwordHash,
    );
  });
  // After the commit: the demo load is its own all-or-nothing transaction.
  let demo: DemoSignIn | null = null;
  if (input.loadDemo) {
    const loaded = await seedDemo(ctx, {
      workspaceId: created.workspaceId,
      size: 'small',
    });
    demo = {
      password: loaded.password,
      members: loaded.members.map(({ name, email, role }) => ({ name, email, role })),
    };
  }
  return { ...created, demo };
}
