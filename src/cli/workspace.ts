import { z } from 'zod';
import { newPassword } from '../domain/auth';
import { workspaceName } from '../domain/workspaces';
import { AppError } from '../server/http/errors';
import { CliError, type Command, output, requireOption, usageError } from './command';
import { readPassword } from './password';

const email = z.email();

/** The service names its input fields; the user typed flags. */
const flagOf: Record<string, string> = {
  name: '--name',
  adminName: '--admin-name',
  adminEmail: '--admin-email',
  adminPassword: 'the password',
};

function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof AppError) || error.fields.length === 0) return error;
  const text = error.fields.map((f) => `${flagOf[f.field] ?? f.field}: ${f.message}`).join('; ');
  return new CliError(text);
}

export const workspaceCreate: Command = {
  name: 'workspace create',
  summary: 'Create a workspace and its first admin',
  help: `Usage: tandem workspace create --name <name> --admin-email <email> [--admin-name <name>]
                               --admin-password-stdin [--json]

Creates a workspace with one admin member who signs in with the given email and password. The
password is read from standard input (the first line), or asked for twice on a terminal; it is
never taken on the command line. --json prints {"workspaceId","userId"}.`,
  options: {
    name: { type: 'string' },
    'admin-email': { type: 'string' },
    'admin-name': { type: 'string' },
    'admin-password-stdin': { type: 'boolean' },
  },
  async run({ values }) {
    const name = requireOption(workspaceCreate, values, 'name').trim();
    if (!workspaceName.safeParse(name).success) {
      throw usageError(workspaceCreate, '--name must be 1 to 200 characters');
    }
    const adminEmail = requireOption(workspaceCreate, values, 'admin-email').toLowerCase();
    if (!email.safeParse(adminEmail).success) {
      throw usageError(
        workspaceCreate,
        `--admin-email is not an email address (got '${adminEmail}')`,
      );
    }
    if (values['admin-password-stdin'] !== true) {
      throw usageError(
        workspaceCreate,
        '--admin-password-stdin is required (the password is never taken on the command line)',
      );
    }
    const adminName =
      typeof values['admin-name'] === 'string' && values['admin-name'].trim() !== ''
        ? values['admin-name'].trim()
        : (adminEmail.split('@')[0] ?? adminEmail);
    const adminPassword = await readPassword('Admin password');
    const passwordCheck = newPassword.safeParse(adminPassword);
    if (!passwordCheck.success) {
      throw new CliError(
        `the password is not accepted: ${passwordCheck.error.issues[0]?.message ?? 'not valid'}`,
      );
    }
    const { withServices } = await import('./runtime');
    const { createWorkspace } = await import('../server/features/workspaces/workspaces.service');
    const created = await withServices(async (ctx) => {
      try {
        return await createWorkspace(ctx, { name, adminName, adminEmail, adminPassword });
      } catch (error) {
        throw inFlagTerms(error);
      }
    });
    output(
      values,
      created,
      `Created workspace ${created.workspaceId}; its admin ${adminEmail} is user ${created.userId}`,
    );
  },
};
