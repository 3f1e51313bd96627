import { z } from 'zod';
import { uuid } from './ids';
import {
  kpiAggregation,
  kpiCadence,
  kpiDirection,
  kpiSource,
  kpiStatus,
  kpiUnit,
} from './kpi-units';
import { messages } from './messages';
import { CurrencyCode } from './money';
import { PeriodLabel } from './periods';
import { multiLineText, singleLineText } from './text';

/**
 * The shapes the API reads and answers for KPIs and their measurements (issue 9, decision 038).
 * The units and how they store values, and the target rules, live in their own modules and are
 * re-exported here.
 */

export * from './kpi-targets';
export * from './kpi-units';

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
