import { createApiKeyBody } from '../domain/api-keys';
import { uuid, type WorkspaceId } from '../domain/ids';
import { type MemberRole, memberRoles } from '../domain/roles';
import { type Command, output, requireOption, usageError } from './command';

export const apikeyCreate: Command = {
  name: 'apikey create',
  summary: 'Create an API key for a workspace and print it once',
  help: `Usage: tandem apikey create --workspace <id> --role <role> [--name <label>] [--json]

Creates an API key with one role (${memberRoles.join(', ')}) in the workspace. The key is
printed once and stored only as a hash; send it as "Authorization: Bearer <key>".
--json prints {"id","key"}.`,
  options: {
    workspace: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  },
  async run({ values }) {
    const workspace = requireOption(apikeyCreate, values, 'workspace');
    if (!uuid.safeParse(workspace).success) {
      throw usageError(apikeyCreate, `--workspace must be a UUID (got '${workspace}')`);
    }
    const role = requireOption(apikeyCreate, values, 'role') as MemberRole;
    if (!(memberRoles as readonly string[]).includes(role)) {
      throw usageError(
        apikeyCreate,
        `--role must be one of ${memberRoles.join(', ')} (got '${role}')`,
      );
    }
    // The same rule as the API's: a label of 1 to 100 characters.
    const label = createApiKeyBody.shape.name.safeParse(
      typeof values.name === 'string' ? values.name : 'CLI key',
    );
    if (!label.success) {
      throw usageError(apikeyCreate, '--name must be 1 to 100 characters, not only spaces');
    }
    const { withServices } = await import('./runtime');
    const { createApiKey } = await import('../server/features/api-keys/api-keys.service');
    const created = await withServices(async (ctx) => {
      const { systemScope } = await import('../server/access/scope');
      const scope = systemScope(workspace as WorkspaceId, 'cli');
      const key = await createApiKey(ctx, scope, { name: label.data, role });
      return { id: key.id, key: key.key };
    });
    output(values, created, `${created.key}\n(key ${created.id}; shown once, store it now)`);
  },
};
