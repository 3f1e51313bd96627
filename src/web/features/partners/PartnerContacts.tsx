import { Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { DataTable } from '../../components/list/DataTable';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { contactColumns } from '../contacts/ContactTable';
import { listContacts } from '../contacts/contacts.api';

/** The people at one partner. A partner has tens of contacts, not thousands: a plain table. */
export function PartnerContacts({ partnerId, canAdd }: { partnerId: string; canAdd: boolean }) {
  const contacts = useKeysetList(['contacts', { partnerId }], (cursor, signal) =>
    listContacts({ partnerId }, cursor, signal),
  );
  const items = contacts.items;

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
      {contacts.query.isError ? <ErrorAlert error={contacts.query.error} /> : null}
      {contacts.query.isPending ? (
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
      <ShowMore list={contacts} label="Show more contacts" />
    </Stack>
  );
}
