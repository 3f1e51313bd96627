import { Card, Center, Loader, Stack, Text, Timeline } from '@mantine/core';
import {
  IconArchive,
  IconArchiveOff,
  IconArrowsExchange,
  IconCirclePlus,
  IconEdit,
  IconMailForward,
  IconMailOff,
  IconPoint,
  IconUserCheck,
  IconUserCog,
  IconUserEdit,
  IconUserMinus,
  IconUserPlus,
  IconUserX,
} from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { useMembers } from '../settings/settings.api';
import {
  describeActor,
  describeEvent,
  type HistoryKind,
  type HistoryLine,
} from './history-entries';
import { formatDateTime } from './partner-labels';
import { partnerHistory } from './partners.api';

const icons: Record<HistoryKind, typeof IconEdit> = {
  partner_created: IconCirclePlus,
  partner_updated: IconEdit,
  partner_archived: IconArchive,
  partner_restored: IconArchiveOff,
  contact_created: IconUserPlus,
  contact_updated: IconUserEdit,
  contact_moved: IconArrowsExchange,
  contact_deleted: IconUserMinus,
  invitation_created: IconMailForward,
  invitation_accepted: IconUserCheck,
  invitation_revoked: IconMailOff,
  partner_user_updated: IconUserCog,
  partner_user_removed: IconUserX,
  other: IconPoint,
};

/**
 * One changed field: `Stage: Prospect → Onboarding`, a new record's value alone, or long text
 * as its new version.
 */
function ChangeLine({ line, created }: { line: HistoryLine; created: boolean }) {
  const label = (
    <Text span fw={600} size="sm">
      {line.label}:
    </Text>
  );
  if (line.long || created) {
    return (
      <Text size="sm" lineClamp={3}>
        {label} {line.after ?? 'cleared'}
      </Text>
    );
  }
  return (
    <Text size="sm">
      {label} {line.before ?? 'none'} → {line.after ?? 'none'}
    </Text>
  );
}

/** The audit events of a partner and its contacts, newest first. */
export function PartnerHistory({ partnerId }: { partnerId: string }) {
  const members = useMembers();
  const history = useKeysetList(['partner-history', partnerId], (cursor) =>
    partnerHistory(partnerId, cursor),
  );
  const events = history.items;
  const memberName = (id: string) =>
    members.data?.find((member) => member.id === id)?.name ?? 'a former member';

  return (
    <Stack gap="md">
      <Text component="h2" fw={600} size="lg">
        History
      </Text>
      {history.query.isError ? <ErrorAlert error={history.query.error} /> : null}
      {history.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading history" />
        </Center>
      ) : events.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No changes recorded yet.
          </Text>
        </Card>
      ) : (
        <Timeline
          bulletSize={26}
          lineWidth={2}
          component="ol"
          aria-label="Changes, newest first"
          // An ordered list for screen readers, without the numbers beside the bullets.
          style={{ listStyle: 'none', paddingInlineStart: 0 }}
        >
          {events.map((event) => {
            const entry = describeEvent(event, memberName);
            const Icon = icons[entry.kind];
            return (
              <Timeline.Item
                key={event.id}
                component="li"
                bullet={<Icon size={14} aria-hidden />}
                title={entry.title}
              >
                <Text size="sm" c="dimmed">
                  {describeActor(event.actor)} ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                </Text>
                {entry.lines.length > 0 ? (
                  <Stack gap={2} mt={6}>
                    {entry.lines.map((line) => (
                      <ChangeLine key={line.field} line={line} created={event.before == null} />
                    ))}
                  </Stack>
                ) : null}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      <ShowMore list={history} />
    </Stack>
  );
}
