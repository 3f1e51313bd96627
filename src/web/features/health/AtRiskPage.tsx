import { Badge, Card, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CardHeading } from '../../components/CardHeading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { ScrollTable } from '../../components/ScrollTable';
import { type AtRiskPartner, atRiskQuery } from './health.api';
import { bandColor, componentLabels } from './health-labels';

function AtRiskTable({
  title,
  caption,
  partners,
  empty,
  showChange,
}: {
  title: string;
  caption: string;
  partners: AtRiskPartner[];
  empty: string;
  showChange: boolean;
}) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading title={title} caption={caption} />
        {partners.length === 0 ? (
          <Text size="sm">{empty}</Text>
        ) : (
          <ScrollTable label={title} minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Partner</Table.Th>
                  <Table.Th scope="col">Score</Table.Th>
                  {showChange ? <Table.Th scope="col">30 days ago</Table.Th> : null}
                  <Table.Th scope="col">Weakest</Table.Th>
                  <Table.Th scope="col">Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {partners.map((p) => (
                  <Table.Tr key={p.partnerId}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: p.partnerId }}>
                        {p.name}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>
                      <Badge color={bandColor(p.score)} variant="light" tt="none">
                        {p.score}
                      </Badge>
                    </Table.Td>
                    {showChange ? (
                      <Table.Td>
                        {p.previousScore}
                        {p.previousScore !== null ? (
                          <Text span size="sm" c="dimmed">
                            {` (−${p.previousScore - p.score})`}
                          </Text>
                        ) : null}
                      </Table.Td>
                    ) : null}
                    <Table.Td>{componentLabels[p.weakest.key]}</Table.Td>
                    <Table.Td>{p.weakest.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Card>
  );
}

/** The partners to worry about: the lowest health scores and the fastest falling, with why. */
export function AtRiskPage() {
  const lists = useQuery(atRiskQuery);
  return (
    <Stack gap="lg">
      <PageTitle title="At risk" />
      <Text c="dimmed" size="sm">
        Active partners by their latest daily health score. Each shows the component that costs it
        the most points and why; open a partner for the full breakdown.
      </Text>
      {lists.isError ? <ErrorAlert error={lists.error} /> : null}
      {lists.data ? (
        <>
          <AtRiskTable
            title="Lowest scores"
            caption="Lowest first."
            partners={lists.data.lowest}
            empty="No partner has a score yet: scores come with the first nightly snapshot."
            showChange={false}
          />
          <AtRiskTable
            title="Falling fastest"
            caption="Biggest drop against 30 days ago first."
            partners={lists.data.falling}
            empty="No partner's score fell over the last 30 days."
            showChange
          />
        </>
      ) : lists.isPending ? (
        <Loader size="sm" aria-label="Loading the partners at risk" />
      ) : null}
    </Stack>
  );
}
