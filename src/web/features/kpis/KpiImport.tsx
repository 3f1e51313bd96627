import { Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { formatKpiValue } from '../../../domain/kpis';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { importMeasurements, type Kpi, type MeasurementImport } from './kpis.api';

const changeLabels = { add: 'New', replace: 'Replaces', unchanged: 'Unchanged' };

/** `rows.7.value` as "Row 7, value". */
function rowError(field: string): string {
  const match = /^rows\.(\d+)\.?(.*)$/.exec(field);
  if (!match) return field;
  return match[2] ? `Row ${match[1]}, ${match[2]}` : `Row ${match[1]}`;
}

/** Measurements from a CSV or XLSX sheet: a preview first, then all rows or none. */
export function KpiImport({
  planId,
  kpis,
  onImported,
}: {
  planId: string;
  kpis: Kpi[];
  onImported: () => Promise<unknown>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<MeasurementImport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await importMeasurements(planId, file, dryRun);
      if (dryRun) setPreview(result);
      else {
        setPreview(null);
        setFile(null);
        setDone(`Imported ${result.written} ${result.written === 1 ? 'value' : 'values'}.`);
        await onImported();
      }
    } catch (caught) {
      setPreview(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const kpiOf = (id: string) => kpis.find((kpi) => kpi.id === id);
  const rowErrors = error instanceof ApiError ? error.fieldErrors : [];

  return (
    <Stack gap="xs">
      <Text fw={600} component="h3" size="md">
        Import values
      </Text>
      <Text size="xs" c="dimmed">
        A CSV or XLSX sheet with the columns kpi (name or id), period (FY2027-M03 or FY2027-Q1),
        value in everyday units and, optionally, note. You see what it would change before anything
        is written.
      </Text>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <FileInput
          label="Sheet"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(next) => {
            setFile(next);
            setPreview(null);
            setError(null);
            setDone(null);
          }}
          leftSection={<IconUpload size={16} aria-hidden />}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the chosen sheet' }}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
        <Button
          variant="default"
          disabled={!file}
          loading={busy && !preview}
          onClick={() => void run(true)}
        >
          Preview
        </Button>
      </Group>
      {done ? (
        <Text size="sm" role="status">
          {done}
        </Text>
      ) : null}
      {error ? (
        <ErrorAlert
          error={
            rowErrors.length > 0
              ? `${rowErrors.length === 1 ? 'A row has' : `${rowErrors.length} rows have`} faults; nothing was imported.`
              : error
          }
          title="Cannot import this sheet"
        />
      ) : null}
      {rowErrors.length > 0 ? (
        <Table.ScrollContainer minWidth={360}>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Where</Table.Th>
                <Table.Th scope="col">Fault</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rowErrors.map((fault) => (
                <Table.Tr key={`${fault.field}-${fault.code}`}>
                  <Table.Td>{rowError(fault.field)}</Table.Td>
                  <Table.Td>{fault.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {preview ? (
        <Stack gap="xs">
          <Text size="sm" role="status">
            {preview.rows.length} {preview.rows.length === 1 ? 'row' : 'rows'} read; nothing is
            written until you import.
          </Text>
          <Table.ScrollContainer minWidth={520} mah={360}>
            <Table withTableBorder stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Row</Table.Th>
                  <Table.Th scope="col">KPI</Table.Th>
                  <Table.Th scope="col">Period</Table.Th>
                  <Table.Th scope="col" ta="end">
                    Value
                  </Table.Th>
                  <Table.Th scope="col">Change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((row) => {
                  const kpi = kpiOf(row.kpiId);
                  const show = (value: number) =>
                    kpi ? formatKpiValue(kpi.unit, value, kpi.currency) : String(value);
                  return (
                    <Table.Tr key={row.row}>
                      <Table.Td>{row.row}</Table.Td>
                      <Table.Td>{row.kpiName}</Table.Td>
                      <Table.Td>{row.period}</Table.Td>
                      <Table.Td ta="end">{show(row.value)}</Table.Td>
                      <Table.Td>
                        {changeLabels[row.change]}
                        {row.change === 'replace' && row.previous !== null
                          ? ` ${show(row.previous)}`
                          : ''}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group gap="xs">
            <Button onClick={() => void run(false)} loading={busy}>
              Import {preview.rows.length} {preview.rows.length === 1 ? 'row' : 'rows'}
            </Button>
            <Button variant="default" onClick={() => setPreview(null)}>
              Cancel
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
