import type { Content, TableCell } from 'pdfmake/interfaces';
import { countryName } from '../../../domain/countries';
import type { PortfolioDashboard } from '../../../domain/dashboard';
import type { HealthBand } from '../../../domain/health';
import { humanize } from '../../../domain/text';
import { type Bar, barChartSvg } from '../../documents/charts';
import { colors, ruledTable } from '../../documents/pdf-style';

/** One row of the report's partner table. */
export interface PortfolioPartnerRow {
  name: string;
  stage: string;
  type: string;
  tier: string | null;
  country: string | null;
  owner: string | null;
  healthScore: number | null;
}

export interface PortfolioReportData {
  dashboard: PortfolioDashboard;
  /** The filters in words (`Type: Reseller; Tier: Gold`), or null when none is applied. */
  filters: string | null;
  partners: PortfolioPartnerRow[];
  /** How many partners the filters match; more than `partners` when the table is cut. */
  partnerCount: number;
}

const bandLabels: Record<HealthBand, string> = {
  atRisk: 'At risk',
  fair: 'Fair',
  healthy: 'Healthy',
};
const bandColors: Record<HealthBand, string> = {
  atRisk: colors.bad,
  fair: colors.warning,
  healthy: colors.good,
};

const chartWidth = 236;

function figure(value: string, label: string): Content {
  return {
    stack: [
      { text: value, style: 'figure' },
      { text: label, style: 'small' },
    ],
  };
}

function chart(title: string, bars: Bar[]): Content {
  return {
    stack: [
      { text: title, style: 'subheading' },
      bars.length > 0 ? { svg: barChartSvg(bars, chartWidth) } : { text: 'None', style: 'small' },
    ],
  };
}

function partnerTable(rows: PortfolioPartnerRow[]): Content {
  const header: TableCell[] = [
    'Partner',
    'Stage',
    'Type',
    'Tier',
    'Country',
    'Owner',
    'Health',
  ].map((text) => ({ text, style: 'tableHeader' }));
  const body: TableCell[][] = rows.map((row) => [
    row.name,
    humanize(row.stage),
    humanize(row.type),
    row.tier ?? '—',
    row.country ? countryName(row.country) : '—',
    row.owner ?? '—',
    { text: row.healthScore === null ? '—' : String(row.healthScore), alignment: 'right' },
  ]);
  return {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'],
      body: [header, ...body],
    },
    layout: ruledTable,
    fontSize: 8.5,
  };
}

/**
 * The portfolio report: the dashboard's figures as charts and a table of the partners behind
 * them, for executives. Every name in it is text (DESIGN §11).
 */
export function portfolioReportContent(data: PortfolioReportData): Content[] {
  const { dashboard } = data;
  const scored = dashboard.health.bands.reduce((sum, band) => sum + band.count, 0);
  const healthy = dashboard.health.bands.find((band) => band.band === 'healthy')?.count ?? 0;
  const atRisk = dashboard.health.bands.find((band) => band.band === 'atRisk')?.count ?? 0;
  const agreed = dashboard.plans.byStatus
    .filter((row) => row.status === 'agreed' || row.status === 'active')
    .reduce((sum, row) => sum + row.count, 0);
  const cut = data.partnerCount > data.partners.length;
  return [
    { text: 'Portfolio report', style: 'title' },
    {
      text: `${dashboard.partners.count} partners, archived ones left out${data.filters ? ` · ${data.filters}` : ''}`,
      style: 'subtitle',
    },
    {
      columns: [
        figure(String(dashboard.partners.count), 'partners'),
        figure(
          scored > 0 ? `${Math.round((healthy / scored) * 100)} %` : '—',
          'healthy of those scored',
        ),
        figure(String(atRisk), 'at risk by health score'),
        figure(
          `${agreed} of ${dashboard.plans.count}`,
          `plans agreed or active (${dashboard.plans.periods.join(', ')})`,
        ),
      ],
      columnGap: 12,
      margin: [0, 0, 0, 8],
    },
    {
      columns: [
        chart(
          'Partners by stage',
          dashboard.byStage.map((row) => ({ label: humanize(row.stage), value: row.count })),
        ),
        chart('Health', [
          ...dashboard.health.bands.map((row) => ({
            label: `${bandLabels[row.band]} (${row.min}–${row.max})`,
            value: row.count,
            color: bandColors[row.band],
          })),
          { label: 'Not scored yet', value: dashboard.health.unscored, color: colors.rule },
        ]),
      ],
      columnGap: 24,
    },
    {
      columns: [
        chart(
          'Partners by type',
          dashboard.byType.map((row) => ({ label: humanize(row.type), value: row.count })),
        ),
        chart(
          'Partners by tier',
          dashboard.byTier.map((row) => ({ label: row.tier ?? 'No tier', value: row.count })),
        ),
      ],
      columnGap: 24,
    },
    { text: `Plans of ${dashboard.plans.periods.join(' and ')}`, style: 'heading' },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto'],
        body: [
          [
            { text: 'Status', style: 'tableHeader' },
            { text: 'Plans', style: 'tableHeader', alignment: 'right' },
          ],
          ...dashboard.plans.byStatus.map((row): TableCell[] => [
            humanize(row.status),
            { text: String(row.count), alignment: 'right' },
          ]),
        ],
      },
      layout: ruledTable,
    },
    { text: 'Partners', style: 'heading', pageBreak: 'before' },
    {
      text: cut
        ? `The first ${data.partners.length} of ${data.partnerCount} partners by name; export the partner list for all of them.`
        : `All ${data.partnerCount} partners by name.`,
      style: 'small',
      margin: [0, 0, 0, 6],
    },
    partnerTable(data.partners),
  ];
}
