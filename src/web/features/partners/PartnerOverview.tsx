import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Detail, Details } from '../../components/Details';
import type { Member } from '../settings/settings.api';
import { countryName, formatDateTime, humanize } from './partner-labels';
import type { PartnerWithCadence } from './partners.api';
import { TouchDue } from './TouchDue';

/** Every field of a partner, as text. */
export function PartnerOverview({
  partner,
  owner,
}: {
  partner: PartnerWithCadence;
  owner: Member | undefined;
}) {
  const website = partner.website && /^https?:\/\//i.test(partner.website) ? partner.website : null;
  return (
    <Stack gap="md">
      <Details>
        <Detail label="Type">{humanize(partner.type)}</Detail>
        <Detail label="Stage">{humanize(partner.stage)}</Detail>
        <Detail label="Tier">{partner.tier ? humanize(partner.tier) : null}</Detail>
        <Detail label="Owner">{owner?.name ?? (partner.ownerId ? 'A former member' : null)}</Detail>
        <Detail label="Industry">{partner.industry}</Detail>
        <Detail label="Country">{partner.country ? countryName(partner.country) : null}</Detail>
        <Detail label="Size">{partner.size ? `${partner.size} employees` : null}</Detail>
        <Detail label="Website">
          {website ? (
            <Anchor href={website} target="_blank" rel="noopener noreferrer nofollow">
              {website}
            </Anchor>
          ) : (
            partner.website
          )}
        </Detail>
        <Detail label="Domains">
          {partner.domains.length > 0 ? partner.domains.join(', ') : null}
        </Detail>
        <Detail label="Tags">
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
                  maw="100%"
                  title={tag}
                >
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Detail>
        <Detail label="Last touch">
          {partner.lastTouchAt ? formatDateTime(partner.lastTouchAt) : 'Never'}
        </Detail>
        <Detail label="Next touch due">
          <TouchDue nextTouchDue={partner.nextTouchDue} />
        </Detail>
        <Detail label="Contact cadence">
          {`Every ${partner.cadenceDays} days`}
          {partner.contactCadenceDays === null
            ? ' (the workspace setting for its tier)'
            : ' (set for this partner)'}
        </Detail>
        <Detail label="Created">{formatDateTime(partner.createdAt)}</Detail>
        <Detail label="Updated">{formatDateTime(partner.updatedAt)}</Detail>
      </Details>
      <Card withBorder padding="lg">
        <Text fw={600} mb="xs" component="h2" size="md">
          Description
        </Text>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          c={partner.description ? undefined : 'dimmed'}
        >
          {partner.description ?? 'No description yet.'}
        </Text>
      </Card>
    </Stack>
  );
}
