import { Code, Modal, ScrollArea, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { Markdown } from '../interactions/Markdown';
import { SignatureForm } from '../signing/SignatureForm';
import { agreementVersionQuery } from './agreements.api';
import { signAgreement } from './signing.api';

type Props = {
  agreementId: string;
  signer: { id: string; name: string };
  side: string;
  version: { number: number; sha256: string };
  opened: boolean;
  onClose: () => void;
};

/** The member signs the frozen text: they read it, confirm their authority and type their name. */
export function SignDialog({ agreementId, signer, side, version, opened, onClose }: Props) {
  const queryClient = useQueryClient();
  const text = useQuery({
    ...agreementVersionQuery(agreementId, version.number),
    enabled: opened,
  });
  const [error, setError] = useState<string | null>(null);
  const sign = useMutation({
    mutationFn: (typedName: string) =>
      signAgreement(agreementId, signer.id, {
        sha256: version.sha256,
        typedName,
        authorityConfirmed: true,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreementId] });
      onClose();
    },
    onError: (failure) => setError(describeError(failure)),
  });
  return (
    <Modal opened={opened} onClose={onClose} title={`Sign version ${version.number}`} size="xl">
      <SignatureForm
        organization={side}
        signerName={signer.name}
        error={error}
        pending={sign.isPending}
        ready={Boolean(text.data)}
        onSign={(typedName) => {
          setError(null);
          sign.mutate(typedName);
        }}
      >
        <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
          {text.data ? <Markdown>{text.data.body}</Markdown> : <Text c="dimmed">Loading…</Text>}
        </ScrollArea.Autosize>
        <Text size="xs" c="dimmed">
          SHA-256 of this text: <Code>{version.sha256}</Code>
        </Text>
      </SignatureForm>
    </Modal>
  );
}
