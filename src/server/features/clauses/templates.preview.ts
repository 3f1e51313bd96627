import {
  agreementTypeLabels,
  type TemplatePreview,
  type TemplatePreviewRequest,
} from '../../../domain/clauses';
import { fillDocument, inspectText, templateValuesOf } from '../../../domain/contract-text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { getPartner, partnerRef } from '../partners/partners.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import { templateClauses, visibleTemplate } from './templates.service';

/**
 * A template filled from the partner's record and the agreement fields of the request, as
 * Markdown. Every variable that is unknown or has no value is listed at once (422
 * `template_variables`), each named as the field at fault, never left blank.
 */
export async function previewTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  input: TemplatePreviewRequest,
): Promise<TemplatePreview> {
  const db = dbOf(ctx);
  const template = await visibleTemplate(db, scope, id);
  if (!(await partnerRef(db, scope, input.partnerId)))
    throw errors.invalidReference('partnerId', 'partner');
  const partner = await getPartner(ctx, scope, input.partnerId);
  const { workspace } = await getWorkspace(ctx, scope);
  const clauses = await templateClauses(db, scope, template.id);
  const values = templateValuesOf({
    workspace: { name: workspace.name },
    partner: {
      name: partner.name,
      domains: partner.domains,
      country: partner.country ?? null,
      industry: partner.industry ?? null,
    },
    agreement: {
      title: input.title ?? null,
      typeLabel: agreementTypeLabels[template.agreementType as keyof typeof agreementTypeLabels],
      effectiveDate: input.effectiveDate ?? null,
      endDate: input.endDate ?? null,
      noticePeriodDays: input.noticePeriodDays ?? null,
      renewalTermMonths: input.renewalTermMonths ?? null,
      value: input.value ?? null,
      governingLaw: input.governingLaw ?? null,
    },
  });
  const parts = clauses.map((c) => ({ id: c.id, title: c.title, text: c.body }));
  const filled = fillDocument(input.title || template.name, parts, values);
  if (!filled.ok) {
    const names = filled.problems.map((p) => p.name ?? 'template');
    throw new AppError(
      422,
      'template_variables',
      'The template cannot be filled',
      `Missing or unknown: ${names.join(', ')}`,
      filled.problems.map((p) => ({
        field: p.name ?? 'template',
        code: p.code,
        message: p.message,
      })),
      {
        variables: filled.problems.map((p) => ({
          name: p.name,
          code: p.code,
          clauseIds: p.clauseIds,
        })),
      },
    );
  }
  const variables = [
    ...new Set(parts.flatMap((p) => [p.title, p.text]).flatMap((t) => inspectText(t).variables)),
  ];
  return { text: filled.text, variables };
}
