import { Accordion, Alert, Badge, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconEdit, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { isEditable, type PlanSnapshot } from '../../../domain/plans';
import { Crumbs } from '../../components/Crumbs';
import { Detail, Details } from '../../components/Details';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { contactName, listContacts } from '../contacts/contacts.api';
import { Markdown } from '../interactions/Markdown';
import { PlanKpis } from '../kpis/PlanKpis';
import { formatDateTime } from '../partners/partner-labels';
import { useMembers } from '../settings/settings.api';
import { PlanChangeList } from './PlanChanges';
import { PlanCopy } from './PlanCopy';
import { PlanHistory } from './PlanHistory';
import { PlanMoves } from './PlanMoves';
import {
  formatDay,
  lockedReason,
  ownerSideLabels,
  PlanStatusBadge,
  periodName,
} from './plan-labels';
import {
  type Plan,
  type PlanVersion,
  planChangesQuery,
  planKpisQuery,
  planQuery,
  planVersionsQuery,
} from './plans.api';

type Names = {
  member: (id: string | null) => string | null;
  contact: (id: string | null) => string | null;
};

/** Members and the partner's contacts by id, so owners show by name. */
function useNames(plan: Plan | undefined): Names {
  const members = useMembers();
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId: plan?.partnerId }],
    queryFn: ({ signal }) => listContacts({ partnerId: plan?.partnerId }, undefined, signal),
    enabled: Boolean(plan),
  });
  return {
    member: (id) =>
      id ? (members.data?.find((m) => m.id === id)?.name ?? 'A former member') : null,
    contact: (id) => {
      if (!id) return null;
      const contact = contacts.data?.items.find((c) => c.id === id);
      return contact ? contactName(contact) : 'A former contact';
    },
  };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Text fw={600} mb="xs" component="h2" size="lg" id={id}>
        {title}
      </Text>
      {children}
    </section>
  );
}

/** Objectives in order, each with who owns it on each side. */
function Objectives({
  objectives,
  names,
}: {
  objectives: PlanSnapshot['objectives'];
  names: Names;
}) {
  if (objectives.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No objectives yet.
      </Text>
    );
  }
  return (
    <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
      {objectives.map((objective, index) => {
        const owners = [
          names.member(objective.ownerMemberId),
          names.contact(objective.ownerContactId),
        ]
          .filter(Boolean)
          .join(' and ');
        return (
          <Card
            // Objectives have no id of their own: their place is what the plan knows them by.
            // biome-ignore lint/suspicious/noArrayIndexKey: objectives are identified by position
            key={index}
            withBorder
            padding="md"
            component="li"
          >
            <Group gap="xs" mb={4} wrap="nowrap" align="flex-start">
              <Badge variant="default" radius="sm" style={{ flex: '0 0 auto' }}>
                {index + 1}
              </Badge>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {objective.text}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              Owned by {ownerSideLabels[objective.ownerSide].toLowerCase()}
              {owners ? `: ${owners}` : ''}
            </Text>
          </Card>
        );
      })}
    </Stack>
  );
}

/** Every agreed version, newest first; each opens to what was agreed. */
function Versions({ versions, names }: { versions: PlanVersion[]; names: Names }) {
  return (
    <Accordion variant="separated" multiple>
      {versions.map((version) => (
        <Accordion.Item key={version.versionNumber} value={String(version.versionNumber)}>
          <Accordion.Control>
            <Text size="sm">
              <Text span fw={600}>
                Version {version.versionNumber}
              </Text>{' '}
              agreed by {version.agreedBy} on {formatDay(version.agreedOn)}
            </Text>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                Recorded by {names.member(version.recordedById) ?? 'a former member'} on{' '}
                {formatDateTime(version.agreedAt)}
              </Text>
              {version.snapshot.summary ? (
                <Markdown>{version.snapshot.summary}</Markdown>
              ) : (
                <Text size="sm" c="dimmed">
                  No summary.
                </Text>
              )}
              <Objectives objectives={version.snapshot.objectives} names={names} />
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

/** A joint business plan: the version being worked on, its moves, what was agreed and what changed. */
export function PlanPage() {
  const { planId } = useParams({ from: '/app/plans/$planId' });
  const session = useSession();
  const record = useQuery(planQuery(planId));
  const plan = record.data?.plan;
  const names = useNames(plan);
  const versions = useQuery({
    ...planVersionsQuery(planId, plan?.version ?? 0),
    enabled: Boolean(plan?.agreedVersionNumber),
  });
  const revising =
    plan !== undefined &&
    plan.agreedVersionNumber !== null &&
    plan.versionNumber > plan.agreedVersionNumber;
  const changes = useQuery({
    ...planChangesQuery(planId, plan?.version ?? 0),
    enabled: revising,
  });
  // Changed KPI targets are stored in whole units; their unit says how to show them.
  const kpis = useQuery({
    ...planKpisQuery(planId),
    enabled: Boolean(changes.data?.changes.some((change) => change.field.startsWith('kpis.'))),
  });

  if (record.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading plan" />
      </Center>
    );
  }
  if (record.isError || !plan) return <RecordError error={record.error} what="plan" />;
  const { etag } = record.data;
  const title = `${periodName(plan.period)} plan with ${plan.partnerName}`;
  const writer = can(session, 'plan.write');
  const editable = isEditable(plan.status);

  return (
    <Stack gap="lg">
      <Crumbs current={title}>
        <AnchorLink to="/plans">Plans</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={title} />
          <Group gap="sm">
            <PlanStatusBadge status={plan.status} size="lg" />
            <Badge variant="default" size="lg" tt="none">
              Version {plan.versionNumber}
            </Badge>
          </Group>
        </Stack>
        {writer && editable ? (
          <ButtonLink
            to="/plans/$planId/edit"
            params={{ planId }}
            leftSection={<IconEdit size={16} aria-hidden />}
          >
            Edit
          </ButtonLink>
        ) : null}
      </Group>
      {writer ? (
        <PlanMoves key={etag} plan={plan} etag={etag} onStale={() => void record.refetch()} />
      ) : null}
      {writer ? <PlanCopy plan={plan} /> : null}
      {writer && !editable ? (
        <Alert color="gray" icon={<IconLock size={18} aria-hidden />} title="Not open to edits">
          {lockedReason(plan.status)}
        </Alert>
      ) : null}
      <Details>
        <Detail label="Partner">
          <AnchorLink
            to="/partners/$partnerId"
            params={{ partnerId: plan.partnerId }}
            search={{ tab: 'plan' }}
          >
            {plan.partnerName}
          </AnchorLink>
        </Detail>
        <Detail label="Period">{periodName(plan.period)}</Detail>
        <Detail label="Agreed version">
          {plan.agreement
            ? `Version ${plan.agreement.versionNumber}, agreed by ${plan.agreement.agreedBy} on ${formatDay(plan.agreement.agreedOn)}`
            : 'Not agreed yet'}
        </Detail>
        <Detail label="Started">{formatDateTime(plan.createdAt)}</Detail>
        <Detail label="Last changed">{formatDateTime(plan.updatedAt)}</Detail>
      </Details>
      {revising ? (
        <Section
          id="plan-changes"
          title={`Changes since the agreed version ${plan.agreedVersionNumber}`}
        >
          {changes.isError ? <ErrorAlert error={changes.error} /> : null}
          {changes.isPending ? (
            <Loader size="sm" aria-label="Loading changes" />
          ) : changes.data && changes.data.changes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No changes yet: version {plan.versionNumber} still says what was agreed.
            </Text>
          ) : changes.data ? (
            <PlanChangeList
              changes={changes.data.changes}
              personName={(field, id) =>
                (field.endsWith('.ownerMemberId') ? names.member(id) : names.contact(id)) ?? 'none'
              }
              kpiUnit={(side, index) =>
                side === 'before'
                  ? versions.data?.items.find((v) => v.versionNumber === plan.agreedVersionNumber)
                      ?.snapshot.kpis?.[index]
                  : kpis.data?.items[index]
              }
            />
          ) : null}
        </Section>
      ) : null}
      <Section id="plan-summary" title="Summary">
        <Card withBorder padding="lg">
          {plan.summary ? (
            <Markdown>{plan.summary}</Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              No summary yet.
            </Text>
          )}
        </Card>
      </Section>
      <Section id="plan-objectives" title="Objectives">
        <Objectives objectives={plan.objectives} names={names} />
      </Section>
      <PlanKpis plan={plan} />
      {plan.agreedVersionNumber !== null ? (
        <Section id="plan-versions" title="Agreed versions">
          {versions.isError ? <ErrorAlert error={versions.error} /> : null}
          {versions.data ? <Versions versions={versions.data.items} names={names} /> : null}
        </Section>
      ) : null}
      <PlanHistory plan={plan} />
    </Stack>
  );
}
