import { updateWorkspaceBody, workspace } from '../../../domain/workspaces';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { getWorkspace, updateWorkspace } from './workspaces.service';

const tags = ['workspace'];

export async function workspaceRoutes(app: ZodApp) {
  app.get(
    '/workspace',
    {
      config: { access: 'workspace.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getWorkspace',
        summary: 'Get the workspace',
        description: "The caller's workspace: its name and settings, with its ETag.",
        tags,
        response: { 200: workspace },
      },
    },
    async (request, reply) => {
      const { workspace: body, version } = await getWorkspace(request.ctx, scopeOf(request));
      reply.header('etag', etagOf(version));
      return body;
    },
  );

  app.patch(
    '/workspace',
    {
      config: { access: 'workspace.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateWorkspace',
        summary: 'Change the workspace',
        description:
          "Changes the workspace's name or settings. Send the ETag you read in If-Match: 428 without it, 412 when stale.",
        tags,
        headers: ifMatchHeaders,
        body: updateWorkspaceBody,
        response: { 200: workspace },
      },
    },
    async (request, reply) => {
      const { workspace: body, version } = await updateWorkspace(
        request.ctx,
        scopeOf(request),
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(version));
      return body;
    },
  );
}
