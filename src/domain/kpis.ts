import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { CurrencyCode, currencyExponent } from './money';
import { type MeasurementKind, PeriodLabel } from './periods';
import { multiLineText, singleLineText } from './text';

/**
 * The KPI vocabulary (issue 9, decision 038) and how each unit stores its values. Every stored
 * value is a whole number, so sums and averages in SQL and in `kpi-math.ts` never round:
 *
 * - `count`: a whole count, never negative.
 * - `currency`: integer minor units of the KPI's ISO 4217 currency (cents for EUR, yen for JPY).
 * - `percent`: whole basis points, hundredths of a percent (12.5 % is 1250); may be negative.
 * - `duration`: whole seconds, never negative; the screens show minutes, hours or days.
 */

export const kpiUnits = ['count', 'currency', 'percent', 'duration'] as const;
export const kpiUnit = z.enum(kpiUnits);
export type KpiUnit = z.infer<typeof kpiUnit>;

export const kpiDirections = ['higher', 'lower'] as const;
export const kpiDirection = z.enum(kpiDirections);
export type KpiDirection = z.infer<typeof kpiDirection>;

export const kpiCadences = ['monthly', 'quarterly'] as const;
export const kpiCadence = z.enum(kpiCadences);
export type KpiCadence = z.infer<typeof kpiCadence>;

/** How the sub-periods' values make the period's: their sum, the latest, or their mean. */
export const kpiAggregations = ['sum', 'last', 'average'] as const;
export const kpiAggregation = z.enum(kpiAggregations);
export type KpiAggregation = z.infer<typeof kpiAggregation>;

export const kpiSources = ['manual', 'import', 'api'] as const;
export const kpiSource = z.enum(kpiSources);
export type KpiSource = z.infer<typeof kpiSource>;

/** Best first: a status later in the list is worse. */
export const kpiStatuses = ['on_track', 'at_risk', 'off_track'] as const;
export const kpiStatus = z.enum(kpiStatuses);
export type KpiStatus = z.infer<typeof kpiStatus>;

/** The periods a cadence measures in, for `subPeriods(plan period, kind)` in `periods.ts`. */
export const kpiCadenceKind: Record<KpiCadence, MeasurementKind> = {
  monthly: 'month',
  quarterly: 'quarter',
};

/** How many stored units make one shown unit: 100 cents a euro, 100 basis points a percent. */
export function valueScale(unit: KpiUnit, currency: string | null = null): number {
  if (unit === 'currency') return 10 ** currencyExponent(currency ?? '');
  if (unit === 'percent') return 100;
  return 1;
}

/** A stored value as a person reads it: 123456 cents as 1234.56, 1250 basis points as 12.5. */
export function shownValue(unit: KpiUnit, stored: number, currency: string | null = null): number {
  return stored / valueScale(unit, currency);
}

/** The largest stored value: beyond it a JavaScript number loses whole units. */
export const maxStoredValue = Number.MAX_SAFE_INTEGER;

const canBeNegative: Record<KpiUnit, boolean> = {
  count: false,
  currency: true,
  percent: true,
  duration: false,
};

/** Why a stored value is not one of the unit's, or null when it is. */
export function validateMeasurementValue(unit: KpiUnit, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return messages.invalid;
  if (!Number.isInteger(value)) return messages.wholeNumber;
  if (value > maxStoredValue) return messages.maxNumber(maxStoredValue);
  const min = canBeNegative[unit] ? -maxStoredValue : 0;
  if (value < min) return messages.minNumber(min);
  return null;
}

/**
 * The stored value of what a person typed in the unit's everyday terms (`12.5` percent, `19.99`
 * euros), or why it cannot be stored: more decimals than the unit keeps, or out of range.
 */
export function storedValue(
  unit: KpiUnit,
  shown: number,
  currency: string | null = null,
): { value: number } | { message: string } {
  if (!Number.isFinite(shown)) return { message: messages.invalid };
  const scale = valueScale(unit, currency);
  const scaled = shown * scale;
  const value = Math.round(scaled);
  // 0.29 * 100 is 28.999999999999996: allow the float's noise, not a real extra decimal.
  if (Math.abs(scaled - value) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    return { message: messages.decimalPlaces(Math.round(Math.log10(scale))) };
  }
  const message = validateMeasurementValue(unit, value);
  return message === null ? { value: Object.is(value, -0) ? 0 : value } : { message };
}

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

/** At most this many KPIs on one plan, and measurements in one batch write or import. */
export const maxKpisPerPlan = 50;
export const maxMeasurementsPerBatch = 1000;
export const maxMeasurementNote = 2000;

const storedUnitsNote =
  'in stored units: cents (the currency’s minor unit) for `currency`, basis points for `percent` (12.5 % is 1250), seconds for `duration`, the count for `count`';

const ownerMemberId = uuid.nullable().describe('The member who owns the KPI on our side, if any');
const ownerContactId = uuid
  .nullable()
  .describe('The contact of the plan’s partner who owns the KPI on their side, if any');
const kpiName = singleLineText({ min: 1, max: 200 }).describe('What is measured');
const storedNumber = (what: string) =>
  z.number().describe(`${what}, ${storedUnitsNote}; a whole number`);

/** A new KPI of a draft or proposed plan; it goes last in the plan's order. */
export const KpiCreate = z
  .object({
    name: kpiName,
    unit: kpiUnit,
    currency: CurrencyCode.nullable()
      .default(null)
      .describe('ISO 4217 code; required for the `currency` unit, null for the others'),
    target: storedNumber('The period’s target'),
    baseline: storedNumber('Where the KPI stood when the period began').nullable().default(null),
    direction: kpiDirection.default('higher').describe('Whether higher or lower is better'),
    cadence: kpiCadence.default('monthly').describe('Measured each month or each quarter'),
    aggregation: kpiAggregation
      .default('sum')
      .describe('How the values make the period’s: their sum, the last one, or their average'),
    ownerMemberId: ownerMemberId.default(null),
    ownerContactId: ownerContactId.default(null),
    source: kpiSource.default('manual').describe('Where its values come from'),
  })
  .strict()
  .meta({ id: 'KpiCreate' });
export type KpiCreate = z.infer<typeof KpiCreate>;
export type KpiCreateInput = z.input<typeof KpiCreate>;

/** A change to a KPI of a draft or proposed plan; fields left out keep their values. */
export const KpiUpdate = z
  .object({
    name: kpiName.optional(),
    unit: kpiUnit.optional(),
    currency: CurrencyCode.nullable().optional(),
    target: storedNumber('The period’s target').optional(),
    baseline: storedNumber('Where the KPI stood when the period began').nullable().optional(),
    direction: kpiDirection.optional(),
    cadence: kpiCadence.optional(),
    aggregation: kpiAggregation.optional(),
    ownerMemberId: ownerMemberId.optional(),
    ownerContactId: ownerContactId.optional(),
    source: kpiSource.optional(),
  })
  .strict()
  .meta({ id: 'KpiUpdate' });
export type KpiUpdate = z.infer<typeof KpiUpdate>;
export type KpiUpdateInput = z.input<typeof KpiUpdate>;

const share = z.number().nullable();

/** A KPI's progress as stored: `kpiProgress` (kpi-math.ts) for the workspace's `asOf` day. */
export const KpiProgressView = z
  .object({
    asOf: z
      .string()
      .nullable()
      .describe('The workspace’s day (YYYY-MM-DD) it was computed for; refreshed daily'),
    actual: z.number().nullable().describe(`The period’s value so far, ${storedUnitsNote}`),
    expected: z.number().nullable().describe('What the actual should be by now on a straight path'),
    attainment: share.describe('Actual against target: 0 at the start, 1 at the target, at most 2'),
    pace: share.describe('Actual against expected-to-date, measured the same way'),
    runRateForecast: z.number().nullable().describe('The period’s end value at the pace so far'),
    trendForecast: z
      .number()
      .nullable()
      .describe(
        'The period’s end value on the least-squares line; null with fewer than two values',
      ),
    forecastAttainment: share.describe('Attainment of the forecast the status reads'),
    status: kpiStatus
      .nullable()
      .describe(
        '`on_track`, `at_risk` or `off_track` (docs/kpi-math.md); null while nothing is due',
      ),
  })
  .meta({ id: 'KpiProgress' });
export type KpiProgressView = z.infer<typeof KpiProgressView>;

const timestamp = z.iso.datetime();

export const Kpi = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    position: z.number().int().describe('Its place in the plan’s order, from 0'),
    name: z.string(),
    unit: kpiUnit,
    currency: z.string().nullable(),
    target: z.number().describe(`The period’s target, ${storedUnitsNote}`),
    baseline: z.number().nullable().describe(`The baseline, ${storedUnitsNote}`),
    direction: kpiDirection,
    cadence: kpiCadence,
    aggregation: kpiAggregation,
    ownerMemberId: z.uuid().nullable(),
    ownerContactId: z.uuid().nullable(),
    source: kpiSource,
    progress: KpiProgressView,
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Kpi' });
export type Kpi = z.infer<typeof Kpi>;

export const KpiList = z
  .object({ items: z.array(Kpi).describe('The plan’s KPIs in order') })
  .meta({ id: 'KpiList' });
export type KpiList = z.infer<typeof KpiList>;

export const Measurement = z
  .object({
    kpiId: z.uuid(),
    period: z.string().describe('The month (`FY2027-M03`) or quarter (`FY2027-Q1`) it is for'),
    value: z.number().describe(`The value, ${storedUnitsNote}`),
    source: kpiSource.describe('How it was recorded'),
    note: z.string(),
    recordedById: z.uuid().nullable().describe('The member who recorded it; null for an API key'),
    recordedAt: timestamp,
  })
  .meta({ id: 'Measurement' });
export type Measurement = z.infer<typeof Measurement>;

export const MeasurementList = z
  .object({ items: z.array(Measurement).describe('Oldest period first') })
  .meta({ id: 'MeasurementList' });
export type MeasurementList = z.infer<typeof MeasurementList>;

export const MeasurementWrite = z
  .object({
    kpiId: uuid.describe('A KPI of this plan'),
    period: PeriodLabel.describe(
      'A period of the KPI’s cadence inside the plan’s period: a month (`FY2027-M03`) for a monthly KPI, a quarter (`FY2027-Q1`) for a quarterly one',
    ),
    value: z
      .number()
      .nullable()
      .describe(`The value, ${storedUnitsNote}; null removes the period’s value`),
    currency: z
      .string()
      .max(3, messages.currency)
      .optional()
      .describe(
        'When sent, must be the KPI’s currency (a check that the amount means what you think)',
      ),
    note: multiLineText({ max: maxMeasurementNote }).optional(),
  })
  .strict()
  .meta({ id: 'MeasurementWrite' });
export type MeasurementWrite = z.infer<typeof MeasurementWrite>;

export const MeasurementBatch = z
  .object({
    measurements: z
      .array(MeasurementWrite)
      .max(maxMeasurementsPerBatch, messages.maxItems(maxMeasurementsPerBatch))
      .describe(
        `Up to ${maxMeasurementsPerBatch} values, one per KPI and period; a period recorded again replaces its value`,
      ),
  })
  .strict()
  .meta({ id: 'MeasurementBatch' });
export type MeasurementBatch = z.infer<typeof MeasurementBatch>;
export type MeasurementBatchInput = z.input<typeof MeasurementBatch>;

/** What an import does with one row of the sheet. */
export const MeasurementImportRow = z
  .object({
    row: z
      .number()
      .int()
      .describe('The row number as the spreadsheet shows it (the header is row 1)'),
    kpiId: z.uuid(),
    kpiName: z.string(),
    period: z.string(),
    value: z.number().describe(`The value ${storedUnitsNote}`),
    note: z.string(),
    previous: z.number().nullable().describe('The period’s value before, null when it had none'),
    change: z.enum(['add', 'replace', 'unchanged']),
  })
  .meta({ id: 'MeasurementImportRow' });

export const MeasurementImport = z
  .object({
    dryRun: z.boolean().describe('True when nothing was written: a preview'),
    rows: z.array(MeasurementImportRow),
    written: z
      .number()
      .int()
      .describe('Values written (0 in a dry run; unchanged rows are skipped)'),
    kpis: z.array(Kpi).describe('The plan’s KPIs with their progress after the import'),
  })
  .meta({ id: 'MeasurementImport' });
export type MeasurementImport = z.infer<typeof MeasurementImport>;

export const MeasurementImportQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .describe('`true` answers the preview and writes nothing'),
  })
  .strict();

/**
 * A value in stored units (cents, basis points, seconds) as a person reads it: `€1,234.56`,
 * `12.5 %`, `3.5 h`. `locale` undefined is the reader's own (the browser's; the server's in PDFs
 * unless one is given).
 */
export function formatKpiValue(
  unit: KpiUnit,
  stored: number,
  currency: string | null,
  locale?: string,
): string {
  const value = shownValue(unit, stored, currency);
  if (unit === 'currency' && currency) {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  }
  if (unit === 'percent') return `${new Intl.NumberFormat(locale).format(value)} %`;
  if (unit === 'duration') {
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    if (value < 3600) return `${number.format(value / 60)} min`;
    if (value < 86_400) return `${number.format(value / 3600)} h`;
    return `${number.format(value / 86_400)} days`;
  }
  return new Intl.NumberFormat(locale).format(value);
}
