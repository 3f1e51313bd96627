import { randomId } from '@mantine/hooks';
import { messages } from '../../../domain/messages';
import type { OwnerSide } from '../../../domain/plans';
import { typedValue } from '../kpis/kpi-input';
import type { PlanTemplate } from './plan-templates.api';
import type { Plan, PlanCreateBody } from './plans.api';

/** What the plan form holds, and the body it sends: no React here, so tests read it plainly. */

export type ObjectiveValues = {
  /** Keeps each row's fields with it while objectives move; never sent. */
  key: string;
  text: string;
  ownerSide: OwnerSide;
  ownerMemberId: string;
  ownerContactId: string;
};

export type PlanFormValues = {
  partnerId: string;
  period: string;
  summary: string;
  objectives: ObjectiveValues[];
  /** A new plan's template (decision 045), and the target typed for each of its KPIs. */
  templateId: string;
  kpiTargets: string[];
};

export const blankObjective = (): ObjectiveValues => ({
  key: randomId(),
  text: '',
  ownerSide: 'us',
  ownerMemberId: '',
  ownerContactId: '',
});

export function planFormValues(
  plan: Plan | undefined,
  defaults: { partnerId?: string; period: string },
): PlanFormValues {
  return {
    partnerId: plan?.partnerId ?? defaults.partnerId ?? '',
    period: plan?.period ?? defaults.period,
    summary: plan?.summary ?? '',
    objectives: plan
      ? plan.objectives.map((objective) => ({
          key: randomId(),
          text: objective.text,
          ownerSide: objective.ownerSide,
          ownerMemberId: objective.ownerMemberId ?? '',
          ownerContactId: objective.ownerContactId ?? '',
        }))
      : [blankObjective()],
    templateId: '',
    kpiTargets: [],
  };
}

/** The template's KPI targets as typed, in stored units (null: the template's), or errors. */
export function templateTargets(values: PlanFormValues, template: PlanTemplate | null) {
  const errors: Record<string, string> = {};
  const targets = (template?.kpis ?? []).map((kpi, index) => {
    const typed = typedValue(kpi.unit, values.kpiTargets[index] ?? '', kpi.currency);
    if ('message' in typed) errors[`kpiTargets.${index}`] = typed.message;
    else if (typed.value === null && kpi.target === null)
      errors[`kpiTargets.${index}`] = messages.templateKpiTarget;
    return 'value' in typed ? typed.value : null;
  });
  return { targets, errors };
}

/**
 * The body a form sends; objectives keep their order, so field errors name the right row. With
 * a template, blank objective rows are left out: the template brings its own.
 */
export function planBody(
  values: PlanFormValues,
  template: PlanTemplate | null = null,
): PlanCreateBody {
  const withTemplate = values.templateId !== '' && template !== null;
  return {
    partnerId: values.partnerId,
    period: values.period,
    summary: values.summary.trim(),
    objectives: values.objectives
      .filter((objective) => !withTemplate || objective.text.trim() !== '')
      .map((objective) => ({
        text: objective.text.trim(),
        ownerSide: objective.ownerSide,
        ownerMemberId: objective.ownerMemberId || null,
        ownerContactId: objective.ownerContactId || null,
      })),
    ...(withTemplate
      ? { templateId: values.templateId, kpiTargets: templateTargets(values, template).targets }
      : {}),
  };
}
