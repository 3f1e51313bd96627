import { Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { agreementColumns } from './AgreementTable';
import { listAgreements } from './agreements.api';

/** A partner's agreements, ending soonest first, with a way to start one. */
export function PartnerAgreements({ partnerId, canAdd }: { partnerId: string; canAdd: boolean }) {
  const query = { partnerId, sort: 'endOn' as const };
  const agreements = useInfiniteQuery({
    queryKey: ['agreements', query],
    queryFn: ({ pageParam, signal }) => listAgreements(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = agreements.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fw={600} component="h2" size="lg" m={0}>
          Agreements
        </Text>
        {canAdd ? (
          <ButtonLink
            to="/agreements/new"
            search={{ partnerId }}
            leftSection={<IconPlus size={18} aria-hidden />}
          >
            New agreement
          </ButtonLink>
        ) : null}
      </Group>
      {agreements.isError ? <ErrorAlert error={agreements.error} /> : null}
      {agreements.isPending ? (
        <Center p="xl">
          <Loader aria-label="Loading agreements" />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No agreements with this partner yet.
        </Text>
      ) : (
        <DataTable
          label="Agreements with this partner"
          rows={items}
          columns={agreementColumns(false)}
          rowKey={(agreement) => agreement.id}
        />
      )}
    </Stack>
  );
}
