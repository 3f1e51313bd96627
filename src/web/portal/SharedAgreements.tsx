import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Code,
  Group,
  List,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PortalAgreement } from '../../domain/portal/agreements';
import { ErrorAlert } from '../components/ErrorAlert';
import { ShowMore } from '../components/list/ListResults';
import { useKeysetList } from '../components/list/useKeysetList';
import { Markdown } from '../features/interactions/Markdown';
import { formatDateTime, humanize } from '../features/partners/partner-labels';
import { PortalSignCard } from './PortalSignCard';
import { portalAgreement, portalAgreements } from './portal.api';

const base = '/api/v1/portal/agreements';

function Terms({ agreement }: { agreement: PortalAgreement }) {
  return (
    <Group gap="xs" wrap="wrap">
      <Badge variant="light">{humanize(agreement.status)}</Badge>
      {agreement.awaitingYourSignature ? (
        <Badge color="orange" variant="light">
          Awaiting your signature
        </Badge>
      ) : null}
      <Text size="sm" c="dimmed">
        {humanize(agreement.type)}
        {agreement.effectiveOn ? ` · from ${agreement.effectiveOn}` : ''}
        {agreement.endOn ? ` · until ${agreement.endOn}` : ''}
      </Text>
    </Group>
  );
}

/** One shared agreement: its frozen text, files, signers, the Sign card and the signed PDF. */
function AgreementView({ id, onBack }: { id: string; onBack: () => void }) {
  const query = useQuery({
    queryKey: ['portal', 'agreement', id],
    queryFn: () => portalAgreement(id),
  });
  const agreement = query.data;
  const mine = agreement?.signers.find((s) => s.you && !s.signedAt);
  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" onClick={onBack}>
          Back to agreements
        </Button>
      </Group>
      <ErrorAlert error={query.error} />
      {query.isPending ? <Loader size="sm" aria-label="Loading the agreement" /> : null}
      {agreement ? (
        <Stack gap="md">
          <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {agreement.title}
          </Title>
          <Terms agreement={agreement} />
          {agreement.signedPdf ? (
            <Anchor href={`${base}/${agreement.id}/signed.pdf`} download>
              Download the signed PDF
            </Anchor>
          ) : null}
          {agreement.version ? (
            <Card withBorder component="section" aria-labelledby="portal-text-title">
              <Stack gap="sm">
                <Title order={4} size="h5" id="portal-text-title">
                  Version {agreement.version.number}, sent for signature
                </Title>
                <Markdown>{agreement.version.body}</Markdown>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  SHA-256 of this text: <Code>{agreement.version.sha256}</Code>
                </Text>
                {agreement.version.files.length > 0 ? (
                  <List aria-label="Files">
                    {agreement.version.files.map((file) => (
                      <List.Item key={file.id}>
                        <Anchor href={`${base}/${agreement.id}/files/${file.id}`} download>
                          {file.fileName}
                        </Anchor>{' '}
                        <Text span size="xs" c="dimmed">
                          ({Math.ceil(file.size / 1024)} KB)
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                ) : null}
              </Stack>
            </Card>
          ) : null}
          <Card withBorder component="section" aria-labelledby="portal-signers-title">
            <Stack gap="xs">
              <Title order={4} size="h5" id="portal-signers-title">
                Signers
              </Title>
              <List>
                {agreement.signers.map((s) => (
                  <List.Item key={s.id}>
                    {s.name}, {s.role} ({s.side === 'us' ? 'their side' : 'your side'})
                    {s.you ? ' · you' : ''} ·{' '}
                    {s.signedAt ? (
                      <>
                        signed <time dateTime={s.signedAt}>{formatDateTime(s.signedAt)}</time>
                      </>
                    ) : (
                      'not signed yet'
                    )}
                  </List.Item>
                ))}
              </List>
            </Stack>
          </Card>
          {mine && agreement.version && agreement.status === 'pending_signature' ? (
            <PortalSignCard agreement={agreement} signer={mine} sha256={agreement.version.sha256} />
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

/** The agreements sent to the partner for signature and later, newest first. */
export function SharedAgreements() {
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useKeysetList(['portal', 'agreements'], (cursor) => portalAgreements(cursor));
  if (openId) return <AgreementView id={openId} onBack={() => setOpenId(null)} />;
  return (
    <Stack gap="md">
      <ErrorAlert error={list.query.error} />
      {list.query.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading agreements" />
        </Center>
      ) : list.items.length === 0 ? (
        <Card withBorder p="xl">
          <Text c="dimmed" ta="center">
            No agreement has been sent to you for signature yet.
          </Text>
        </Card>
      ) : (
        list.items.map((agreement) => (
          <Card key={agreement.id} withBorder component="article">
            <Stack gap="xs">
              <Anchor
                component="button"
                type="button"
                ta="left"
                fw={600}
                onClick={() => setOpenId(agreement.id)}
              >
                {agreement.title}
              </Anchor>
              <Terms agreement={agreement} />
            </Stack>
          </Card>
        ))
      )}
      <ShowMore list={list} />
    </Stack>
  );
}
