import { Card, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PortalAgreementDetail } from '../../domain/portal/agreements';
import { describeError } from '../api/client';
import { SignatureForm } from '../features/signing/SignatureForm';
import { signPortalAgreement } from './portal.api';

type Props = {
  agreement: PortalAgreementDetail;
  signer: PortalAgreementDetail['signers'][number];
  sha256: string;
};

/** The partner user signs the frozen text shown above: authority confirmed, name typed. */
export function PortalSignCard({ agreement, signer, sha256 }: Props) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const sign = useMutation({
    mutationFn: (typedName: string) =>
      signPortalAgreement(agreement.id, signer.id, { sha256, typedName, authorityConfirmed: true }),
    onSuccess: (detail) => {
      queryClient.setQueryData(['portal', 'agreement', agreement.id], detail);
      void queryClient.invalidateQueries({ queryKey: ['portal', 'agreements'] });
      void queryClient.invalidateQueries({ queryKey: ['portal', 'overview'] });
    },
    onError: (failure) => setError(describeError(failure)),
  });
  return (
    <Card withBorder component="section" aria-labelledby="portal-sign-title">
      <SignatureForm
        organization="my organization"
        signerName={signer.name}
        error={error}
        pending={sign.isPending}
        onSign={(typedName) => {
          setError(null);
          sign.mutate(typedName);
        }}
      >
        <Title order={3} size="h5" id="portal-sign-title">
          Sign this agreement
        </Title>
        <Text size="sm" c="dimmed">
          You sign the text above as {signer.name} ({signer.role}).
        </Text>
      </SignatureForm>
    </Card>
  );
}
