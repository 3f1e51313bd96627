import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describeError, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from '../auth/AuthLayout';
import { MissingToken } from '../auth/MissingToken';
import { Markdown } from '../interactions/Markdown';
import { SignatureForm } from './SignatureForm';

/**
 * The public page a partner signer's link opens: that one agreement, its frozen text, and the
 * signature (authority confirmed, name typed). The token stays in the fragment and goes to the
 * API in a request body only.
 */
export function SigningPage() {
  const token = useFragmentToken();
  const view = useQuery({
    queryKey: ['signing-view', token],
    queryFn: async () =>
      unwrap(await api.POST('/api/v1/signing/view', { body: { token: token ?? '' } })),
    enabled: Boolean(token),
    retry: false,
  });
  const [error, setError] = useState<string | null>(null);
  const sign = useMutation({
    mutationFn: async (typedName: string) =>
      unwrap(
        await api.POST('/api/v1/signing/signature', {
          body: {
            token: token ?? '',
            sha256: view.data?.version.sha256 ?? '',
            typedName,
            authorityConfirmed: true,
          },
        }),
      ),
    onError: (failure) => setError(describeError(failure)),
  });
  const shown = sign.data ?? view.data;
  const title = shown ? `Sign: ${shown.title}` : 'Sign an agreement';
  return (
    <AuthLayout
      title={title}
      intro={shown ? `${shown.workspace} and ${shown.partner}` : undefined}
      wide
    >
      {!token ? <MissingToken what="signing link" /> : null}
      {view.error ? (
        <ErrorAlert error={describeError(view.error)} title="This link does not work" />
      ) : null}
      {shown ? (
        <Stack>
          <Text size="sm" c="dimmed">
            Version {shown.version.number}
            {shown.effectiveOn ? `, effective ${shown.effectiveOn}` : ''}
            {shown.endOn ? `, ending ${shown.endOn}` : ''}
            {shown.governingLaw ? `, governed by ${shown.governingLaw}` : ''}
          </Text>
          <Markdown>{shown.version.body}</Markdown>
          <Text size="xs" c="dimmed">
            SHA-256 of this text:{' '}
            <Code style={{ wordBreak: 'break-all' }}>{shown.version.sha256}</Code>
          </Text>
          <Title order={2} size="h4">
            Signers
          </Title>
          <Stack gap={2}>
            {shown.signers.map((s) => (
              <Text size="sm" key={`${s.side}-${s.name}`}>
                {s.name}, {s.role} ({s.side === 'us' ? shown.workspace : shown.partner}):{' '}
                {s.signedAt
                  ? `signed ${s.signedAt.slice(0, 16).replace('T', ' ')} UTC`
                  : 'not yet signed'}
              </Text>
            ))}
          </Stack>
          {shown.signer.signedAt ? (
            <Alert color="teal" title="Signed" role="status">
              You signed on {shown.signer.signedAt.slice(0, 16).replace('T', ' ')} UTC. You can
              close this page.
            </Alert>
          ) : (
            <SignatureForm
              organization={shown.partner}
              signerName={shown.signer.name}
              error={error}
              pending={sign.isPending}
              onSign={(typedName) => {
                setError(null);
                sign.mutate(typedName);
              }}
            />
          )}
        </Stack>
      ) : null}
    </AuthLayout>
  );
}
