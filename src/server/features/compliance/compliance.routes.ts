import {
  AgreementRequirement,
  AgreementRequirementList,
  AgreementRequirementUpdate,
  agreementRequirementParams,
  ComplianceRequirement,
  ComplianceRequirementCreate,
  ComplianceRequirementList,
  ComplianceRequirementListQuery,
  ComplianceRequirementUpdate,
} from '../../../domain/compliance';
import { idParams } from '../../../domain/pagination';
import { etagOf, ifMatchHeaders } from '../../http/etag';
import { scopeOf } from '../../http/permissions';
import type { ZodApp } from '../index';
import {
  listAgreementRequirements,
  markAgreementRequirement,
} from './agreement-requirements.service';
import {
  createRequirement,
  getRequirement,
  listRequirements,
  updateRequirement,
} from './compliance.service';

const tags = ['compliance'];
const bodyLimit = 64 * 1024;

export async function complianceRoutes(app: ZodApp) {
  app.get(
    '/compliance-requirements',
    {
      config: { access: 'compliance.read' },
      schema: {
        operationId: 'listComplianceRequirements',
        description:
          'The workspace’s compliance requirements by title: what must be in place, per agreement type, before an agreement reaches `pending_signature` or `active`. Those in use unless `archived` says otherwise.',
        tags,
        summary: 'List compliance requirements',
        querystring: ComplianceRequirementListQuery,
        response: { 200: ComplianceRequirementList },
      },
    },
    async (request) => listRequirements(request.ctx, scopeOf(request), request.query),
  );

  app.post(
    '/compliance-requirements',
    {
      bodyLimit,
      config: { access: 'compliance.manage', replyHeaders: ['etag', 'location'] },
      schema: {
        operationId: 'createComplianceRequirement',
        description:
          'Adds a requirement for the agreement types in `appliesTo`. Agreements of those types not yet in force get it, open; so does every new one. `blocks` is the status an agreement may not reach while it is open (`pending_signature` also holds back `active`); `satisfiedBy` names another agreement of the same partner (type and statuses) that meets it by itself. A workspace keeps 100 at most (409 `too_many_requirements`).',
        tags,
        summary: 'Add a compliance requirement (admins)',
        body: ComplianceRequirementCreate,
        response: { 201: ComplianceRequirement },
      },
    },
    async (request, reply) => {
      const requirement = await createRequirement(request.ctx, scopeOf(request), request.body);
      reply.header('etag', etagOf(requirement.version));
      reply.header('location', `/api/v1/compliance-requirements/${requirement.id}`);
      return reply.status(201).send(requirement);
    },
  );

  app.get(
    '/compliance-requirements/:id',
    {
      config: { access: 'compliance.read', replyHeaders: ['etag'] },
      schema: {
        operationId: 'getComplianceRequirement',
        description: 'One compliance requirement, and its ETag for a later change.',
        tags,
        summary: 'Get a compliance requirement',
        params: idParams,
        response: { 200: ComplianceRequirement },
      },
    },
    async (request, reply) => {
      const requirement = await getRequirement(request.ctx, scopeOf(request), request.params.id);
      reply.header('etag', etagOf(requirement.version));
      return requirement;
    },
  );

  app.patch(
    '/compliance-requirements/:id',
    {
      bodyLimit,
      config: { access: 'compliance.manage', replyHeaders: ['etag'] },
      schema: {
        operationId: 'updateComplianceRequirement',
        description:
          'Changes a requirement; types added to `appliesTo` gain it on their agreements not yet in force, and markings already made stay. `archived: true` retires it: it no longer shows on agreements nor blocks them; `false` restores it. Send the ETag in If-Match: 428 without it, 412 when it changed since.',
        tags,
        summary: 'Change, archive or restore a compliance requirement (admins, If-Match required)',
        params: idParams,
        headers: ifMatchHeaders,
        body: ComplianceRequirementUpdate,
        response: { 200: ComplianceRequirement },
      },
    },
    async (request, reply) => {
      const requirement = await updateRequirement(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(requirement.version));
      return requirement;
    },
  );

  app.get(
    '/agreements/:id/requirements',
    {
      config: { access: 'agreement.read' },
      schema: {
        operationId: 'listAgreementRequirements',
        description:
          'The agreement’s compliance checklist: each requirement that applies to its type, `open`, `met` (with evidence) or `waived` (with the reason, who and when), and `satisfiedByAgreementId` when another agreement of the partner meets it now. `blockedMoves` lists the moves from the current status that open requirements stop, as a move would answer 409 `requirement_open`.',
        tags,
        summary: 'An agreement’s compliance checklist',
        params: idParams,
        response: { 200: AgreementRequirementList },
      },
    },
    async (request) => listAgreementRequirements(request.ctx, scopeOf(request), request.params.id),
  );

  app.patch(
    '/agreements/:id/requirements/:requirementId',
    {
      bodyLimit,
      config: { access: 'compliance.review', replyHeaders: ['etag'] },
      schema: {
        operationId: 'markAgreementRequirement',
        description:
          'Marks one of the agreement’s requirements (`requirementId` is the checklist entry’s `id`): `met` needs `evidence`, `waived` needs a `reason` (422 `invalid_marking` naming the field) and records who waived it and when; `open` clears both. An ended agreement is 409 `agreement_closed`. Send the entry’s `version` in If-Match: 428 without it, 412 when it changed since.',
        tags,
        summary: 'Mark an agreement’s requirement met, waived or open (admins, managers)',
        params: agreementRequirementParams,
        headers: ifMatchHeaders,
        body: AgreementRequirementUpdate,
        response: { 200: AgreementRequirement },
      },
    },
    async (request, reply) => {
      const requirement = await markAgreementRequirement(
        request.ctx,
        scopeOf(request),
        request.params.id,
        request.params.requirementId,
        request.headers['if-match'],
        request.body,
      );
      reply.header('etag', etagOf(requirement.version));
      return requirement;
    },
  );
}
