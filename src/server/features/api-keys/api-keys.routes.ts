import { z } from 'zod';
import { apiKeyList, createApiKeyBody, createdApiKey } from '../../../domain/api-keys';
import { apiKeyId } from '../../../domain/ids';
import { listQuery } from '../../../domain/members';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service';

const tags = ['api-keys'];
const params = z.object({ id: apiKeyId }).strict();

export async function apiKeyRoutes(app: ZodApp) {
  app.post(
    '/api-keys',
    {
      config: { access: 'apikey.manage' },
      schema: {
        operationId: 'createApiKey',
        summary: 'Create an API key',
        description:
          'Creates a workspace API key with a role. The secret is in this answer only; store it now.',
        tags,
        body: createApiKeyBody,
        response: { 201: createdApiKey },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(request.ctx, scopeOf(request), request.body);
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/api-keys',
    {
      config: { access: 'apikey.manage' },
      schema: {
        operationId: 'listApiKeys',
        summary: 'List API keys',
        description:
          'The workspace API keys, without their secrets, newest first, in keyset pages.',
        tags,
        querystring: listQuery,
        response: { 200: apiKeyList },
      },
    },
    async (request) => listApiKeys(request.ctx, scopeOf(request), request.query),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { access: 'apikey.manage' },
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        description:
          'Revokes the key at once; requests that send it are answered 401 from then on.',
        tags,
        params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await revokeApiKey(request.ctx, scopeOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
