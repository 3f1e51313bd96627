import type { TemplatePreview, TemplatePreviewRequest } from '../../../domain/clauses';
import { inspectText } from '../../../domain/contract-text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { fillTemplate } from './templates.fill';
import { visibleTemplate } from './templates.service';

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
  const template = await visibleTemplate(dbOf(ctx), scope, id);
  const { text, parts } = await fillTemplate(ctx, scope, template, input.partnerId, {
    title: input.title ?? null,
    effectiveDate: input.effectiveDate ?? null,
    endDate: input.endDate ?? null,
    noticePeriodDays: input.noticePeriodDays ?? null,
    renewalTermMonths: input.renewalTermMonths ?? null,
    value: input.value ?? null,
    governingLaw: input.governingLaw ?? null,
  });
  const variables = [
    ...new Set(parts.flatMap((p) => [p.title, p.text]).flatMap((t) => inspectText(t).variables)),
  ];
  return { text, variables };
}
