import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { acceptInvitationBody } from '../../../domain/auth';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem } from '../../lib/forms';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from './AuthLayout';
import { MissingToken } from './MissingToken';
import { useEnterApp } from './session';

const acceptForm = acceptInvitationBody.omit({ token: true });

export function AcceptInvitationPage() {
  const token = useFragmentToken();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '', password: '' },
    validate: schemaResolver(acceptForm, { sync: true }),
  });
  const enterApp = useEnterApp();
  const accept = useMutation({
    mutationFn: async (values: typeof form.values) =>
      unwrap(
        await api.POST('/api/v1/auth/invitations/accept', {
          body: { ...values, token: token ?? '' },
        }),
      ),
    onSuccess: (session) => enterApp(session, { welcome: 'Welcome to Tandem.' }),
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <AuthLayout
      title="Join your team"
      intro="Choose your name and a password to accept the invitation."
    >
      {token ? (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            accept.mutate(values);
          })}
        >
          <Stack>
            <ErrorAlert error={failure} title="Could not accept the invitation" />
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <PasswordInput
              label="Password"
              description="At least 10 characters"
              autoComplete="new-password"
              required
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={accept.isPending} fullWidth>
              Accept invitation
            </Button>
          </Stack>
        </form>
      ) : (
        <MissingToken what="invitation" />
      )}
    </AuthLayout>
  );
}
