import { Badge, Card, Group, Loader, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { healthBandOf } from '../../../domain/health';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { HealthTrend } from './HealthTrend';
import { partnerHealthQuery } from './health.api';
import { bandColor, bandLabels, componentLabels } from './health-labels';

/** The partner's health score now, each component with its weight, score and reason, and the trend. */
export function PartnerHealthPanel({ partnerId }: { partnerId: string }) {
  const health = useQuery(partnerHealthQuery(partnerId));
  if (health.isError) return <ErrorAlert error={health.error} />;
  if (!health.data) return <Loader size="sm" aria-label="Loading the health score" />;
  const { score, components, trend } = health.data;
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Text component="h2" fw={600} size="lg">
            Relationship health
          </Text>
          <Group gap="xs" align="baseline">
            <Text fw={700} size="xl">
              {score}
              <Text span size="sm" c="dimmed">
                {' '}
                / 100
              </Text>
            </Text>
            <Badge color={bandColor(score)} variant="light" tt="none">
              {bandLabels[healthBandOf(score)]}
            </Badge>
          </Group>
        </Group>
        <ScrollTable label="Health components" minWidth={480}>
          <Table verticalSpacing="xs">
            <caption style={{ captionSide: 'top', textAlign: 'start' }}>
              <Text size="sm" c="dimmed" component="span">
                Each component scores 0–100; the total is their weighted mean.
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Component</Table.Th>
                <Table.Th scope="col">Weight</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {components.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row" fw={500}>
                    {componentLabels[c.key]}
                  </Table.Th>
                  <Table.Td>{Math.round(c.weight * 100)}%</Table.Td>
                  <Table.Td miw={110}>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" w={28}>
                        {c.score}
                      </Text>
                      <Progress value={c.score} color={bandColor(c.score)} w={60} aria-hidden />
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        <div>
          <Text component="h3" fw={600} size="md" mb="xs">
            Last 90 days
          </Text>
          <HealthTrend trend={trend} />
        </div>
      </Stack>
    </Card>
  );
}
