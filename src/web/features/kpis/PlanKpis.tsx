import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatKpiValue } from '../../../domain/kpis';
import { isEditable } from '../../../domain/plans';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Column } from '../../components/list/columns';
import { DataTable } from '../../components/list/DataTable';
import { can, useSession } from '../auth/session';
import type { Plan } from '../plans/plans.api';
import { EmailScorecardButton } from '../reports/EmailScorecardButton';
import { DownloadLink } from './DownloadLink';
import { KpiForm } from './KpiForm';
import { KpiImport } from './KpiImport';
import { KpiStatusBadge } from './KpiStatusBadge';
import {
  createKpi,
  deleteKpi,
  type Kpi,
  type KpiCreateBody,
  type KpiUpdateBody,
  kpisKey,
  kpisQuery,
  measurementsQuery,
  scorecardHref,
  updateKpi,
} from './kpis.api';
import { MeasurementGrid } from './MeasurementGrid';

const percent = (share: number | null) =>
  share === null
    ? '—'
    : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(share * 100)} %`;

function forecastOf(kpi: Kpi): string {
  const forecast = kpi.progress.trendForecast ?? kpi.progress.runRateForecast;
  return forecast === null ? '—' : formatKpiValue(kpi.unit, Math.round(forecast), kpi.currency);
}

/**
 * The KPI list: a table on wide screens and one card per KPI on phones (the shared list pattern),
 * so nothing scrolls sideways at 390 px.
 */
function kpiColumns(
  withActions: boolean,
  edit: (kpi: Kpi) => void,
  remove: (kpi: Kpi) => void,
): Column<Kpi>[] {
  const columns: Column<Kpi>[] = [
    {
      key: 'name',
      header: 'KPI',
      width: 'minmax(160px, 2fr)',
      primary: true,
      cell: (kpi) => (
        <>
          <Text fw={500} size="sm">
            {kpi.name}
          </Text>
          <Text size="xs" c="dimmed">
            {kpi.cadence === 'monthly' ? 'Monthly' : 'Quarterly'},{' '}
            {kpi.direction === 'higher' ? 'higher is better' : 'lower is better'}
          </Text>
        </>
      ),
    },
    {
      key: 'target',
      header: 'Target',
      width: 'minmax(90px, 1fr)',
      cell: (kpi) => formatKpiValue(kpi.unit, kpi.target, kpi.currency),
    },
    {
      key: 'actual',
      header: 'Actual',
      width: 'minmax(90px, 1fr)',
      cell: (kpi) =>
        kpi.progress.actual === null
          ? '—'
          : formatKpiValue(kpi.unit, kpi.progress.actual, kpi.currency),
    },
    {
      key: 'attainment',
      header: 'Attainment',
      width: 'minmax(90px, 1fr)',
      cell: (kpi) => percent(kpi.progress.attainment),
    },
    {
      key: 'status',
      header: 'Status',
      width: 'minmax(110px, 1fr)',
      cell: (kpi) => <KpiStatusBadge status={kpi.progress.status} />,
    },
    { key: 'forecast', header: 'Forecast', width: 'minmax(90px, 1fr)', cell: forecastOf },
  ];
  if (!withActions) return columns;
  return [
    ...columns,
    {
      key: 'actions',
      header: 'Actions',
      width: '84px',
      actions: true,
      cell: (kpi) => (
        <Group gap={4} wrap="nowrap">
          <Tooltip label={`Edit ${kpi.name}`}>
            <ActionIcon variant="subtle" aria-label={`Edit ${kpi.name}`} onClick={() => edit(kpi)}>
              <IconEdit size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={`Delete ${kpi.name}`}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${kpi.name}`}
              onClick={() => remove(kpi)}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      ),
    },
  ];
}

/** Only the fields that changed, so a KPI with values is not asked to change its unit. */
function changedFields(kpi: Kpi, body: KpiCreateBody): KpiUpdateBody {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (kpi[key as keyof Kpi] !== value) changes[key] = value;
  }
  return changes as KpiUpdateBody;
}

/** The plan's KPIs with their standing, their values in a grid, and the import. */
export function PlanKpis({ plan }: { plan: Plan }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const kpis = useQuery(kpisQuery(plan.id));
  const items = kpis.data?.items ?? [];
  const measurements = useQuery({ ...measurementsQuery(plan.id), enabled: items.length > 0 });
  const [editing, setEditing] = useState<Kpi | 'new' | null>(null);
  const writer = can(session, 'plan.write');
  const editable = isEditable(plan.status);
  const recordable = plan.status !== 'closed';
  const refresh = () => queryClient.invalidateQueries({ queryKey: kpisKey(plan.id) });
  const withValues = new Set(measurements.data?.map((m) => m.kpiId) ?? []);

  const confirmDelete = (kpi: Kpi) =>
    modals.openConfirmModal({
      title: `Delete the KPI “${kpi.name}”?`,
      children: 'Its values are deleted with it.',
      labels: { confirm: 'Delete KPI', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          await deleteKpi(kpi);
          notifications.show({ color: 'teal', message: `Deleted the KPI “${kpi.name}”.` });
        } catch (error) {
          notifications.show({ color: 'red', title: 'Not deleted', message: describeError(error) });
        } finally {
          await refresh();
        }
      },
    });

  return (
    <section aria-labelledby="plan-kpis">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Text fw={600} component="h2" size="lg" id="plan-kpis">
          KPIs
        </Text>
        <Group gap="xs">
          <DownloadLink href={scorecardHref(plan.id)}>Download scorecard (PDF)</DownloadLink>
          <EmailScorecardButton plan={plan} />
          {writer && editable ? (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setEditing('new')}
            >
              Add KPI
            </Button>
          ) : null}
        </Group>
      </Group>
      {writer && !editable ? (
        <Alert color="gray" icon={<IconLock size={18} aria-hidden />} mb="sm">
          KPIs are added and changed only while the plan is a draft or proposed
          {recordable ? '; their values can still be recorded.' : '.'}
        </Alert>
      ) : null}
      {kpis.isError ? <ErrorAlert error={kpis.error} /> : null}
      {kpis.isPending ? <Loader size="sm" aria-label="Loading KPIs" /> : null}
      {kpis.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No KPIs yet.
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Stack gap="lg">
          <DataTable
            label="KPIs"
            rows={items}
            columns={kpiColumns(writer && editable, setEditing, confirmDelete)}
            rowKey={(kpi) => kpi.id}
          />
          {measurements.isError ? <ErrorAlert error={measurements.error} /> : null}
          {measurements.data ? (
            <MeasurementGrid
              key={measurements.dataUpdatedAt}
              plan={plan}
              kpis={items}
              measurements={measurements.data}
              readOnly={!writer || !recordable}
              onSaved={(next) => {
                queryClient.setQueryData(kpisKey(plan.id), { items: next });
                return refresh();
              }}
            />
          ) : null}
          {writer && recordable ? (
            <KpiImport planId={plan.id} kpis={items} onImported={refresh} />
          ) : null}
        </Stack>
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' || editing === null ? 'Add a KPI' : `Edit ${editing.name}`}
        size="lg"
      >
        {editing !== null ? (
          <KpiForm
            kpi={editing === 'new' ? undefined : editing}
            hasValues={editing !== 'new' && withValues.has(editing.id)}
            onCancel={() => setEditing(null)}
            save={async (body) => {
              if (editing === 'new') await createKpi(plan.id, body);
              else await updateKpi(editing, changedFields(editing, body));
              setEditing(null);
              await refresh();
            }}
          />
        ) : null}
      </Modal>
    </section>
  );
}
