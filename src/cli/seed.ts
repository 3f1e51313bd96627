import { newPassword } from '../domain/auth';
import type { WorkspaceId } from '../domain/ids';
import { uuid } from '../domain/ids';
import type { Database } from '../server/db/client';
import { CliError, type Command, output, progress, usageError } from './command';
import { readPassword } from './password';

const sizes = ['small', 'large'] as const;

/** The workspace named by --workspace, or the only one there is. */
async function targetWorkspace(
  database: Database,
  given: string | undefined,
): Promise<WorkspaceId> {
  if (given !== undefined) return given as WorkspaceId;
  const { rows } = await database.sql('SELECT id FROM workspaces ORDER BY id LIMIT 2', []);
  const ids = rows.map((row) => (row as { id: string }).id);
  if (ids.length === 0) {
    throw new CliError('there is no workspace yet; create one first (tandem workspace create)');
  }
  if (ids.length > 1) throw new CliError('there are several workspaces; pass --workspace <id>');
  return ids[0] as WorkspaceId;
}

export const seed: Command = {
  name: 'seed',
  summary: 'Load the demo data set into a workspace',
  help: `Usage: tandem seed --demo [--size small|large] [--workspace <id>] [--password-stdin] [--json]

Loads the deterministic demo data into a workspace that has no partners yet: five members who
can sign in, and partners with contacts. small (the demo): 50 partners, 300 contacts and six
months of relationship work (interactions, issues, partnership teams, tasks, comments) with the
day's health scores. large (the benchmarks): 10 000 partners, 100 000 contacts, 1 000 000
interactions and 100 000 tasks; it takes minutes. Without --workspace, the only workspace is
used. Needs the server stopped on the embedded database.

The demo members sign in with a password made for this load and printed once (also in --json),
or with the one read from standard input with --password-stdin (the first line, or asked for
twice on a terminal; never taken on the command line).`,
  options: {
    demo: { type: 'boolean' },
    'password-stdin': { type: 'boolean' },
    size: { type: 'string', default: 'small' },
    workspace: { type: 'string' },
  },
  async run({ values }) {
    if (values.demo !== true) throw usageError(seed, '--demo is required (the only data set)');
    const size = values.size as (typeof sizes)[number];
    if (!sizes.includes(size))
      throw usageError(seed, `--size must be small or large (got '${values.size}')`);
    const workspace = values.workspace as string | undefined;
    if (workspace !== undefined && !uuid.safeParse(workspace).success) {
      throw usageError(seed, `--workspace must be a UUID (got '${workspace}')`);
    }
    let password: string | undefined;
    if (values['password-stdin'] === true) {
      password = await readPassword('Demo password');
      const check = newPassword.safeParse(password);
      if (!check.success) {
        throw new CliError(`the password ${check.error.issues[0]?.message ?? 'is not valid'}`);
      }
    }
    const { seedDemo } = await import('../server/features/demo/demo.service');
    const { withServices } = await import('./runtime');
    const result = await withServices(async (ctx, database) => {
      const workspaceId = await targetWorkspace(database, workspace);
      progress(`Loading the ${size} demo data into workspace ${workspaceId}…`);
      let shown = -1;
      const loaded = await seedDemo(ctx, {
        workspaceId,
        size,
        password,
        onProgress(done, total) {
          const percent = Math.floor((done / total) * 100);
          if (percent >= shown + 10 || done === total) {
            shown = percent;
            progress(`  ${percent}% (${done}/${total} rows)`);
          }
        },
      });
      return { workspaceId, ...loaded };
    });
    const people = result.members.map((m) => `  ${m.email} (${m.role})`).join('\n');
    output(
      values,
      result,
      `Loaded ${result.partners} partners and ${result.contacts} contacts into ${result.workspaceId}.\nSign in as any of these with the password ${result.password} (${password ? 'the one you gave' : 'made for this load and shown only now'}):\n${people}`,
    );
  },
};
