import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Card, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { HealthBand } from '../../../domain/health';
import { CardHeading } from '../../components/CardHeading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { bandColors, bandLabels } from '../health/health-labels';
import { PortfolioReportLink } from '../kpis/DownloadLink';
import { humanize } from '../partners/partner-labels';
import type { PartnerListSearch } from '../partners/partner-list-search';
import type { PlanListSearch } from '../plans/plan-list-search';
import { type DashboardLink, type PortfolioDashboard, portfolioQuery } from './dashboard.api';
import { percent, plural } from './dashboard-format';
import { partnerSearchOf, planSearchOf } from './dashboard-search';
import { OffTrackCard } from './OffTrackCard';
import { PortfolioFilters } from './PortfolioFilters';

/** Where a figure clicks through to: the partner or plan list, filtered. */
type FigureLink =
  | { to: '/partners'; search: PartnerListSearch }
  | { to: '/plans'; search: PlanListSearch };

/** One figure of a chart: its label, count, colour and the list behind it. */
type Figure = { label: string; count: number; color: string; link: FigureLink | null };

const partnersAt = (link: DashboardLink): FigureLink => ({
  to: '/partners',
  search: partnerSearchOf(link),
});

function FigureAnchor({ link, label, count }: { link: FigureLink; label: string; count: number }) {
  const name = `${label}: ${count}, show them`;
  return link.to === '/partners' ? (
    <AnchorLink to="/partners" search={link.search} aria-label={name}>
      {count}
    </AnchorLink>
  ) : (
    <AnchorLink to="/plans" search={link.search} aria-label={name}>
      {count}
    </AnchorLink>
  );
}

/** "Active 12, Prospect 3, …": the chart's figures as one sentence for screen readers. */
function summaryOf(title: string, figures: Figure[], unit: [string, string]): string {
  const total = figures.reduce((sum, f) => sum + f.count, 0);
  const parts = figures.filter((f) => f.count > 0).map((f) => `${f.label} ${f.count}`);
  return `${title}: ${plural(total, ...unit)}${parts.length ? `; ${parts.join(', ')}` : ''}.`;
}

const toFigure =
  (label: (key: string) => string, color: string) =>
  (row: { key: string; count: number; link: DashboardLink | null }): Figure => ({
    label: label(row.key),
    count: row.count,
    color,
    link: row.link ? partnersAt(row.link) : null,
  });

/** The figures as a table: the chart's text alternative, every count a link to its list. */
function FigureTable({ title, figures, unit }: { title: string; figures: Figure[]; unit: string }) {
  return (
    <Table verticalSpacing={4} fz="sm" aria-label={title}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{unit}</Table.Th>
          <Table.Th scope="col" ta="right">
            Count
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {figures.map((figure) => (
          <Table.Tr key={figure.label}>
            <Table.Th scope="row" fw={400}>
              {figure.label}
            </Table.Th>
            <Table.Td ta="right">
              {figure.link ? (
                <FigureAnchor link={figure.link} label={figure.label} count={figure.count} />
              ) : (
                figure.count
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function BarCard({
  title,
  unit,
  figures,
  color,
}: {
  title: string;
  unit: string;
  figures: Figure[];
  color: string;
}) {
  const navigate = useNavigate();
  const summary = summaryOf(title, figures, ['partner', 'partners']);
  const open = (index: number) => {
    const link = figures[index]?.link;
    if (link) void navigate(link);
  };
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading title={title} />
        {/* The chart repeats the table below it; screen readers get its summary instead. */}
        <div role="img" aria-label={summary}>
          <BarChart
            h={Math.max(120, figures.length * 34)}
            data={figures.map((f) => ({ label: f.label, count: f.count }))}
            dataKey="label"
            orientation="vertical"
            series={[{ name: 'count', label: 'Partners', color }]}
            yAxisProps={{ width: 110, interval: 0 }}
            gridAxis="none"
            withTooltip={false}
            barProps={{ cursor: 'pointer', onClick: (_: unknown, index: number) => open(index) }}
          />
        </div>
        <FigureTable title={`${title}, as a table`} figures={figures} unit={unit} />
      </Stack>
    </Card>
  );
}

function HealthCard({ health }: { health: PortfolioDashboard['health'] }) {
  const figures: Figure[] = [
    ...health.bands.map((band) => ({
      label: bandLabels[band.band as HealthBand],
      count: band.count,
      color: bandColors[band.band as HealthBand],
      link: partnersAt(band.link),
    })),
    { label: 'Not scored yet', count: health.unscored, color: 'gray.6', link: null },
  ];
  const scored = health.bands.reduce((sum, band) => sum + band.count, 0);
  const summary = summaryOf('Health', figures, ['partner', 'partners']);
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading title="Health" caption="Each partner's latest daily score." />
        <Group justify="center" role="img" aria-label={summary}>
          <DonutChart
            data={figures
              .filter((f) => f.count > 0)
              .map((f) => ({ name: f.label, value: f.count, color: f.color }))}
            chartLabel={plural(scored, 'scored', 'scored')}
            withTooltip={false}
            size={180}
            thickness={28}
          />
        </Group>
        <FigureTable title="Health, as a table" figures={figures} unit="Band" />
      </Stack>
    </Card>
  );
}

function PlansCard({ plans }: { plans: PortfolioDashboard['plans'] }) {
  const figures: Figure[] = plans.byStatus.map((row) => ({
    label: humanize(row.status),
    count: row.count,
    color: 'violet.6',
    link: { to: '/plans', search: planSearchOf(row.link) },
  }));
  const title = `Plans of ${plans.periods.join(' and ')}`;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading title={title} />
        {plans.count === 0 ? (
          <Text size="sm" c="dimmed">
            No plans for these periods yet.
          </Text>
        ) : (
          <div role="img" aria-label={summaryOf(title, figures, ['plan', 'plans'])}>
            <BarChart
              h={Math.max(120, figures.length * 34)}
              data={figures.map((f) => ({ label: f.label, count: f.count }))}
              dataKey="label"
              orientation="vertical"
              series={[{ name: 'count', label: 'Plans', color: 'violet.6' }]}
              yAxisProps={{ width: 110, interval: 0 }}
              gridAxis="none"
              withTooltip={false}
            />
          </div>
        )}
        <FigureTable title={`${title}, as a table`} figures={figures} unit="Status" />
      </Stack>
    </Card>
  );
}

const kpiStatusLabels: Record<string, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};
const kpiStatusColors: Record<string, string> = {
  on_track: 'teal.6',
  at_risk: 'yellow.6',
  off_track: 'red.6',
};

/** KPI attainment across active plans, and the partners that are off track and why. */
function KpiCard({ kpis }: { kpis: PortfolioDashboard['kpis'] }) {
  const figures: Figure[] = [
    ...kpis.byStatus.map((row) => ({
      label: kpiStatusLabels[row.status] ?? row.status,
      count: row.count,
      color: kpiStatusColors[row.status] ?? 'gray.6',
      link: { to: '/plans' as const, search: planSearchOf(row.link) },
    })),
    { label: 'Nothing due yet', count: kpis.notDue, color: 'gray.6', link: null },
  ];
  const summary = `${summaryOf('KPIs of active plans', figures, ['KPI', 'KPIs'])} Mean attainment ${percent(kpis.meanAttainment)}.`;
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading
          title="KPIs of active plans"
          caption={<>Mean attainment to date: {percent(kpis.meanAttainment)} of target.</>}
        />
        {kpis.count === 0 ? (
          <Text size="sm" c="dimmed">
            No active plan has KPIs yet.
          </Text>
        ) : (
          <Group justify="center" role="img" aria-label={summary}>
            <DonutChart
              data={figures
                .filter((f) => f.count > 0)
                .map((f) => ({ name: f.label, value: f.count, color: f.color }))}
              chartLabel={plural(kpis.count, 'KPI', 'KPIs')}
              withTooltip={false}
              size={180}
              thickness={28}
            />
          </Group>
        )}
        <FigureTable title="KPIs of active plans, as a table" figures={figures} unit="Status" />
      </Stack>
    </Card>
  );
}

export function DashboardPage() {
  const search = useSearch({ from: '/app/dashboard' });
  const navigate = useNavigate({ from: '/dashboard' });
  const dashboard = useQuery(portfolioQuery(search));
  const data = dashboard.data;

  return (
    <Stack gap="md">
      <PageTitle title="Dashboard" />
      <PortfolioReportLink search={search} />
      <PortfolioFilters
        label="Filter the dashboard"
        search={search}
        onChange={(next) => navigate({ search: next, replace: true })}
      />
      {dashboard.error ? <ErrorAlert error={dashboard.error} /> : null}
      {!data ? (
        dashboard.isPending ? (
          <Loader role="status" aria-label="Loading the dashboard" />
        ) : null
      ) : (
        <>
          <Text aria-live="polite">
            <AnchorLink to="/partners" search={partnerSearchOf(data.partners.link)} fw={600}>
              {plural(data.partners.count, 'active partner', 'active partners')}
            </AnchorLink>
            {' · '}
            {plural(data.plans.count, 'plan', 'plans')} for {data.plans.periods.join(' and ')}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <BarCard
              title="Partners by stage"
              unit="Stage"
              color="teal.6"
              figures={data.byStage.map((row) =>
                toFigure(humanize, 'teal.6')({ key: row.stage, ...row }),
              )}
            />
            <HealthCard health={data.health} />
            <KpiCard kpis={data.kpis} />
            <OffTrackCard offTrack={data.kpis.offTrack} />
            <PlansCard plans={data.plans} />
            <BarCard
              title="Partners by tier"
              unit="Tier"
              color="blue.6"
              figures={data.byTier.map((row) =>
                toFigure(
                  (key) => (key ? humanize(key) : 'No tier'),
                  'blue.6',
                )({
                  ...row,
                  key: row.tier ?? '',
                }),
              )}
            />
            <BarCard
              title="Partners by type"
              unit="Type"
              color="indigo.6"
              figures={data.byType.map((row) =>
                toFigure(humanize, 'indigo.6')({ key: row.type, ...row }),
              )}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
