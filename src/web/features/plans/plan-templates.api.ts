import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type PlanTemplate = components['schemas']['PlanTemplate'];
export type PlanTemplateBody = components['schemas']['PlanTemplateCreate'];
export type PlanTemplateUpdateBody = components['schemas']['PlanTemplateUpdate'];

/** The workspace's templates (a few dozen at most: one answer); `archived: 'any'` for settings. */
export const planTemplatesQuery = (archived: 'false' | 'any' = 'false') =>
  queryOptions({
    queryKey: ['plan-templates', archived],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/plan-templates', { params: { query: { archived } }, signal }))
        .items,
    staleTime: 30_000,
  });

export const templateEtag = (template: PlanTemplate) => `"${template.version}"`;

export async function createPlanTemplate(body: PlanTemplateBody) {
  return unwrap(await api.POST('/api/v1/plan-templates', { body }));
}

export async function updatePlanTemplate(template: PlanTemplate, body: PlanTemplateUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/plan-templates/{id}', {
      params: { path: { id: template.id }, header: { 'if-match': templateEtag(template) } },
      body,
    }),
  );
}

export async function deletePlanTemplate(template: PlanTemplate) {
  await unwrap(
    await api.DELETE('/api/v1/plan-templates/{id}', {
      params: { path: { id: template.id }, header: { 'if-match': templateEtag(template) } },
    }),
  );
}
