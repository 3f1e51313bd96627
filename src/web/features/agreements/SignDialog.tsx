import { Button, Checkbox, Code, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Markdown } from '../interactions/Markdown';
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
  const [confirmed, setConfirmed] = useState(false);
  const [typedName, setTypedName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sign = useMutation({
    mutationFn: () =>
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
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          sign.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={error} title="Not signed" />
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            {text.data ? <Markdown>{text.data.body}</Markdown> : <Text c="dimmed">Loading…</Text>}
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">
            SHA-256 of this text: <Code>{version.sha256}</Code>
          </Text>
          <Checkbox
            label={`I confirm I am authorised to sign for ${side}`}
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
            disabled={!confirmed || typedName.trim() === '' || !text.data}
            loading={sign.isPending}
          >
            Sign
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
