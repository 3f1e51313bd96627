import { Badge, Box, Card, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import type { KpiUnit } from '../../../domain/kpis';
import { ownerSides } from '../../../domain/plans';
import { formatKpiValue } from './kpi-values';
import { ownerSideLabels } from './plan-labels';
import type { PlanChange } from './plans.api';
import classes from './plans.module.css';

const fieldNames: Record<string, string> = {
  text: 'text',
  ownerSide: 'owned by',
  ownerMemberId: 'our owner',
  ownerContactId: 'partner’s owner',
  name: 'name',
  unit: 'unit',
  currency: 'currency',
  target: 'target',
  baseline: 'baseline',
  direction: 'better when',
  cadence: 'measured',
  aggregation: 'adds up as',
};

/** `objectives.2.text` as people read it: "Objective 3: text"; `kpis.0.target`: "KPI 1: target". */
export function changeFieldName(field: string): string {
  if (field === 'summary') return 'Summary';
  const [list, index, key] = field.split('.');
  const what = list === 'kpis' ? 'KPI' : 'Objective';
  return `${what} ${Number(index) + 1}: ${fieldNames[key ?? ''] ?? key}`;
}

const kpiWords: Record<string, string> = {
  higher: 'higher',
  lower: 'lower',
  monthly: 'monthly',
  quarterly: 'quarterly',
  sum: 'sum',
  last: 'last value',
  average: 'average',
};

const changeWords = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** A line diff: each added or removed line says so in words and with an icon, not colour alone. */
function LineDiff({ lines }: { lines: NonNullable<PlanChange['lines']> }) {
  return (
    <Box component="ol" className={classes.diff} aria-label="Line by line">
      {lines.map((line, index) => (
        <li
          // Lines repeat; their place in the diff is what tells them apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: the diff is rendered once, never reordered
          key={index}
          className={classes[line.op]}
        >
          <span className={classes.mark} aria-hidden>
            {line.op === 'added' ? (
              <IconPlus size={14} />
            ) : line.op === 'removed' ? (
              <IconMinus size={14} />
            ) : null}
          </span>
          {line.op === 'equal' ? null : (
            <VisuallyHidden component="span">
              {line.op === 'added' ? 'Added: ' : 'Removed: '}
            </VisuallyHidden>
          )}
          <span className={classes.text}>{line.text === '' ? '\u00a0' : line.text}</span>
        </li>
      ))}
    </Box>
  );
}

type Props = {
  changes: PlanChange[];
  /** A member's or contact's name from their id. */
  personName: (field: string, id: string) => string;
  /** The unit of a KPI as agreed (`before`) or now (`after`), to read its stored values. */
  kpiUnit: (
    side: 'before' | 'after',
    index: number,
  ) => { unit: KpiUnit; currency: string | null } | undefined;
};

/** The changes of the version being worked on against the agreed one, field by field. */
export function PlanChangeList({ changes, personName, kpiUnit }: Props) {
  const shown = (field: string, value: string | null, side: 'before' | 'after') => {
    if (value === null) return 'none';
    const [list, index, key] = field.split('.');
    if (list === 'kpis') {
      const unit = kpiUnit(side, Number(index));
      if ((key === 'target' || key === 'baseline') && unit) {
        return formatKpiValue(unit.unit, Number(value), unit.currency);
      }
      return kpiWords[value] ?? value;
    }
    if (field.endsWith('.ownerSide') && (ownerSides as readonly string[]).includes(value)) {
      return ownerSideLabels[value as keyof typeof ownerSideLabels];
    }
    if (field.endsWith('.ownerMemberId') || field.endsWith('.ownerContactId')) {
      return personName(field, value);
    }
    return value;
  };
  return (
    <Stack gap="sm" component="ul" className={classes.changes}>
      {changes.map((change) => (
        <Card key={change.field} withBorder padding="md" component="li">
          <Group gap="xs" mb={change.lines ? 'xs' : 0}>
            <Text fw={600} size="sm" component="h3">
              {changeFieldName(change.field)}
            </Text>
            <Badge
              size="sm"
              variant="light"
              color={
                change.change === 'added' ? 'green' : change.change === 'removed' ? 'red' : 'blue'
              }
            >
              {changeWords[change.change]}
            </Badge>
          </Group>
          {change.lines ? (
            <LineDiff lines={change.lines} />
          ) : (
            <Text size="sm">
              <VisuallyHidden component="span">From </VisuallyHidden>
              <span className={classes.before}>{shown(change.field, change.before, 'before')}</span>
              <span aria-hidden> → </span>
              <VisuallyHidden component="span"> to </VisuallyHidden>
              <span className={classes.after}>{shown(change.field, change.after, 'after')}</span>
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
