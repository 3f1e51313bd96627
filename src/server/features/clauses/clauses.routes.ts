import {
  Clause,
  ClauseCreate,
  ClauseListQuery,
  ClausePage,
  ClauseUpdate,
} from '../../../domain/clauses';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  createClause,
  getClause,
  listClauses,
  setClauseArchived,
  updateClause,
} from './clauses.service';

const tags = ['clauses'];
const bodyLimit = 1024 * 1024;
const textRules =
  'Text is Markdown with `{{variables}}` from the documented set (`{{partner.name}}`, `{{agreement.effective_date}}`…); an unknown variable, a section, a partial or an unescaped tag is a 400 naming the field (`text`, `fallbackPositions.N`).';

export async function clauseRoutes(app: ZodApp) {
  app.get(
    '/clauses',
    {
      config: { access: 'clause.read' },
      schema: {
        operationId: 'listClauses',
        description:
          'The clause library by title: clauses in use unless `archived` says otherwise, of one category if asked.',
        tags,
        summary: 'List clauses',
        querystring: ClauseListQuery,
        response: { 200: ClausePage },
      },
    },
    async (request) => listClauses(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/clauses',
    {
      bodyLimit,
      config: { access: 'clause.manage', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createClause',
        description: `Adds a clause to the library. ${textRules} Answers with its ETag and Location.`,
        tags,
        summary: 'Add a clause',
        body: ClauseCreate,
        response: { 201: Clause },
      },
    },
    async (request, reply) => {
      const clause = await createClause(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(clause.version));
      reply.header('location', `/api/v1/clauses/${clause.id}`);
      return reply.status(201).send(clause);
    },
  );

  app.get(
    '/clauses/:id',
    {
      config: { access: 'clause.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getClause',
        description: 'One clause with the variables it uses, and its ETag for a later change.',
        tags,
        summary: 'Get a clause',
        params: idParams,
        response: { 200: Clause },
      },
    },
    async (request, reply) => {
      const clause = await getClause(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(clause.version));
      return clause;
    },
  );

  app.patch(
    '/clauses/:id',
    {
      bodyLimit,
      config: { access: 'clause.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateClause',
        description: `Changes the fields given; \`fallbackPositions\` is replaced as a whole, in the order sent. ${textRules} Send the ETag in If-Match: 428 without it, 412 when the clause changed since.`,
        tags,
        summary: 'Change a clause (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: ClauseUpdate,
        response: { 200: Clause },
      },
    },
    async (request, reply) => {
      const clause = await updateClause(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(clause.version));
      return clause;
    },
  );

  for (const archived of [true, false]) {
    app.post(
      archived ? '/clauses/:id/archive' : '/clauses/:id/restore',
      {
        config: { access: 'clause.manage', replyHeaders: ['etag'] },
        schema: {
          operationId: archived ? 'archiveClause' : 'restoreClause',
          description: archived
            ? 'Archives the clause: it leaves the library list and cannot join another template; templates that hold it keep it. If-Match is optional; when sent it must be current (412).'
            : 'Brings an archived clause back to the library. If-Match is optional; when sent it must be current (412).',
          tags,
          summary: archived ? 'Archive a clause' : 'Restore an archived clause',
          params: idParams,
          headers: ifMatchHeaders,
          response: { 200: Clause },
        },
      },
      async (request, reply) => {
        const clause = await setClauseArchived(
          request.ctx,
          scopeOf(request),
          request.params.id,
          request.headers['if-match'],
          archived,
        );
        reply.header('etag', etagOf(clause.version));
        return clause;
      },
    );
  }
}
