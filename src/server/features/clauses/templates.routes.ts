import {
  AgreementTemplate,
  AgreementTemplateCreate,
  AgreementTemplateListQuery,
  AgreementTemplatePage,
  AgreementTemplateUpdate,
  TemplatePreview,
  TemplatePreviewRequest,
} from '../../../domain/clauses';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { previewTemplate } from './templates.preview';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  setTemplateArchived,
  updateTemplate,
} from './templates.service';

const tags = ['agreement-templates'];
const bodyLimit = 64 * 1024;
const clauseRules =
  '`clauseIds` lists the clauses in order, each once (422 `clause_repeated` naming `clauseIds.N`); a clause of another workspace or none is 422 `invalid_reference`, an archived one 409 `clause_archived` unless the template already holds it.';

export async function agreementTemplateRoutes(app: ZodApp) {
  app.get(
    '/agreement-templates',
    {
      config: { access: 'clause.read' },
      schema: {
        operationId: 'listAgreementTemplates',
        description:
          'Agreement templates by name with their clauses in order: those in use unless `archived` says otherwise, of one agreement type if asked.',
        tags,
        summary: 'List agreement templates',
        querystring: AgreementTemplateListQuery,
        response: { 200: AgreementTemplatePage },
      },
    },
    async (request) => listTemplates(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/agreement-templates',
    {
      bodyLimit,
      config: { access: 'clause.manage', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createAgreementTemplate',
        description: `Adds an agreement template. ${clauseRules} Answers with its ETag and Location.`,
        tags,
        summary: 'Add an agreement template',
        body: AgreementTemplateCreate,
        response: { 201: AgreementTemplate },
      },
    },
    async (request, reply) => {
      const template = await createTemplate(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(template.version));
      reply.header('location', `/api/v1/agreement-templates/${template.id}`);
      return reply.status(201).send(template);
    },
  );

  app.get(
    '/agreement-templates/:id',
    {
      config: { access: 'clause.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getAgreementTemplate',
        description: 'One agreement template with its clauses in order, and its ETag.',
        tags,
        summary: 'Get an agreement template',
        params: idParams,
        response: { 200: AgreementTemplate },
      },
    },
    async (request, reply) => {
      const template = await getTemplate(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(template.version));
      return template;
    },
  );

  app.patch(
    '/agreement-templates/:id',
    {
      bodyLimit,
      config: { access: 'clause.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateAgreementTemplate',
        description: `Changes the fields given; \`clauseIds\` replaces the clauses and their order as a whole. ${clauseRules} Send the ETag in If-Match: 428 without it, 412 when the template changed since.`,
        tags,
        summary: 'Change an agreement template (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: AgreementTemplateUpdate,
        response: { 200: AgreementTemplate },
      },
    },
    async (request, reply) => {
      const template = await updateTemplate(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(template.version));
      return template;
    },
  );

  for (const archived of [true, false]) {
    app.post(
      archived ? '/agreement-templates/:id/archive' : '/agreement-templates/:id/restore',
      {
        config: { access: 'clause.manage', replyHeaders: ['etag'] },
        schema: {
          operationId: archived ? 'archiveAgreementTemplate' : 'restoreAgreementTemplate',
          description: archived
            ? 'Archives the template: it leaves the list of templates to start from. If-Match is optional; when sent it must be current (412).'
            : 'Brings an archived template back. If-Match is optional; when sent it must be current (412).',
          tags,
          summary: archived ? 'Archive an agreement template' : 'Restore an agreement template',
          params: idParams,
          headers: ifMatchHeaders,
          response: { 200: AgreementTemplate },
        },
      },
      async (request, reply) => {
        const template = await setTemplateArchived(
          request.ctx,
          scopeOf(request),
          request.params.id,
          request.headers['if-match'],
          archived,
        );
        reply.header('etag', etagOf(template.version));
        return template;
      },
    );
  }

  app.post(
    '/agreement-templates/:id/preview',
    {
      bodyLimit: 16 * 1024,
      config: { access: 'clause.read' },
      schema: {
        operationId: 'previewAgreementTemplate',
        description:
          'The template filled from the partner’s record and the agreement fields sent, as Markdown: a heading, then each clause numbered. Writes nothing. Every variable that is unknown or has no value is listed at once in a 422 `template_variables`, each as the `field` of an error (`agreement.end_date`) and in `variables` with the clauses using it. A partner of another workspace or none is 422 naming `partnerId`.',
        tags,
        summary: 'Preview a filled agreement template',
        params: idParams,
        body: TemplatePreviewRequest,
        response: { 200: TemplatePreview },
      },
    },
    async (request) =>
      previewTemplate(request.ctx, scopeOf(request), request.params.id, request.body),
  );
}
