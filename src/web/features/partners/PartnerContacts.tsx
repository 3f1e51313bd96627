import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { contactColumns } from '../contacts/ContactTable';
import { listContacts } from '../contacts/contacts.api';

/** The people at one partner. A partner has tens of contacts, not thousands: a plain table. */
export function PartnerContacts({ partnerId, canAdd }: { partnerId: string; canAdd: boolean }) {
  const contacts = useInfiniteQuery({
    queryKey: ['contacts', { partnerId }],
    queryFn: ({ pageParam, signal }) => listContacts({ partnerId }, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = contacts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg">
          Contacts
        </Text>
        {canAdd ? (
          <ButtonLink
            to="/contacts/new"
            search={{ partnerId }}
            leftSection={<IconPlus size={16} aria-hidden />}
            variant="light"
          >
            Add contact
          </ButtonLink>
        ) : null}
      </Group>
      {contacts.isError ? <ErrorAlert error={contacts.error} /> : null}
      {contacts.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading contacts" />
        </Center>
      ) : items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No contacts at this partner yet.
          </Text>
        </Card>
      ) : (
        <DataTable
          label="Contacts"
          rows={items}
          columns={contactColumns(false)}
          rowKey={(contact) => contact.id}
        />
      )}
      {contacts.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => contacts.fetchNextPage()}
          loading={contacts.isFetchingNextPage}
        >
          Show more contacts
        </Button>
      ) : null}
    </Stack>
  );
}
