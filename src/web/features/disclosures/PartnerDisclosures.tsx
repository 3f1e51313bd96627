import { Card, Center, Loader, Stack, Table, Text } from '@mantine/core';
import type { Disclosure, DisclosureView } from '../../../domain/disclosures';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { ShowMore } from '../../components/list/ListResults';
import { useKeysetList } from '../../components/list/useKeysetList';
import { ScrollTable } from '../../components/ScrollTable';
import { formatDateTime } from '../partners/partner-labels';

async function partnerDisclosures(partnerId: string, cursor: string | undefined) {
  return unwrap(
    await api.GET('/api/v1/disclosures', { params: { query: { partnerId, limit: 50, cursor } } }),
  );
}

/** The record a row names, linked to its page. */
function RecordCell({ disclosure }: { disclosure: Disclosure }) {
  const id = disclosure.recordId;
  const version = ` (version ${disclosure.recordVersion})`;
  switch (disclosure.recordType) {
    case 'issue':
      return (
        <AnchorLink to="/issues/$issueId" params={{ issueId: id }} size="sm">
          Issue{version}
        </AnchorLink>
      );
    case 'agreement':
      return (
        <AnchorLink to="/agreements/$agreementId" params={{ agreementId: id }} size="sm">
          Agreement{version}
        </AnchorLink>
      );
    case 'interaction':
      return (
        <AnchorLink to="/interactions/$interactionId" params={{ interactionId: id }} size="sm">
          Interaction{version}
        </AnchorLink>
      );
  }
}

const viewLabels: Record<DisclosureView, string> = {
  list: 'A list',
  record: 'The record',
  signing_link: 'A signing link',
};

/** What this partner's people were shown, newest first: admins only. */
export function PartnerDisclosures({ partnerId }: { partnerId: string }) {
  const log = useKeysetList(['disclosures', partnerId], (cursor) =>
    partnerDisclosures(partnerId, cursor),
  );
  const rows = log.items;
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Text component="h2" fw={600} size="lg">
          Disclosures
        </Text>
        <Text size="sm" c="dimmed">
          Every shared record this partner's people were shown, in the portal or through a signing
          link, and when.
        </Text>
      </Stack>
      <ErrorAlert error={log.query.error} />
      {log.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading disclosures" />
        </Center>
      ) : rows.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            Nothing has been shown to this partner's people yet. Records whose visibility is
            "Partner" appear in their portal.
          </Text>
        </Card>
      ) : (
        <ScrollTable label="Disclosure log" minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">Record</Table.Th>
                <Table.Th scope="col">Seen in</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <time dateTime={d.shownAt}>{formatDateTime(d.shownAt)}</time>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {d.personName}
                    <Text size="xs" c="dimmed">
                      {d.personEmail}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RecordCell disclosure={d} />
                  </Table.Td>
                  <Table.Td>{viewLabels[d.view]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <ShowMore list={log} />
    </Stack>
  );
}
