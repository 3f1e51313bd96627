import { z } from 'zod';
import { idParams } from '../../../domain/pagination';
import {
  PlanTemplate,
  PlanTemplateCreate,
  PlanTemplateList,
  PlanTemplateListQuery,
  PlanTemplateUpdate,
} from '../../../domain/plan-templates';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from './plan-templates.service';

const tags = ['plan-templates'];
/** A summary, fifty objectives and fifty KPIs at most, like a plan. */
const bodyLimit = 256 * 1024;

export async function planTemplateRoutes(app: ZodApp) {
  app.get(
    '/plan-templates',
    {
      config: { access: 'plan_template.read' },
      schema: {
        operationId: 'listPlanTemplates',
        description:
          'The workspace’s plan templates by partner type, each type’s default first, then by name. Templates in use unless `archived` says otherwise.',
        tags,
        summary: 'List plan templates',
        querystring: PlanTemplateListQuery,
        response: { 200: PlanTemplateList },
      },
    },
    async (request) => listTemplates(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/plan-templates',
    {
      bodyLimit,
      config: { access: 'plan_template.manage', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createPlanTemplate',
        description:
          'Adds a plan template for a partner type: a summary, objectives and KPI definitions a plan starts from (POST /plans with `templateId`). Checked as a plan and its KPIs are: 422 `invalid_template` naming `kpis.N.field` or `objectives.N.field`; an objective owner who is not a member is 422 `invalid_reference`. `isDefault` takes the default of the type from the template that had it.',
        tags,
        summary: 'Add a plan template',
        body: PlanTemplateCreate,
        response: { 201: PlanTemplate },
      },
    },
    async (request, reply) => {
      const template = await createTemplate(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(template.version));
      reply.header('location', `/api/v1/plan-templates/${template.id}`);
      return reply.status(201).send(template);
    },
  );

  app.get(
    '/plan-templates/:id',
    {
      config: { access: 'plan_template.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getPlanTemplate',
        description: 'One plan template, and its ETag for a later change.',
        tags,
        summary: 'Get a plan template',
        params: idParams,
        response: { 200: PlanTemplate },
      },
    },
    async (request, reply) => {
      const template = await getTemplate(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(template.version));
      return template;
    },
  );

  app.patch(
    '/plan-templates/:id',
    {
      bodyLimit,
      config: { access: 'plan_template.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updatePlanTemplate',
        description:
          'Changes a plan template; `objectives` and `kpis`, when sent, replace all of them. `archived: true` takes it out of the new-plan form and ends it being the default; `false` restores it. Plans made from it do not change. Send the ETag in If-Match: 428 without it, 412 when the template changed since.',
        tags,
        summary: 'Change, archive or restore a plan template (If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: PlanTemplateUpdate,
        response: { 200: PlanTemplate },
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

  app.delete(
    '/plan-templates/:id',
    {
      config: { access: 'plan_template.manage' },
      schema: {
        operationId: 'deletePlanTemplate',
        description:
          'Deletes the template (its audit event keeps it); plans made from it keep what they took. If-Match optional (412 if stale).',
        tags,
        summary: 'Delete a plan template',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await deleteTemplate(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      return reply.status(204).send(null);
    },
  );
}
