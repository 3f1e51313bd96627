import { z } from 'zod';
import {
  Interaction,
  InteractionCreate,
  InteractionDraft,
  InteractionFile,
  InteractionListQuery,
  InteractionPage,
  InteractionTasksCreate,
  InteractionUpdate,
} from '../../../domain/interactions';
import { idParams } from '../../../domain/pagination';
import { Task } from '../../../domain/tasks';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { draftInteraction } from './interactions.draft';
import { listInteractions } from './interactions.list';
import {
  createInteraction,
  deleteInteraction,
  getInteraction,
  updateInteraction,
} from './interactions.service';
import { tasksFromNextSteps } from './interactions.tasks';

const tags = ['interactions'];
/** A summary of 20 000 characters and 100 participants stay far below this. */
const bodyLimit = 256 * 1024;
/** A 2 MB file, base64-encoded (4/3), with its name. */
const fileBodyLimit = 2_800_000 + 1024;

export async function interactionRoutes(app: ZodApp) {
  app.get(
    '/interactions',
    {
      config: { access: 'interaction.read' },
      schema: {
        operationId: 'listInteractions',
        description:
          'Interactions of the workspace, by when they happened (newest first by default). Filters take several values and match any; pages are keyset pages (`cursor`).',
        tags,
        summary: 'List interactions (filters, keyset pages)',
        querystring: InteractionListQuery,
        response: { 200: InteractionPage },
      },
    },
    async (request) => listInteractions(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/interactions',
    {
      bodyLimit,
      config: { access: 'interaction.create', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createInteraction',
        description:
          "Logs a meeting, call, email, event or note with a partner. Participants are members of the workspace (`memberIds`) and contacts of THAT partner (`contactIds`); any other id answers 422 naming the entry (`contactIds.0`). It appears on the partner's timeline.",
        tags,
        summary: 'Log an interaction with a partner',
        body: InteractionCreate,
        response: { 201: Interaction },
      },
    },
    async (request, reply) => {
      const interaction = await createInteraction(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(interaction.version));
      reply.header('location', `/api/v1/interactions/${interaction.id}`);
      return reply.status(201).send(interaction);
    },
  );

  app.get(
    '/interactions/:id',
    {
      config: { access: 'interaction.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getInteraction',
        description: 'One interaction with its participants, and its ETag for a later change.',
        tags,
        summary: 'Get an interaction',
        params: idParams,
        response: { 200: Interaction },
      },
    },
    async (request, reply) => {
      const interaction = await getInteraction(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(interaction.version));
      return interaction;
    },
  );

  app.patch(
    '/interactions/:id',
    {
      bodyLimit,
      config: { access: 'interaction.update', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateInteraction',
        description:
          'Changes the fields sent; `memberIds` or `contactIds`, when sent, replace that side of the participants. Send the ETag in If-Match: 428 without it, 412 when stale.',
        tags,
        summary: 'Change an interaction (If-Match required: 428 without, 412 when stale)',
        params: idParams,
        headers: ifMatchHeaders,
        body: InteractionUpdate,
        response: { 200: Interaction },
      },
    },
    async (request, reply) => {
      const interaction = await updateInteraction(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(interaction.version));
      return interaction;
    },
  );

  app.delete(
    '/interactions/:id',
    {
      config: { access: 'interaction.delete' },
      schema: {
        operationId: 'deleteInteraction',
        description:
          'Deletes the interaction and its timeline entry. If-Match is optional; when sent it must be current (412).',
        tags,
        summary: 'Delete an interaction (the audit event keeps it)',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteInteraction(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/partners/:id/interactions/parse',
    {
      bodyLimit: fileBodyLimit,
      config: { access: 'interaction.create' },
      schema: {
        operationId: 'parseInteractionFile',
        description:
          "Reads a dropped `.eml` (email) or `.ics` (calendar event), base64-encoded, at most 2 MB, into a draft interaction: kind, time, subject and text as summary, addresses matched to the partner's contacts and the workspace's members, the others listed in `unmatched`. Nothing is saved: confirm the draft with createInteraction. A file that cannot be read answers 422 `unreadable_file`; another type 422 `unsupported_file`.",
        tags,
        summary: 'Read an .eml or .ics file into a draft interaction (saves nothing)',
        params: idParams,
        body: InteractionFile,
        response: { 200: InteractionDraft },
      },
    },
    async (request) =>
      draftInteraction(request.ctx, scopeOf(request), request.params.id, request.body),
  );

  app.post(
    '/interactions/:id/tasks',
    {
      bodyLimit,
      config: { access: 'task.create' },
      schema: {
        operationId: 'createInteractionTasks',
        description:
          "Makes a task of each next step (all of them, or the positions in `steps`), at the interaction's partner and linked to it, optionally assigned and due; all or none. 422 `no_such_step` names a position the interaction does not have.",
        tags,
        summary: "Turn an interaction's next steps into tasks",
        params: idParams,
        body: InteractionTasksCreate,
        response: { 201: z.object({ items: z.array(Task) }) },
      },
    },
    async (request, reply) => {
      const created = await tasksFromNextSteps(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );
}
