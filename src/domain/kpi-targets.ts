import {
  type KpiAggregation,
  type KpiDirection,
  type KpiUnit,
  validateMeasurementValue,
} from './kpi-units';
import { messages } from './messages';

/** The rules a KPI's target, baseline and currency follow before any math reads them. */

/** What the target check reads about a KPI. */
export interface KpiTargetInput {
  unit: KpiUnit;
  direction: KpiDirection;
  aggregation: KpiAggregation;
  target: number;
  baseline: number | null;
}

/**
 * Why a KPI's target or baseline cannot drive the math, or null. Both must be values of the
 * unit. A level (`last`, `average`) with a baseline must aim past it in the KPI's direction;
 * otherwise progress is measured from zero, so a higher-is-better target must be above 0 and a
 * lower-is-better one (a ceiling) not below 0. A sum's baseline is only last period's total.
 */
export function validateKpiTarget(
  kpi: KpiTargetInput,
): { field: 'target' | 'baseline'; message: string } | null {
  const targetMessage = validateMeasurementValue(kpi.unit, kpi.target);
  if (targetMessage !== null) return { field: 'target', message: targetMessage };
  if (kpi.baseline !== null) {
    const baselineMessage = validateMeasurementValue(kpi.unit, kpi.baseline);
    if (baselineMessage !== null) return { field: 'baseline', message: baselineMessage };
  }
  const higher = kpi.direction === 'higher';
  if (kpi.aggregation !== 'sum' && kpi.baseline !== null) {
    if (higher && kpi.target <= kpi.baseline) {
      return { field: 'target', message: messages.targetAboveBaseline };
    }
    if (!higher && kpi.target >= kpi.baseline) {
      return { field: 'target', message: messages.targetBelowBaseline };
    }
    return null;
  }
  if (higher && kpi.target <= 0) return { field: 'target', message: messages.targetAboveZero };
  if (!higher && kpi.target < 0) return { field: 'target', message: messages.minNumber(0) };
  return null;
}

/** A field of a KPI's definition at fault, as a form or the API names it. */
export type KpiDefinitionProblem = {
  field: 'currency' | 'target' | 'baseline';
  code: 'required' | 'invalid_value';
  message: string;
};

/**
 * Why a KPI definition cannot be measured: a currency exactly for the `currency` unit, and a
 * target and baseline per `validateKpiTarget`. A plan template's KPI may leave its target out
 * (null): then only its baseline is checked, and the plan made from it gets a target then.
 */
export function kpiDefinitionProblems(
  kpi: Omit<KpiTargetInput, 'target'> & { currency: string | null; target: number | null },
): KpiDefinitionProblem[] {
  const problems: KpiDefinitionProblem[] = [];
  if (kpi.unit === 'currency' && kpi.currency === null)
    problems.push({ field: 'currency', code: 'required', message: messages.required });
  if (kpi.unit !== 'currency' && kpi.currency !== null)
    problems.push({
      field: 'currency',
      code: 'invalid_value',
      message: messages.currencyOnlyForCurrency,
    });
  const target = kpi.target;
  const wrong =
    target !== null
      ? validateKpiTarget({ ...kpi, target })
      : kpi.baseline === null
        ? null
        : (() => {
            const message = validateMeasurementValue(kpi.unit, kpi.baseline);
            return message === null ? null : { field: 'baseline' as const, message };
          })();
  if (wrong) problems.push({ ...wrong, code: 'invalid_value' });
  return problems;
}
