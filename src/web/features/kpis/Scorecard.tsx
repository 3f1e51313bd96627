import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Card, Group, Loader, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Plan } from '../plans/plans.api';
import { workspaceQuery } from '../settings/settings.api';
import { DownloadLink } from './DownloadLink';
import { KpiStatusBadge } from './KpiStatusBadge';
import {
  type Kpi,
  kpisQuery,
  type Measurement,
  measurementsQuery,
  scorecardHref,
} from './kpis.api';
import classes from './scorecard.module.css';
import {
  axisValue,
  forecastOf,
  percent,
  type ScorecardRow,
  scorecardRows,
  scorecardSummary,
  value,
} from './scorecard-view';

/** How many of a KPI's latest values the scorecard lists under its chart. */
const recentCount = 3;

const aggregationWords = { sum: 'summed', last: 'latest value', average: 'averaged' };

function Figure({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} className={classes.figure}>
        {children}
      </Text>
    </div>
  );
}

/** The chart's figures as a table for screen readers: the same numbers, period by period. */
function ChartTable({ kpi, rows }: { kpi: Kpi; rows: ScorecardRow[] }) {
  const running = kpi.aggregation === 'sum';
  return (
    <VisuallyHidden>
      <table aria-label={`${kpi.name} by period`}>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">{running ? 'Actual, running total' : 'Actual'}</th>
            <th scope="col">Target by then</th>
            <th scope="col">Forecast</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period}>
              <th scope="row">{row.label}</th>
              <td>{value(kpi, row.actual)}</td>
              <td>{value(kpi, row.target)}</td>
              <td>{value(kpi, row.forecast)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
}

/** The lines' key, wrapping on a phone; each sample drawn as its line is (the forecast dashed). */
function Legend({ running }: { running: boolean }) {
  const lines = [
    { label: running ? 'Actual, running total' : 'Actual', color: 'var(--scorecard-actual)' },
    { label: 'Target by then', color: 'var(--scorecard-target)' },
    { label: 'Forecast', color: 'var(--scorecard-forecast)', dash: '6 4' },
  ];
  return (
    <Group gap="md" justify="center" mt="xs" wrap="wrap">
      {lines.map((line) => (
        <Group key={line.label} gap={6} wrap="nowrap">
          <svg width="24" height="8" aria-hidden>
            <line
              x1="0"
              y1="4"
              x2="24"
              y2="4"
              stroke={line.color}
              strokeWidth="2"
              strokeDasharray={line.dash}
            />
          </svg>
          <Text size="xs">{line.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

function KpiChart({ kpi, rows, summaryId }: { kpi: Kpi; rows: ScorecardRow[]; summaryId: string }) {
  return (
    // The chart is one picture; its summary describes it and the table below repeats its figures.
    <div
      role="img"
      aria-label={`Chart of ${kpi.name} by period`}
      aria-describedby={summaryId}
      className={classes.chart}
    >
      <LineChart
        h={220}
        data={rows.map((row) => ({
          label: row.label,
          actual: row.actual,
          target: row.target,
          forecast: row.forecast,
        }))}
        dataKey="label"
        series={[
          {
            name: 'actual',
            label: kpi.aggregation === 'sum' ? 'Actual, running total' : 'Actual',
            color: 'var(--scorecard-actual)',
          },
          { name: 'target', label: 'Target by then', color: 'var(--scorecard-target)' },
          {
            name: 'forecast',
            label: 'Forecast',
            color: 'var(--scorecard-forecast)',
            strokeDasharray: '6 4',
          },
        ]}
        curveType="linear"
        withTooltip={false}
        dotProps={{ r: 3 }}
        yAxisProps={{ width: 64, tickFormatter: (v: number) => axisValue(kpi, v) }}
        xAxisProps={{ minTickGap: 12 }}
        gridAxis="y"
      />
      <Legend running={kpi.aggregation === 'sum'} />
    </div>
  );
}

function RecentValues({
  kpi,
  values,
  rows,
}: {
  kpi: Kpi;
  values: Measurement[];
  rows: ScorecardRow[];
}) {
  const recent = [...values].reverse().slice(0, recentCount);
  const labels = new Map(rows.map((row) => [row.period, row.label]));
  return (
    <Table fz="sm" verticalSpacing={4} aria-label={`Latest values of ${kpi.name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Period</Table.Th>
          <Table.Th scope="col" ta="right">
            Value
          </Table.Th>
          <Table.Th scope="col">Note</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {recent.map((m) => (
          <Table.Tr key={m.period}>
            <Table.Td className={classes.nowrap}>{labels.get(m.period) ?? m.period}</Table.Td>
            <Table.Td ta="right" className={classes.figure}>
              {value(kpi, m.value)}
            </Table.Td>
            <Table.Td className={classes.note}>{m.note || '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function KpiScore({
  kpi,
  rows,
  values,
}: {
  kpi: Kpi;
  rows: ScorecardRow[];
  values: Measurement[];
}) {
  const titleId = useId();
  const summaryId = useId();
  const forecast = forecastOf(kpi);
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div>
            <Text component="h3" fw={600} size="md" id={titleId}>
              {kpi.name}
            </Text>
            <Text size="xs" c="dimmed">
              Target {value(kpi, kpi.target)} ·{' '}
              {kpi.direction === 'higher' ? 'higher is better' : 'lower is better'} · {kpi.cadence},{' '}
              {aggregationWords[kpi.aggregation]}
            </Text>
          </div>
          <div className={classes.badge}>
            <KpiStatusBadge status={kpi.progress.status} />
          </div>
        </Group>
        <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
          <Figure label="Attainment">{percent(kpi.progress.attainment)}</Figure>
          <Figure label="Actual to date">{value(kpi, kpi.progress.actual)}</Figure>
          <Figure label="Expected by now">{value(kpi, kpi.progress.expected)}</Figure>
          <Figure label="Forecast">{value(kpi, forecast)}</Figure>
        </SimpleGrid>
        {values.length === 0 ? (
          <Text size="sm" c="dimmed" id={summaryId}>
            No values recorded yet.
          </Text>
        ) : (
          <>
            <KpiChart kpi={kpi} rows={rows} summaryId={summaryId} />
            <Text size="sm" c="dimmed" id={summaryId}>
              {scorecardSummary(kpi, rows, values.length)}
            </Text>
            <ChartTable kpi={kpi} rows={rows} />
            <RecentValues kpi={kpi} values={values} rows={rows} />
          </>
        )}
      </Stack>
    </Card>
  );
}

/**
 * A plan's scorecard on screen: each KPI's standing, its chart (actual, target by then and the
 * forecast dashed) with a summary and a table for screen readers, and its latest values.
 */
export function Scorecard({ plan }: { plan: Plan }) {
  const workspace = useQuery({ ...workspaceQuery, retry: false });
  const settings = workspace.data?.workspace ?? null;
  const kpis = useQuery(kpisQuery(plan.id));
  const items = kpis.data?.items ?? [];
  const measurements = useQuery({ ...measurementsQuery(plan.id), enabled: items.length > 0 });
  const byKpi = new Map<string, Measurement[]>();
  for (const m of measurements.data ?? []) {
    const list = byKpi.get(m.kpiId);
    if (list) list.push(m);
    else byKpi.set(m.kpiId, [m]);
  }

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <DownloadLink href={scorecardHref(plan.id)}>Download PDF</DownloadLink>
      </Group>
      {kpis.isError ? <ErrorAlert error={kpis.error} /> : null}
      {measurements.isError ? <ErrorAlert error={measurements.error} /> : null}
      {kpis.isPending || (items.length > 0 && measurements.isPending) ? (
        <Loader size="sm" aria-label="Loading the scorecard" />
      ) : null}
      {kpis.data && items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            This plan has no KPIs yet. Add them on the plan to see how the partnership is doing.
          </Text>
        </Card>
      ) : null}
      {measurements.data
        ? items.map((kpi) => {
            const values = byKpi.get(kpi.id) ?? [];
            return (
              <KpiScore
                key={kpi.id}
                kpi={kpi}
                values={values}
                rows={scorecardRows(plan.period, kpi, values, settings)}
              />
            );
          })
        : null}
    </Stack>
  );
}
