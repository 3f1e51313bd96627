import type { Content, TableCell } from 'pdfmake/interfaces';
import { kpiChartSeries, periodTargets } from '../../../domain/kpi-chart';
import {
  formatKpiValue,
  type Kpi,
  type KpiStatus,
  type Measurement,
  shownValue,
} from '../../../domain/kpis';
import { dateAt } from '../../../domain/periods';
import type { OwnerSide, Plan } from '../../../domain/plans';
import { humanize } from '../../../domain/text';
import { lineChartSvg } from '../../documents/charts';
import { markdownToPdf } from '../../documents/markdown-pdf';
import { colors, ruledTable } from '../../documents/pdf-style';

/** The locale of numbers in PDFs: day-month dates and grouped thousands, as the footer reads. */
const locale = 'en-GB';

export interface ScorecardKpi {
  kpi: Kpi;
  /** The KPI's months or quarters in the plan's period, in order, as the chart labels them. */
  periods: Array<{ label: string; shown: string }>;
  measurements: Measurement[];
}

export interface ScorecardData {
  plan: Plan;
  /** The workspace's time zone: the day a value was recorded is its date there. */
  timeZone: string;
  objectives: Array<{ text: string; ownerSide: OwnerSide; owner: string | null }>;
  kpis: ScorecardKpi[];
}

export const statusLabels: Record<KpiStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};
const statusColors: Record<KpiStatus, string> = {
  on_track: colors.good,
  at_risk: colors.warning,
  off_track: colors.bad,
};

const sideLabels: Record<OwnerSide, string> = { us: 'Us', partner: 'Partner', both: 'Both' };

/** A value in whole stored units (a target or forecast by then may fall between them). */
function value(kpi: Kpi, stored: number | null | undefined): string {
  return stored == null ? '—' : formatKpiValue(kpi.unit, Math.round(stored), kpi.currency, locale);
}

/** An axis tick, short: `€1.2M`, `45 %`, `12 h`, `3.4K`. */
function axisValue(kpi: Kpi, stored: number): string {
  const shown = shownValue(kpi.unit, stored, kpi.currency);
  const compact = (n: number, options: Intl.NumberFormatOptions = {}) =>
    new Intl.NumberFormat(locale, { notation: 'compact', ...options }).format(n);
  if (kpi.unit === 'currency' && kpi.currency) {
    return compact(shown, { style: 'currency', currency: kpi.currency });
  }
  if (kpi.unit === 'percent') return `${compact(shown)} %`;
  if (kpi.unit === 'duration') return `${compact(shown / 3600)} h`;
  return compact(shown);
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

function status(kpi: Kpi): { text: string; color: string; bold?: boolean } {
  const current = kpi.progress.status;
  return current
    ? { text: statusLabels[current], color: statusColors[current], bold: true }
    : { text: 'Not due yet', color: colors.dimmed };
}

function kpiSection(item: ScorecardKpi, timeZone: string): Content[] {
  const { kpi } = item;
  const series = kpiChartSeries(item);
  const targets = periodTargets(kpi.aggregation, series.target);
  const targetOf = new Map(item.periods.map((p, i) => [p.label, targets[i] ?? null]));
  const recent = [...item.measurements].reverse().slice(0, 6);
  const facts = [
    `Target ${value(kpi, kpi.target)}${kpi.baseline === null ? '' : ` from a baseline of ${value(kpi, kpi.baseline)}`}`,
    `${kpi.direction === 'higher' ? 'higher' : 'lower'} is better`,
    `${kpi.cadence}, ${kpi.aggregation === 'sum' ? 'summed' : kpi.aggregation === 'last' ? 'latest value' : 'averaged'} over the period`,
  ];
  return [
    {
      columns: [
        { text: kpi.name, style: 'subheading', width: '*' },
        { ...status(kpi), width: 'auto', margin: [0, 10, 0, 4] },
      ],
    },
    { text: facts.join(' · '), style: 'small', margin: [0, 0, 0, 4] },
    {
      svg: lineChartSvg({
        width: 499,
        height: 150,
        labels: item.periods.map((p) => p.shown),
        series: [
          {
            name: kpi.aggregation === 'sum' ? 'Actual, running total' : 'Actual',
            values: series.actual,
            color: colors.primary,
          },
          { name: 'Forecast', values: series.forecast, color: colors.forecast, dashed: true },
          { name: 'Target by then', values: series.target, color: colors.warning, dashed: true },
        ],
        format: (v) => axisValue(kpi, v),
      }),
    },
    {
      text: [
        { text: 'Attainment ', color: colors.dimmed },
        percent(kpi.progress.attainment),
        { text: '   Actual to date ', color: colors.dimmed },
        value(kpi, kpi.progress.actual),
        { text: '   Expected by now ', color: colors.dimmed },
        value(kpi, kpi.progress.expected),
        { text: '   Forecast ', color: colors.dimmed },
        value(kpi, kpi.progress.trendForecast ?? kpi.progress.runRateForecast),
      ],
      margin: [0, 4, 0, 4],
    },
    recent.length === 0
      ? { text: 'No measurements yet.', style: 'small', margin: [0, 0, 0, 8] }
      : {
          table: {
            headerRows: 1,
            widths: ['auto', 'auto', 'auto', '*', 'auto'],
            body: [
              [
                'Period',
                'Value',
                kpi.aggregation === 'sum' ? 'Period’s target' : 'Target by then',
                'Note',
                'Recorded',
              ].map((text): TableCell => ({ text, style: 'tableHeader' })),
              ...recent.map((m): TableCell[] => [
                m.period,
                { text: value(kpi, m.value), alignment: 'right' },
                { text: value(kpi, targetOf.get(m.period)), alignment: 'right' },
                m.note,
                dateAt(Date.parse(m.recordedAt), timeZone),
              ]),
            ],
          },
          layout: ruledTable,
          fontSize: 8.5,
          margin: [0, 0, 0, 10],
        },
  ];
}

/**
 * The partner scorecard: the plan (summary, objectives), every KPI's standing in one table, then
 * each KPI with its chart, figures and latest measurements. Names and notes are text.
 */
export function scorecardContent(data: ScorecardData): Content[] {
  const { plan } = data;
  const agreement = plan.agreement
    ? `version ${plan.agreement.versionNumber} agreed by ${plan.agreement.agreedBy} on ${plan.agreement.agreedOn}`
    : 'not agreed yet';
  const summary: TableCell[][] = data.kpis.map(({ kpi }) => [
    kpi.name,
    { text: value(kpi, kpi.target), alignment: 'right' },
    { text: value(kpi, kpi.progress.expected), alignment: 'right' },
    { text: value(kpi, kpi.progress.actual), alignment: 'right' },
    { text: percent(kpi.progress.attainment), alignment: 'right' },
    status(kpi),
  ]);
  return [
    { text: plan.partnerName, style: 'title' },
    {
      text: `${plan.period} joint business plan · ${humanize(plan.status)} · ${agreement}`,
      style: 'subtitle',
    },
    ...(plan.summary.trim() ? markdownToPdf(plan.summary) : []),
    { text: 'Objectives', style: 'heading' },
    data.objectives.length === 0
      ? { text: 'No objectives yet.', style: 'small' }
      : {
          ol: data.objectives.map((objective) => ({
            stack: [
              objective.text,
              {
                text: `Owned by ${sideLabels[objective.ownerSide].toLowerCase()}${objective.owner ? ` · ${objective.owner}` : ''}`,
                style: 'small',
              },
            ],
            margin: [0, 0, 0, 4],
          })),
        },
    { text: 'KPIs', style: 'heading' },
    data.kpis.length === 0
      ? { text: 'No KPIs yet.', style: 'small' }
      : {
          table: {
            headerRows: 1,
            widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto'],
            body: [
              ['KPI', 'Target', 'Expected by now', 'Actual to date', 'Attainment', 'Status'].map(
                (text): TableCell => ({ text, style: 'tableHeader' }),
              ),
              ...summary,
            ],
          },
          layout: ruledTable,
        },
    ...data.kpis.flatMap((item, i) => [
      ...(i === 0
        ? [{ text: 'KPI by KPI', style: 'heading', pageBreak: 'before' } as Content]
        : []),
      { stack: kpiSection(item, data.timeZone), unbreakable: true } as Content,
    ]),
  ];
}
