import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Member } from '../settings/settings.api';
import { countryName, formatDateTime, humanize } from './partner-labels';
import type { Partner } from './partners.api';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600} lts="0.04em">
        {label}
      </Text>
      <Text component="dd" m={0} mt={2} size="sm">
        {children ?? '—'}
      </Text>
    </div>
  );
}

/** Every field of a partner, as text. */
export function PartnerOverview({
  partner,
  owner,
}: {
  partner: Partner;
  owner: Member | undefined;
}) {
  const website = partner.website && /^https?:\/\//i.test(partner.website) ? partner.website : null;
  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <SimpleGrid component="dl" m={0} cols={{ base: 1, xs: 2, md: 3 }} spacing="lg">
          <Field label="Type">{humanize(partner.type)}</Field>
          <Field label="Stage">{humanize(partner.stage)}</Field>
          <Field label="Tier">{partner.tier ? humanize(partner.tier) : null}</Field>
          <Field label="Owner">{owner?.name ?? (partner.ownerId ? 'A former member' : null)}</Field>
          <Field label="Industry">{partner.industry}</Field>
          <Field label="Country">{partner.country ? countryName(partner.country) : null}</Field>
          <Field label="Size">{partner.size ? `${partner.size} employees` : null}</Field>
          <Field label="Website">
            {website ? (
              <Anchor href={website} target="_blank" rel="noopener noreferrer nofollow">
                {website}
              </Anchor>
            ) : (
              partner.website
            )}
          </Field>
          <Field label="Domains">
            {partner.domains.length > 0 ? partner.domains.join(', ') : null}
          </Field>
          <Field label="Tags">
            {partner.tags.length > 0 ? (
              <Group gap={4} component="span">
                {partner.tags.map((tag) => (
                  <Badge
                    key={tag}
                    variant="default"
                    radius="sm"
                    tt="none"
                    fw={500}
                    component="span"
                  >
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : null}
          </Field>
          <Field label="Created">{formatDateTime(partner.createdAt)}</Field>
          <Field label="Updated">{formatDateTime(partner.updatedAt)}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs" component="h2" size="md">
          Description
        </Text>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap' }}
          c={partner.description ? undefined : 'dimmed'}
        >
          {partner.description ?? 'No description yet.'}
        </Text>
      </Card>
    </Stack>
  );
}
