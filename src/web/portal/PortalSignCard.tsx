import { Button, Card, Checkbox, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PortalAgreementDetail } from '../../domain/portal/agreements';
import { describeError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { signPortalAgreement } from './portal.api';

type Props = {
  agreement: PortalAgreementDetail;
  signer: PortalAgreementDetail['signers'][number];
  sha256: string;
};

/** The partner user signs the frozen text shown above: authority confirmed, name typed. */
export function PortalSignCard({ agreement, signer, sha256 }: Props) {
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const [typedName, setTypedName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sign = useMutation({
    mutationFn: () =>
      signPortalAgreement(agreement.id, signer.id, { sha256, typedName, authorityConfirmed: true }),
    onSuccess: (detail) => {
      queryClient.setQueryData(['portal', 'agreement', agreement.id], detail);
      void queryClient.invalidateQueries({ queryKey: ['portal', 'agreements'] });
    },
    onError: (failure) => setError(describeError(failure)),
  });
  return (
    <Card withBorder component="section" aria-labelledby="portal-sign-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          sign.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h5" id="portal-sign-title">
            Sign this agreement
          </Title>
          <Text size="sm" c="dimmed">
            You sign the text above as {signer.name} ({signer.role}).
          </Text>
          <ErrorAlert error={error} title="Not signed" />
          <Checkbox
            label="I confirm I am authorised to sign for my organization"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.currentTarget.checked)}
          />
          <TextInput
            label="Type your name to sign"
            description={`As the agreement names you: ${signer.name}`}
            autoComplete="name"
            required
            value={typedName}
            onChange={(event) => setTypedName(event.currentTarget.value)}
          />
          <Button
            type="submit"
            disabled={!confirmed || typedName.trim() === ''}
            loading={sign.isPending}
          >
            Sign
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
