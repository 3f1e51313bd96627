import { Button, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { formatKpiValue } from '../../../domain/kpis';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Plan } from '../plans/plans.api';
import { workspaceQuery } from '../settings/settings.api';
import { cellAt, gridLayout } from './grid-layout';
import { editText, typedValue } from './kpi-input';
import { type Kpi, type Measurement, type MeasurementWrite, recordMeasurements } from './kpis.api';
import classes from './kpis.module.css';

const keyOf = (kpiId: string, period: string) => `${kpiId}|${period}`;
type Position = { row: number; cell: number };

/**
 * Every KPI's values for the plan's months or quarters, edited with the keyboard like a
 * spreadsheet (an ARIA grid: one cell in the tab order, arrows move, Enter or typing edits,
 * Escape cancels) and saved in one request. Edits stay until the server accepts them all.
 */
export function MeasurementGrid({
  plan,
  kpis,
  measurements,
  readOnly,
  onSaved,
}: {
  plan: Plan;
  kpis: Kpi[];
  measurements: Measurement[];
  readOnly: boolean;
  onSaved: (kpis: Kpi[]) => Promise<unknown>;
}) {
  const headingId = useId();
  const workspace = useQuery({ ...workspaceQuery, retry: false });
  const settings = workspace.data?.workspace ?? null;
  const layout = useMemo(
    () => gridLayout(plan.period, kpis, settings),
    [plan.period, kpis, settings],
  );
  const stored = useMemo(
    () => new Map(measurements.map((m) => [keyOf(m.kpiId, m.period), m.value])),
    [measurements],
  );
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [active, setActive] = useState<Position>({ row: 0, cell: 0 });
  const [editing, setEditing] = useState<{ text: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const cellRefs = useRef(new Map<string, HTMLTableCellElement>());
  // Set when a key closed the editor, so the blur its unmounting fires does not commit again.
  const closedByKey = useRef(false);

  const textOf = (kpi: Kpi, period: string) => {
    const key = keyOf(kpi.id, period);
    return drafts.get(key) ?? editText(kpi.unit, stored.get(key) ?? null, kpi.currency);
  };
  const shownOf = (kpi: Kpi, period: string) => {
    const key = keyOf(kpi.id, period);
    const draft = drafts.get(key);
    if (draft !== undefined) return draft;
    const value = stored.get(key);
    return value === undefined ? '' : formatKpiValue(kpi.unit, value, kpi.currency);
  };

  const focusCell = (position: Position) => {
    setActive(position);
    const kpi = kpis[position.row];
    const cell = layout.rows[position.row]?.[position.cell];
    if (kpi && cell) cellRefs.current.get(keyOf(kpi.id, cell.period))?.focus();
  };

  const move = (from: Position, rowStep: number, cellStep: number) => {
    if (rowStep !== 0) {
      const column = layout.rows[from.row]?.[from.cell]?.start ?? 0;
      let row = from.row + rowStep;
      // Skip KPIs without cells (quarters of a one-month plan).
      while (row >= 0 && row < kpis.length && (layout.rows[row]?.length ?? 0) === 0) row += rowStep;
      if (row < 0 || row >= kpis.length) return;
      focusCell({ row, cell: cellAt(layout.rows[row] ?? [], column) });
      return;
    }
    const cells = layout.rows[from.row] ?? [];
    const cell = Math.min(Math.max(from.cell + cellStep, 0), cells.length - 1);
    focusCell({ row: from.row, cell });
  };

  const commit = (position: Position, text: string) => {
    const kpi = kpis[position.row];
    const cell = layout.rows[position.row]?.[position.cell];
    if (!kpi || !cell) return;
    const key = keyOf(kpi.id, cell.period);
    const original = editText(kpi.unit, stored.get(key) ?? null, kpi.currency);
    setDrafts((current) => {
      const next = new Map(current);
      if (text.trim() === original) next.delete(key);
      else next.set(key, text.trim());
      return next;
    });
    setErrors((current) => {
      const next = new Map(current);
      next.delete(key);
      return next;
    });
    setSaved(false);
  };

  const onCellKey = (event: KeyboardEvent<HTMLTableCellElement>, position: Position) => {
    if (editing) return;
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const step = steps[event.key];
    if (step) {
      event.preventDefault();
      move(position, step[0], step[1]);
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const last = (layout.rows[position.row]?.length ?? 1) - 1;
      focusCell({ row: position.row, cell: event.key === 'Home' ? 0 : last });
      return;
    }
    if (readOnly) return;
    const kpi = kpis[position.row];
    const cell = layout.rows[position.row]?.[position.cell];
    if (!kpi || !cell) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      setEditing({ text: textOf(kpi, cell.period) });
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      commit(position, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing replaces the value, as in a spreadsheet.
      event.preventDefault();
      setEditing({ text: event.key });
    }
  };

  const onEditorKey = (event: KeyboardEvent<HTMLInputElement>, position: Position) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closedByKey.current = true;
      setEditing(null);
      focusCell(position);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      closedByKey.current = true;
      commit(position, event.currentTarget.value);
      setEditing(null);
      focusCell(position);
    } else if (event.key === 'Tab') {
      // Tab keeps the typed value and leaves the grid, as from any cell.
      closedByKey.current = true;
      commit(position, event.currentTarget.value);
      setEditing(null);
    }
  };

  const save = async () => {
    setProblem(null);
    const writes: MeasurementWrite[] = [];
    const keys: string[] = [];
    const found = new Map<string, string>();
    for (const [key, text] of drafts) {
      const [kpiId, period] = key.split('|') as [string, string];
      const kpi = kpis.find((k) => k.id === kpiId);
      if (!kpi) continue;
      const value = typedValue(kpi.unit, text, kpi.currency);
      if ('message' in value) found.set(key, value.message);
      else {
        writes.push({ kpiId, period, value: value.value });
        keys.push(key);
      }
    }
    if (found.size > 0) {
      setErrors(found);
      setProblem(`${found.size === 1 ? 'A value needs' : `${found.size} values need`} fixing.`);
      return;
    }
    if (writes.length === 0) return;
    setSaving(true);
    try {
      const result = await recordMeasurements(plan.id, writes);
      setSaved(true);
      await onSaved(result.items);
    } catch (error) {
      const onCells = new Map<string, string>();
      const elsewhere: string[] = [];
      if (error instanceof ApiError) {
        for (const fieldError of error.fieldErrors) {
          const match = /^measurements\.(\d+)\./.exec(fieldError.field);
          const key = match ? keys[Number(match[1])] : undefined;
          if (key) onCells.set(key, fieldError.message);
          else elsewhere.push(fieldError.message);
        }
      }
      setErrors(onCells);
      setProblem(
        elsewhere.length > 0 || onCells.size === 0
          ? elsewhere.join('; ') || (error instanceof Error ? error.message : String(error))
          : `${onCells.size === 1 ? 'A value was' : `${onCells.size} values were`} refused; nothing was saved.`,
      );
    } finally {
      setSaving(false);
    }
  };

  if (layout.columns.length === 0) return null;
  const changed = drafts.size;

  return (
    <div>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Text fw={600} component="h3" size="md" id={headingId}>
          Values
        </Text>
        {readOnly ? null : (
          <Group gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {changed > 0
                ? `${changed} unsaved ${changed === 1 ? 'change' : 'changes'}`
                : saved
                  ? 'Saved'
                  : ''}
            </Text>
            <Button size="xs" onClick={() => void save()} loading={saving} disabled={changed === 0}>
              Save values
            </Button>
          </Group>
        )}
      </Group>
      {readOnly ? null : (
        <Text size="xs" c="dimmed" mb="xs" id={`${headingId}-help`}>
          Arrow keys move between cells; Enter or typing edits a value in everyday units (12.5 for
          12.5 %), Enter keeps it, Escape cancels, Delete clears it. Save sends every change at
          once.
        </Text>
      )}
      {problem ? <ErrorAlert error={problem} title="Not saved" /> : null}
      <Table.ScrollContainer minWidth={Math.max(480, 160 + layout.columns.length * 96)}>
        <Table
          role="grid"
          aria-labelledby={headingId}
          aria-describedby={readOnly ? undefined : `${headingId}-help`}
          aria-readonly={readOnly || undefined}
          withTableBorder
          withColumnBorders
          className={classes.grid}
        >
          <Table.Thead>
            <Table.Tr role="row">
              <Table.Th role="columnheader" scope="col">
                KPI
              </Table.Th>
              {layout.columns.map((column) => (
                <Table.Th role="columnheader" scope="col" key={column.period} ta="end">
                  {column.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {kpis.map((kpi, row) => (
              <Table.Tr role="row" key={kpi.id}>
                <Table.Th role="rowheader" scope="row" className={classes.rowHeader}>
                  {kpi.name}
                </Table.Th>
                {(layout.rows[row] ?? []).length === 0 ? (
                  <Table.Td role="gridcell" colSpan={layout.columns.length}>
                    <Text size="xs" c="dimmed">
                      Quarterly: no quarter fits this plan’s period.
                    </Text>
                  </Table.Td>
                ) : null}
                {(layout.rows[row] ?? []).map((cell, index) => {
                  const key = keyOf(kpi.id, cell.period);
                  const position = { row, cell: index };
                  const isActive = active.row === row && active.cell === index;
                  const error = errors.get(key);
                  const shown = shownOf(kpi, cell.period);
                  const errorId = `${headingId}-${row}-${index}-error`;
                  return (
                    <Table.Td
                      key={cell.period}
                      role="gridcell"
                      colSpan={cell.span}
                      tabIndex={isActive && !(editing && isActive) ? 0 : -1}
                      ref={(node) => {
                        if (node) cellRefs.current.set(key, node);
                        else cellRefs.current.delete(key);
                      }}
                      aria-label={`${kpi.name}, ${cell.label}: ${shown || 'no value'}${drafts.has(key) ? ', not saved' : ''}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      data-changed={drafts.has(key) || undefined}
                      data-invalid={error ? true : undefined}
                      className={classes.cell}
                      onFocus={() => setActive(position)}
                      onClick={() => focusCell(position)}
                      onDoubleClick={() =>
                        readOnly ? undefined : setEditing({ text: textOf(kpi, cell.period) })
                      }
                      onKeyDown={(event) => onCellKey(event, position)}
                    >
                      {editing && isActive ? (
                        <input
                          // The editor replaces the cell's text while it is open.
                          // biome-ignore lint/a11y/noAutofocus: focus moves into the cell being edited
                          autoFocus
                          className={classes.editor}
                          aria-label={`${kpi.name}, ${cell.label}`}
                          inputMode="decimal"
                          defaultValue={editing.text}
                          onFocus={(event) => {
                            // The caret goes after the typed character, not before it.
                            const end = event.currentTarget.value.length;
                            event.currentTarget.setSelectionRange(end, end);
                          }}
                          onKeyDown={(event) => onEditorKey(event, position)}
                          onBlur={(event) => {
                            if (!closedByKey.current) {
                              commit(position, event.currentTarget.value);
                              setEditing(null);
                            }
                            closedByKey.current = false;
                          }}
                        />
                      ) : (
                        <span>{shown}</span>
                      )}
                      {error ? (
                        <Text size="xs" c="red" id={errorId} className={classes.error}>
                          {error}
                        </Text>
                      ) : null}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {readOnly ? null : (
        <Text size="xs" c="dimmed" mt={4}>
          A blank cell saved over a value removes it.
        </Text>
      )}
    </div>
  );
}
