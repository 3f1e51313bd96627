import { idParams } from '../../../domain/pagination';
import {
  Plan,
  PlanChanges,
  PlanCopy,
  PlanCreate,
  PlanHistoryPage,
  PlanHistoryQuery,
  PlanListQuery,
  PlanPage,
  PlanTransition,
  PlanUpdate,
  PlanVersionList,
} from '../../../domain/plans';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import { copyPlan } from './plans.copy';
import { listPlans, planHistory } from './plans.list';
import { getPlan, transitionPlan, updatePlan } from './plans.service';
import { startPlan } from './plans.template';
import { getPlanChanges, listPlanVersions, revisePlan } from './plans.versions';

const tags = ['plans'];
/** A plan is a summary and fifty objectives at most; anything much larger is not one. */
const bodyLimit = 256 * 1024;

export async function planRoutes(app: ZodApp) {
  app.get(
    '/plans',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listPlans',
        description:
          'Joint business plans, newest first by default. Filters take several values (`?status=a&status=b`) and match any. Pages are keyset pages (`cursor`).',
        tags,
        summary: 'List plans (partner, period and status filters, keyset pages)',
        querystring: PlanListQuery,
        response: { 200: PlanPage },
      },
    },
    async (request) => listPlans(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/plans',
    {
      bodyLimit,
      config: { access: 'plan.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createPlan',
        description:
          'Starts a partner’s plan for a fiscal period, status `draft`, version 1. A partner has one plan per period: another is 409 `plan_exists`. A partner out of scope is 422 naming `partnerId`; an objective owner who is not a member of the workspace, or not a contact of the plan’s partner, is 422 naming the objective’s field. With `templateId` the plan starts with the template’s summary (unless one is sent), its objectives before those sent, and its KPIs with `kpiTargets` or the template’s targets; a template out of scope is 422 naming `templateId`, an archived one 422 `template_archived`, a KPI left without a target 422 naming `kpiTargets.N`; nothing is written then. Answers with its ETag and Location.',
        tags,
        summary: 'Start a plan for a partner and period',
        body: PlanCreate,
        response: { 201: Plan },
      },
    },
    async (request, reply) => {
      const plan = await startPlan(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(plan.version));
      reply.header('location', `/api/v1/plans/${plan.id}`);
      return reply.status(201).send(plan);
    },
  );

  app.get(
    '/plans/:id',
    {
      config: { access: 'plan.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getPlan',
        description: 'One plan, with its last agreement and its ETag for a later change.',
        tags,
        summary: 'Get a plan',
        params: idParams,
        response: { 200: Plan },
      },
    },
    async (request, reply) => {
      const plan = await getPlan(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(plan.version));
      return plan;
    },
  );

  app.patch(
    '/plans/:id',
    {
      bodyLimit,
      config: { access: 'plan.write', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updatePlan',
        description:
          'Changes a draft or proposed plan: the summary, and the objectives, which when sent replace all of them. An agreed or active plan is locked (409 `plan_locked`, naming `status`): open a new version with POST …/revisions. A closed plan is read-only (409 `plan_closed`). Send the ETag in If-Match: 428 without it, 412 when the plan changed since.',
        tags,
        summary: 'Change a draft plan (If-Match required; agreed versions are locked)',
        params: idParams,
        headers: ifMatchHeaders,
        body: PlanUpdate,
        response: { 200: Plan },
      },
    },
    async (request, reply) => {
      const plan = await updatePlan(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(plan.version));
      return plan;
    },
  );

  app.post(
    '/plans/:id/transitions',
    {
      bodyLimit,
      config: { access: 'plan.write', replyHeaders: ['etag'], transition: true },
      schema: {
        operationId: 'transitionPlan',
        description:
          'Moves the plan to another status: draft → proposed, proposed → draft, proposed → agreed (needs `agreedBy`, the partner’s person, and `agreedOn`, else 422 `field_required`), agreed → active or closed, active → closed. Agreeing keeps the version as an agreed, numbered snapshot. Any other move is 409 `invalid_transition` with the `allowed` statuses. Send the ETag in If-Match (428 without, 412 when stale).',
        tags,
        summary: 'Move a plan to another status, or record the partner’s agreement',
        params: idParams,
        headers: ifMatchHeaders,
        body: PlanTransition,
        response: { 200: Plan },
      },
    },
    async (request, reply) => {
      const plan = await transitionPlan(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(plan.version));
      return plan;
    },
  );

  app.post(
    '/plans/:id/revisions',
    {
      config: { access: 'plan.write', replyHeaders: ['etag'], transition: true },
      schema: {
        operationId: 'revisePlan',
        description:
          'Opens a new draft version of an agreed or active plan: the version number goes up by one and the plan is a draft again, starting from the agreed content, which stays in its versions. A plan in another status is 409 `invalid_transition`. Send the ETag in If-Match (428 without, 412 when stale).',
        tags,
        summary: 'Open a new draft version of an agreed plan',
        params: idParams,
        headers: ifMatchHeaders,
        response: { 200: Plan },
      },
    },
    async (request, reply) => {
      const plan = await revisePlan(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
      );
      reply.header('etag', etagOf(plan.version));
      return plan;
    },
  );

  app.post(
    '/plans/:id/copies',
    {
      bodyLimit,
      config: { access: 'plan.write', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'copyPlan',
        description:
          "Copy last period's plan: a new draft plan for the same partner and another period (the next one by default), with the plan's summary, objectives and KPIs (definitions and owners, not values), each KPI with its new target where `targets` gives one. All or nothing: a plan that already exists for that period is 409 `plan_exists`; a target of the wrong sign, or a KPI not of this plan, is 422 naming `targets.N.target` or `targets.N.kpiId`. Answers with its ETag and Location.",
        tags,
        summary: 'Copy a plan into another period, with new targets',
        params: idParams,
        body: PlanCopy,
        response: { 201: Plan },
      },
    },
    async (request, reply) => {
      const plan = await copyPlan(request.ctx, scopeOf(request), request.params.id, request.body);
      reply.header('etag', etagOf(plan.version));
      reply.header('location', `/api/v1/plans/${plan.id}`);
      return reply.status(201).send(plan);
    },
  );

  app.get(
    '/plans/:id/versions',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listPlanVersions',
        description:
          'The plan’s agreed versions, newest first: each with its snapshot, who agreed it for the partner, on which day, and the member who recorded it.',
        tags,
        summary: 'List a plan’s agreed versions',
        params: idParams,
        response: { 200: PlanVersionList },
      },
    },
    async (request) => listPlanVersions(request.ctx, scopeOf(request), request.params.id),
  );

  app.get(
    '/plans/:id/changes',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'getPlanChanges',
        description:
          'What changed in the version being worked on against the last agreed version, field by field (`summary`, `objectives.2.text`…), with a line diff for text. Empty before the first agreement.',
        tags,
        summary: 'Changes against the agreed version',
        params: idParams,
        response: { 200: PlanChanges },
      },
    },
    async (request) => getPlanChanges(request.ctx, scopeOf(request), request.params.id),
  );

  app.get(
    '/plans/:id/history',
    {
      config: { access: 'plan.read' },
      schema: {
        operationId: 'listPlanHistory',
        description:
          'The plan’s audit events, newest first, in keyset pages: its creation, every edit, move, agreement and new version, each with who made it and the plan before and after.',
        tags,
        summary: 'A plan’s history, newest first',
        params: idParams,
        querystring: PlanHistoryQuery,
        response: { 200: PlanHistoryPage },
      },
    },
    async (request) => planHistory(request.ctx, scopeOf(request), request.params.id, request.query),
  );
}
