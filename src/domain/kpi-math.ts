import type { KpiAggregation, KpiDirection, KpiStatus } from './kpis';

/**
 * A KPI's progress in its period: actual to date, attainment, pace, run-rate and trend
 * forecasts, and the status. Pure functions of plain numbers, so the API, the dashboards, the
 * PDF reports and the tests agree. The formulas are in `docs/kpi-math.md` (decision 038);
 * change both together. Values are the unit's stored whole numbers (`kpis.ts`), read as numbers.
 */

/** Attainment and pace stop here: twice the target shows over-achievement without swamping. */
export const attainmentCap = 2;
/** The outlook (the better of pace and forecast attainment) at or above which a KPI is on track. */
export const onTrackAt = 0.95;
/** The outlook at or above which a KPI is at risk rather than off track. */
export const atRiskAt = 0.8;

/** What progress reads about the KPI itself. */
export interface KpiGoal {
  target: number;
  /** Where the KPI stood when the period began; `null` when unknown. */
  baseline: number | null;
  direction: KpiDirection;
  aggregation: KpiAggregation;
}

export interface KpiMathInput extends KpiGoal {
  /** Sub-periods in the period: 12 months of a year, 4 quarters, 3 months of a quarter. */
  subPeriods: number;
  /**
   * Sub-periods elapsed so far, fractional mid-way, from 0 to `subPeriods`: the plan period's
   * `elapsedFraction` times `subPeriods`.
   */
  elapsed: number;
  /** The values recorded, each in its 0-based sub-period. */
  measurements: ReadonlyArray<{ index: number; value: number }>;
}

export interface KpiTrendLine {
  /** The fitted value of sub-period 0 and the change per sub-period. */
  intercept: number;
  slope: number;
}

export interface KpiProgress {
  /** The sub-periods the expected value and the run rate count (see `countedElapsed`). */
  countedElapsed: number;
  actual: number | null;
  expected: number;
  attainment: number | null;
  pace: number | null;
  runRateForecast: number | null;
  trendForecast: number | null;
  trendLine: KpiTrendLine | null;
  /** Attainment of the forecast the status reads: the trend's when there is one, else the run rate's. */
  forecastAttainment: number | null;
  /** `null` while nothing is recorded and not one sub-period has passed: nothing is due yet. */
  status: KpiStatus | null;
}

type Point = { index: number; value: number };

/** The input made safe: sane period, finite numbers, one value per sub-period sorted by index. */
interface Prepared extends KpiGoal {
  subPeriods: number;
  elapsed: number;
  counted: number;
  points: Point[];
}

const finiteOr = <T>(value: number, fallback: T): number | T =>
  Number.isFinite(value) ? value : fallback;

/** A result past the largest number stays the largest, so a better input never loses its forecast. */
const bounded = (value: number): number | null =>
  Number.isNaN(value) ? null : Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, value));

function clampShare(share: number): number {
  if (Number.isNaN(share)) return 0;
  return Math.min(attainmentCap, Math.max(0, share));
}

/** Several values in one sub-period become one, the way the aggregation combines values. */
function onePerSubPeriod(aggregation: KpiAggregation, points: Point[]): Point[] {
  const bySubPeriod = new Map<number, number[]>();
  for (const { index, value } of points) {
    const values = bySubPeriod.get(index) ?? [];
    values.push(value);
    bySubPeriod.set(index, values);
  }
  return [...bySubPeriod]
    .map(([index, values]) => {
      const total = values.reduce((sum, v) => sum + v, 0);
      if (aggregation === 'sum') return { index, value: total };
      if (aggregation === 'average') return { index, value: total / values.length };
      return { index, value: values[values.length - 1] ?? 0 };
    })
    .sort((a, b) => a.index - b.index);
}

function prepare(input: KpiMathInput): Prepared {
  const subPeriods =
    Number.isFinite(input.subPeriods) && input.subPeriods >= 1 ? Math.floor(input.subPeriods) : 1;
  const elapsed = Math.min(subPeriods, Math.max(0, finiteOr(input.elapsed, 0)));
  const valid = input.measurements.filter(
    (m) =>
      Number.isInteger(m.index) && m.index >= 0 && m.index < subPeriods && Number.isFinite(m.value),
  );
  const points = onePerSubPeriod(input.aggregation, valid);
  return {
    target: finiteOr(input.target, 0),
    baseline: input.baseline === null ? null : finiteOr(input.baseline, null),
    direction: input.direction,
    aggregation: input.aggregation,
    subPeriods,
    elapsed,
    counted: countedElapsed(elapsed, points),
    points,
  };
}

/**
 * The elapsed time the actual is judged over: the sub-periods gone by, and the one still
 * running only as far as it has a value. Values usually arrive when a month ends, so on
 * 15 March a plan with January and February recorded is judged over two months, not two and
 * a half; a missing past month still counts, as zero.
 */
function countedElapsed(elapsed: number, points: Point[]): number {
  const latest = points[points.length - 1];
  const whole = Math.floor(elapsed);
  return latest === undefined ? whole : Math.max(whole, Math.min(elapsed, latest.index + 1));
}

/**
 * Where progress is measured from: a level's baseline, else zero when higher is better. A sum
 * starts every period at zero (its baseline is last period's total, context only). A lower-is-
 * better KPI with nothing to start from has none: its target is a ceiling.
 */
function startOf(goal: KpiGoal): number | null {
  if (goal.aggregation !== 'sum' && goal.baseline !== null) return goal.baseline;
  return goal.direction === 'higher' ? 0 : null;
}

/** The share of the way from `start` to `goal` that `value` has come, in the KPI's direction. */
function reach(value: number, goal: number, start: number | null, direction: KpiDirection) {
  if (direction === 'higher') {
    const from = start ?? 0;
    return clampShare(goal > from ? (value - from) / (goal - from) : value >= goal ? 1 : 0);
  }
  if (start !== null) {
    return clampShare(start > goal ? (start - value) / (start - goal) : value <= goal ? 1 : 0);
  }
  // A ceiling: met while at or under it, then the share of the value the ceiling allows.
  return clampShare(value <= goal ? 1 : goal > 0 ? goal / value : 0);
}

/** Attainment of a given actual: 0 at the start, 1 at the target, at most `attainmentCap`. */
export function attainmentOf(actual: number, goal: KpiGoal): number {
  const target = finiteOr(goal.target, 0);
  const baseline = goal.baseline === null ? null : finiteOr(goal.baseline, null);
  const safe = { ...goal, target, baseline };
  return reach(actual, target, startOf(safe), goal.direction);
}

function actualOf(p: Prepared): number | null {
  if (p.points.length === 0) return null;
  const total = p.points.reduce((sum, point) => sum + point.value, 0);
  if (p.aggregation === 'sum') return bounded(total);
  if (p.aggregation === 'average') return bounded(total / p.points.length);
  return p.points[p.points.length - 1]?.value ?? null;
}

/**
 * What the actual should be by now on a straight path: a sum's pro-rata share of the target; a
 * last value's line from its start to the target; an average's target itself (every
 * sub-period should average it); a ceiling's target.
 */
function expectedOf(p: Prepared): number {
  const share = p.counted / p.subPeriods;
  if (p.aggregation === 'sum') return p.target * share;
  const start = startOf(p);
  if (p.aggregation === 'average' || start === null) return p.target;
  return finiteOr(start + (p.target - start) * share, p.target);
}

/** The actual measured against the expected-to-date the way attainment measures it against the target. */
function paceOf(p: Prepared, actual: number | null): number | null {
  return actual === null ? null : reach(actual, expectedOf(p), startOf(p), p.direction);
}

function runRateOf(p: Prepared, actual: number | null): number | null {
  if (actual === null) return null;
  if (p.aggregation !== 'sum') return actual;
  return p.counted > 0 ? bounded((actual / p.counted) * p.subPeriods) : null;
}

/** The least-squares line through the sub-periods' values, or null with fewer than two. */
function lineOf(p: Prepared): KpiTrendLine | null {
  const n = p.points.length;
  if (n < 2) return null;
  const meanX = p.points.reduce((sum, point) => sum + point.index, 0) / n;
  const meanY = p.points.reduce((sum, point) => sum + point.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const { index, value } of p.points) {
    sxy += (index - meanX) * (value - meanY);
    sxx += (index - meanX) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  return Number.isFinite(slope) && Number.isFinite(intercept) ? { intercept, slope } : null;
}

/**
 * The line carried to the period's end: a last value's fitted value in the last sub-period; for
 * a sum, the actual plus the fitted values of the sub-periods after the latest recorded one; for
 * an average, the mean of the recorded values and those fitted values.
 */
function trendOf(p: Prepared, line: KpiTrendLine | null, actual: number | null): number | null {
  const latest = p.points[p.points.length - 1];
  if (line === null || actual === null || latest === undefined) return null;
  const fitted = (index: number) => line.intercept + line.slope * index;
  if (p.aggregation === 'last') return bounded(fitted(p.subPeriods - 1));
  // Closed form of the fitted values' sum over sub-periods latest+1 … subPeriods-1.
  const ahead = p.subPeriods - 1 - latest.index;
  const aheadSum =
    ahead > 0 ? (ahead * (fitted(latest.index + 1) + fitted(p.subPeriods - 1))) / 2 : 0;
  if (p.aggregation === 'sum') return bounded(actual + aheadSum);
  const recorded = p.points.length;
  return bounded((actual * recorded + aheadSum) / (recorded + ahead));
}

/**
 * The status rule: nothing recorded is `at_risk` once a sub-period has passed (and `null`
 * before); otherwise the outlook, the better of pace and forecast attainment, against
 * `onTrackAt` and `atRiskAt`. The better of the two, because each alone misjudges: pace ignores
 * momentum, and a run rate underrates a level that is still climbing.
 */
function statusOf(
  p: Prepared,
  pace: number | null,
  forecastAttainment: number | null,
): KpiStatus | null {
  if (pace === null) return p.elapsed >= 1 ? 'at_risk' : null;
  const outlook = Math.max(pace, forecastAttainment ?? 0);
  if (outlook >= onTrackAt) return 'on_track';
  return outlook >= atRiskAt ? 'at_risk' : 'off_track';
}

/** Everything about a KPI's progress in one object, as the API serves it. */
export function kpiProgress(input: KpiMathInput): KpiProgress {
  const p = prepare(input);
  const actual = actualOf(p);
  const pace = paceOf(p, actual);
  const runRateForecast = runRateOf(p, actual);
  const trendLine = lineOf(p);
  const trendForecast = trendOf(p, trendLine, actual);
  const forecast = trendForecast ?? runRateForecast;
  const forecastAttainment =
    forecast === null ? null : reach(forecast, p.target, startOf(p), p.direction);
  return {
    countedElapsed: p.counted,
    actual,
    expected: expectedOf(p),
    attainment: actual === null ? null : reach(actual, p.target, startOf(p), p.direction),
    pace,
    runRateForecast,
    trendForecast,
    trendLine,
    forecastAttainment,
    status: statusOf(p, pace, forecastAttainment),
  };
}

/** The period's value so far: the sum, the latest or the mean of the values; null when none. */
export function actualToDate(input: KpiMathInput): number | null {
  return actualOf(prepare(input));
}

/** The actual's share of the way to the target, from 0 to `attainmentCap`; null when none. */
export function attainment(input: KpiMathInput): number | null {
  return kpiProgress(input).attainment;
}

export function expectedToDate(input: KpiMathInput): number {
  return expectedOf(prepare(input));
}

/** Where the period ends if it goes on as so far: a sum's pace, a level's latest or mean value. */
export function runRateForecast(input: KpiMathInput): number | null {
  return kpiProgress(input).runRateForecast;
}

/** Where the period ends on the least-squares line; null with fewer than two sub-periods recorded. */
export function trendForecast(input: KpiMathInput): number | null {
  return kpiProgress(input).trendForecast;
}

export function kpiStatus(input: KpiMathInput): KpiStatus | null {
  return kpiProgress(input).status;
}
