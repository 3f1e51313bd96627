import {
  Anchor,
  Badge,
  Card,
  Center,
  Group,
  Loader,
  MultiSelect,
  Stack,
  Text,
  Timeline,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconCalendarEvent,
  IconChecklist,
  IconMessage,
  IconPoint,
  IconSignature,
  IconTargetArrow,
  IconUserCog,
} from '@tabler/icons-react';
import { useState } from 'react';
import { timelineKinds } from '../../../domain/timeline';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { formatDateTime } from '../partners/partner-labels';
import { useMembers } from '../settings/settings.api';
import {
  type TimelineEntry,
  type TimelineFilters,
  type TimelineKind,
  timelinePage,
} from './timeline.api';
import { describeEntry, timelineKindLabels } from './timeline-entries';

const icons: Record<TimelineKind, typeof IconPoint> = {
  interaction: IconCalendarEvent,
  task: IconChecklist,
  issue: IconAlertTriangle,
  comment: IconMessage,
  stage_change: IconArrowsExchange,
  owner_change: IconUserCog,
  plan: IconTargetArrow,
  agreement: IconSignature,
};

/**
 * A timeline newest first with kind and person filters and "show older": a partner's, or the
 * workspace's activity (`partnerId` null), which names the partner of each entry.
 */
export function TimelineView({
  partnerId,
  people = [],
  onOpenInteraction,
}: {
  partnerId: string | null;
  /** Extra people to filter by besides members (a partner's contacts). */
  people?: Array<{ value: string; label: string }>;
  onOpenInteraction?: (id: string) => void;
}) {
  const members = useMembers();
  const [filters, setFilters] = useState<TimelineFilters>({ kind: [], person: [] });
  const timeline = useKeysetList(['timeline', partnerId, filters], (cursor, signal) =>
    timelinePage(partnerId, filters, cursor, signal),
  );
  const entries = timeline.items;
  const memberName = (id: string) =>
    members.data?.find((m) => m.id === id)?.name ?? 'a former member';
  const personOptions = [
    ...(members.data ?? []).map((m) => ({ value: m.id, label: m.name })),
    ...people,
  ];
  const filtered = filters.kind.length > 0 || filters.person.length > 0;

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <MultiSelect
          label="Kind"
          placeholder={filters.kind.length ? undefined : 'Everything'}
          data={timelineKinds.map((k) => ({ value: k, label: timelineKindLabels[k] }))}
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind: kind as TimelineKind[] })}
          clearable
          w={260}
        />
        <MultiSelect
          label="Person"
          placeholder={filters.person.length ? undefined : 'Anyone'}
          data={personOptions}
          value={filters.person}
          onChange={(person) => setFilters({ ...filters, person })}
          searchable
          clearable
          w={260}
        />
      </Group>
      {timeline.query.isError ? <ErrorAlert error={timeline.query.error} /> : null}
      {timeline.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading timeline" />
        </Center>
      ) : entries.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {filtered
              ? 'Nothing matches these filters. Clear them to see everything.'
              : 'Nothing here yet. Log an interaction or change the stage, and it shows up here.'}
          </Text>
        </Card>
      ) : (
        <Timeline
          bulletSize={26}
          lineWidth={2}
          component="ol"
          aria-label="What happened, newest first"
          style={{ listStyle: 'none', paddingInlineStart: 0 }}
        >
          {entries.map((entry) => (
            <EntryItem
              key={entry.id}
              entry={entry}
              title={describeEntry(entry, memberName)}
              showPartner={partnerId === null}
              onOpenInteraction={onOpenInteraction}
            />
          ))}
        </Timeline>
      )}
      <ShowMore list={timeline} label="Show older entries" />
    </Stack>
  );
}

function EntryItem({
  entry,
  title,
  showPartner,
  onOpenInteraction,
}: {
  entry: TimelineEntry;
  title: string;
  showPartner: boolean;
  onOpenInteraction?: (id: string) => void;
}) {
  const Icon = icons[entry.kind] ?? IconPoint;
  const open =
    entry.kind === 'interaction' && onOpenInteraction
      ? () => onOpenInteraction(entry.subjectId)
      : undefined;
  return (
    <Timeline.Item
      component="li"
      bullet={<Icon size={14} aria-hidden />}
      title={
        open ? (
          <Anchor component="button" type="button" onClick={open} fw={600}>
            {title}
          </Anchor>
        ) : entry.kind === 'agreement' ? (
          <AnchorLink
            to="/agreements/$agreementId"
            params={{ agreementId: entry.subjectId }}
            fw={600}
          >
            {title}
          </AnchorLink>
        ) : entry.kind === 'plan' ? (
          <AnchorLink to="/plans/$planId" params={{ planId: entry.subjectId }} fw={600}>
            {title}
          </AnchorLink>
        ) : (
          title
        )
      }
    >
      <Text size="sm" c="dimmed">
        {entry.actor.name} ·{' '}
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
        {showPartner && entry.partnerId ? (
          <>
            {' · '}
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: entry.partnerId }}
              search={{ tab: 'timeline' }}
              // Inside a line of text a link needs more than its colour to stand out (WCAG 1.4.1).
              underline="always"
            >
              {entry.partnerName ?? 'Partner'}
            </AnchorLink>
          </>
        ) : null}
      </Text>
      {entry.visibility === 'partner' ? (
        <Badge size="xs" variant="light" mt={4}>
          Shared with partner
        </Badge>
      ) : null}
    </Timeline.Item>
  );
}
