import { Badge, Button, Card, Code, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/list/DataTable';
import { ShownOnce } from '../../components/ShownOnce';
import { useSession } from '../auth/session';
import { DownloadLink } from '../kpis/DownloadLink';
import { useMyMemberId } from '../settings/settings.api';
import type { Agreement } from './agreements.api';
import { SignDialog } from './SignDialog';
import {
  agreementSigningQuery,
  type SigningSigner,
  sendSigningLink,
  signedPdfHref,
} from './signing.api';

type Props = { agreement: Agreement; canSendLinks: boolean };

const linkLabels = {
  not_sent: 'Link not sent',
  sent: 'Link sent',
  expired: 'Link expired',
  used: 'Signed by link',
} as const;
const when = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;

function SignerState({ signer }: { signer: SigningSigner }) {
  if (signer.signature)
    return (
      <Stack gap={0}>
        <Badge color="teal" variant="light">
          Signed {when(signer.signature.signedAt)}
        </Badge>
        <Text size="xs" c="dimmed">
          as “{signer.signature.typedName}” from{' '}
          {signer.signature.ipAddress ?? 'an unknown address'}
        </Text>
      </Stack>
    );
  if (signer.link)
    return (
      <Stack gap={0}>
        <Badge color={signer.link.state === 'sent' ? 'blue' : 'gray'} variant="light">
          {linkLabels[signer.link.state]}
        </Badge>
        {signer.link.email && signer.link.expiresAt ? (
          <Text size="xs" c="dimmed">
            to {signer.link.email}, until {when(signer.link.expiresAt)}
          </Text>
        ) : null}
      </Stack>
    );
  return (
    <Badge color="gray" variant="light">
      Not signed
    </Badge>
  );
}

/** Who has signed the text sent for signature, signing for oneself, and the partner's links. */
export function AgreementSigning({ agreement, canSendLinks }: Props) {
  const queryClient = useQueryClient();
  const myMemberId = useMyMemberId();
  const session = useSession();
  const signing = useQuery({
    ...agreementSigningQuery(agreement.id),
    enabled: !['draft', 'in_negotiation'].includes(agreement.status),
  });
  const [dialogSigner, setSigning] = useState<SigningSigner | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (signerId: string) => sendSigningLink(agreement.id, signerId),
    onSuccess: async (sent) => {
      setError(null);
      setShown(sent.signingUrl ?? null);
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreement.id, 'signing'] });
    },
    onError: (failure) => setError(describeError(failure)),
  });
  const state = signing.data;
  if (!state?.version) return null;
  const pending = state.status === 'pending_signature';
  const sideName = (side: string) =>
    side === 'us' ? (session?.workspace.name ?? 'our side') : agreement.partnerName;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="signing-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} id="signing-title" component="h2" size="lg" m={0}>
            Signatures
          </Text>
          {state.signedPdf ? (
            <DownloadLink href={signedPdfHref(agreement.id)}>Download signed PDF</DownloadLink>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          Version {state.version.number} was sent for signature. SHA-256{' '}
          <Code style={{ wordBreak: 'break-all' }}>{state.version.sha256}</Code>
        </Text>
        {state.complete && pending ? (
          <Text size="sm">
            Everyone has signed; a compliance requirement holds the agreement back from active.
          </Text>
        ) : null}
        <ErrorAlert error={error} title="Not sent" />
        {shown ? (
          <ShownOnce
            title="Signing link"
            value={shown}
            note="Mail is not set up on this server: send this link to the signer yourself. It is shown only now."
            onDone={() => setShown(null)}
          />
        ) : null}
        <DataTable
          label="Signatures"
          rows={state.signers}
          rowKey={(signer) => signer.id}
          columns={[
            {
              key: 'signer',
              header: 'Signer',
              width: 'minmax(150px, 1.5fr)',
              primary: true,
              cell: (signer) => (
                <>
                  <Text size="sm" fw={500}>
                    {signer.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {signer.role}
                  </Text>
                </>
              ),
            },
            {
              key: 'for',
              header: 'For',
              width: 'minmax(110px, 1fr)',
              cell: (signer) => (signer.side === 'us' ? 'Our side' : agreement.partnerName),
            },
            {
              key: 'state',
              header: 'State',
              width: 'minmax(150px, 1.5fr)',
              cell: (signer) => <SignerState signer={signer} />,
            },
            {
              key: 'actions',
              header: 'Actions',
              width: 'minmax(110px, auto)',
              actions: true,
              cell: (signer) => (
                <>
                  {pending &&
                  !signer.signature &&
                  signer.side === 'us' &&
                  signer.memberId === myMemberId ? (
                    <Button size="xs" onClick={() => setSigning(signer)}>
                      Sign
                    </Button>
                  ) : null}
                  {pending && !signer.signature && signer.side === 'partner' && canSendLinks ? (
                    <Button
                      size="xs"
                      variant="default"
                      loading={send.isPending && send.variables === signer.id}
                      onClick={() => send.mutate(signer.id)}
                      aria-label={`${signer.link?.state === 'not_sent' ? 'Send' : 'Re-send'} signing link to ${signer.name}`}
                    >
                      {signer.link?.state === 'not_sent' ? 'Send link' : 'Re-send link'}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </Stack>
      {dialogSigner ? (
        <SignDialog
          agreementId={agreement.id}
          signer={dialogSigner}
          side={sideName(dialogSigner.side)}
          version={state.version}
          opened
          onClose={() => setSigning(null)}
        />
      ) : null}
    </Card>
  );
}
