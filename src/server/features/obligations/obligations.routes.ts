import { z } from 'zod';
import {
  Obligation,
  ObligationCreate,
  ObligationList,
  ObligationTaskCreate,
  ObligationUpdate,
  obligationParams,
} from '../../../domain/obligations';
import { idParams } from '../../../domain/pagination';
import { Task } from '../../../domain/tasks';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  createObligation,
  deleteObligation,
  getObligation,
  listObligations,
  updateObligation,
} from './obligations.service';
import { makeOccurrenceTask } from './obligations.tasks';

const tags = ['agreements'];
const bodyLimit = 64 * 1024;
const ifMatch = 'Send the ETag in If-Match: 428 without it, 412 when the obligation changed since.';
const schedule =
  'A one-off obligation has `dueOn`; a recurring one `rrule` and `startsOn` and no `dueOn` (else 422 `invalid_schedule` naming the field). A rule Tandem does not take (sub-daily, BYSETPOS, more than 10 000 occurrences…) is 422 `invalid_rrule` naming `rrule`; a rule is stored in one written form. An owner out of scope is 422 `invalid_reference` naming `ownerId`.';

export async function obligationRoutes(app: ZodApp) {
  app.get(
    '/agreements/:id/obligations',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listAgreementObligations',
        description:
          'What each party of the agreement must do, soonest next due date first, with whether each is overdue on the workspace’s day.',
        tags,
        summary: 'List an agreement’s obligations',
        params: idParams,
        response: { 200: ObligationList },
      },
    },
    async (request) => listObligations(request.ctx, scopeOf(request), request.params.id),
  );

  app.post(
    '/agreements/:id/obligations',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createAgreementObligation',
        description: `Adds an obligation, status \`open\`. ${schedule} An agreement holds 200 at most (409 \`too_many_obligations\`). Answers with its ETag and Location.`,
        tags,
        summary: 'Add an obligation to an agreement',
        params: idParams,
        body: ObligationCreate,
        response: { 201: Obligation },
      },
    },
    async (request, reply) => {
      const obligation = await createObligation(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.body,
      );
      reply.header('etag', etagOf(obligation.version));
      reply.header(
        'location',
        `/api/v1/agreements/${request.params.id}/obligations/${obligation.id}`,
      );
      return reply.status(201).send(obligation);
    },
  );

  app.get(
    '/agreements/:id/obligations/:obligationId',
    {
      config: { access: 'agreement.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getAgreementObligation',
        description: 'One obligation of the agreement, and its ETag for a later change.',
        tags,
        summary: 'Get an obligation',
        params: obligationParams,
        response: { 200: Obligation },
      },
    },
    async (request, reply) => {
      const obligation = await getObligation(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.obligationId,
      );
      reply.header('etag', etagOf(obligation.version));
      return obligation;
    },
  );

  app.patch(
    '/agreements/:id/obligations/:obligationId',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateAgreementObligation',
        description: `Changes an obligation. \`status\` moves open → done or waived and back to open (else 409 \`invalid_transition\`). \`doneThrough\` marks the occurrences of a recurring obligation done up to a day (422 \`not_recurring\` on a one-off one). ${schedule} ${ifMatch}`,
        tags,
        summary: 'Change an obligation (If-Match required)',
        params: obligationParams,
        headers: ifMatchHeaders,
        body: ObligationUpdate,
        response: { 200: Obligation },
      },
    },
    async (request, reply) => {
      const obligation = await updateObligation(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.obligationId,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(obligation.version));
      return obligation;
    },
  );

  app.delete(
    '/agreements/:id/obligations/:obligationId',
    {
      config: { access: 'agreement.write' },
      schema: {
        operationId: 'deleteAgreementObligation',
        description: `Deletes an obligation; the audit event keeps it. ${ifMatch}`,
        tags,
        summary: 'Delete an obligation (If-Match required)',
        params: obligationParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteObligation(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.obligationId,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/agreements/:id/obligations/:obligationId/tasks',
    {
      bodyLimit,
      config: { access: 'agreement.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createObligationTask',
        description:
          'Makes a task of one occurrence of an open obligation: due on `occursOn`, assigned to the obligation’s owner, linked to the agreement and its partner. `occursOn` must be the due date of a one-off obligation or a day its rule falls on (else 422 `not_due` naming `occursOn`); an occurrence has one task at most (409 `task_exists`); a done or waived obligation makes none (409 `obligation_closed`). Answers the task with its ETag and Location.',
        tags,
        summary: 'Make a task of an obligation’s occurrence',
        params: obligationParams,
        body: ObligationTaskCreate,
        response: { 201: Task },
      },
    },
    async (request, reply) => {
      const task = await makeOccurrenceTask(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.obligationId,
        request.body,
      );
      reply.header('etag', etagOf(task.version));
      reply.header('location', `/api/v1/tasks/${task.id}`);
      return reply.status(201).send(task);
    },
  );
}
