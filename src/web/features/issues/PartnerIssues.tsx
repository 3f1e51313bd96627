import { Card, Center, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { issueColumns } from './IssueTable';
import { listIssues } from './issues.api';

/** A partner's issues, open ones first by due date; closed ones only when asked for. */
export function PartnerIssues({ partnerId, canAdd }: { partnerId: string; canAdd: boolean }) {
  const [withDone, setWithDone] = useState(false);
  const query = withDone
    ? { partnerId }
    : { partnerId, status: ['open' as const, 'investigating' as const, 'escalated' as const] };
  const issues = useKeysetList(['issues', query], (cursor, signal) =>
    listIssues(query, cursor, signal),
  );
  const items = issues.items;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg">
          Issues
        </Text>
        <Group gap="md">
          <Checkbox
            label="Show resolved and closed"
            checked={withDone}
            onChange={(event) => setWithDone(event.currentTarget.checked)}
          />
          {canAdd ? (
            <ButtonLink
              to="/issues/new"
              search={{ partnerId }}
              leftSection={<IconPlus size={16} aria-hidden />}
              variant="light"
            >
              Raise issue
            </ButtonLink>
          ) : null}
        </Group>
      </Group>
      {issues.query.isError ? <ErrorAlert error={issues.query.error} /> : null}
      {issues.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading issues" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            {withDone ? 'No issues with this partner.' : 'No open issues with this partner.'}
          </Text>
        </Card>
      ) : (
        <DataTable
          label="Issues"
          rows={items}
          columns={issueColumns(false)}
          rowKey={(issue) => issue.id}
        />
      )}
      <ShowMore list={issues} label="Show more issues" />
    </Stack>
  );
}
