import { Anchor, Button, Card, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { contactName, listContacts } from '../contacts/contacts.api';
import { humanize } from './partner-labels';

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
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Title</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Email</Table.Th>
                  <Table.Th scope="col">Phone</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((contact) => (
                  <Table.Tr key={contact.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/contacts/$contactId/edit"
                        params={{ contactId: contact.id }}
                        fw={600}
                      >
                        {contactName(contact)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{contact.title ?? '—'}</Table.Td>
                    <Table.Td>{humanize(contact.role)}</Table.Td>
                    <Table.Td>
                      {contact.email ? (
                        <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{contact.phone ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
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
