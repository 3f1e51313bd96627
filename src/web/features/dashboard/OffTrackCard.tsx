import { Card, Stack, Table, Text } from '@mantine/core';
import { CardHeading } from '../../components/CardHeading';
import { AnchorLink } from '../../components/links';
import { ScrollTable } from '../../components/ScrollTable';
import type { PortfolioDashboard } from './dashboard.api';
import { percent, plural } from './dashboard-format';

/** The partners with a KPI off track, the lowest outlook first, each with the KPI that puts them there. */
export function OffTrackCard({ offTrack }: { offTrack: PortfolioDashboard['kpis']['offTrack'] }) {
  const title = 'Partners off track';
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <CardHeading
          title={title}
          caption={
            offTrack.count === 0
              ? 'No active plan has a KPI off track.'
              : `${plural(offTrack.count, 'partner has', 'partners have')} a KPI off track; the lowest outlook (the better of pace and forecast) first, with the KPI that puts them here.`
          }
        />
        {offTrack.partners.length > 0 ? (
          <ScrollTable label={title} minWidth={540}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Partner</Table.Th>
                  <Table.Th scope="col">Worst KPI</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Attained
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Outlook
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Off track
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {offTrack.partners.map((row) => (
                  <Table.Tr key={row.partnerId}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: row.partnerId }}>
                        {row.name}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>
                      <AnchorLink to="/plans/$planId" params={{ planId: row.planId }}>
                        {row.kpi.name}
                      </AnchorLink>
                      <Text span size="xs" c="dimmed">
                        {` ${row.period}`}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{percent(row.kpi.attainment)}</Table.Td>
                    <Table.Td ta="right">{percent(row.kpi.outlook)}</Table.Td>
                    <Table.Td ta="right">{plural(row.offTrackKpis, 'KPI', 'KPIs')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : null}
      </Stack>
    </Card>
  );
}
