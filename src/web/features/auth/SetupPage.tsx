import { Button, Checkbox, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setupBody } from '../../../domain/setup';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem } from '../../lib/forms';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from './AuthLayout';
import { MissingToken } from './MissingToken';
import { setupQuery, useEnterApp } from './session';

/** The API's setup body, less the token, which comes from the link. */
const setupForm = setupBody.omit({ token: true });

export function SetupPage() {
  const token = useFragmentToken();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      workspaceName: '',
      adminName: '',
      adminEmail: '',
      adminPassword: '',
      loadDemo: false,
    },
    validate: schemaResolver(setupForm, { sync: true }),
  });
  const enterApp = useEnterApp();
  const setup = useMutation({
    mutationFn: async (values: typeof form.values) =>
      unwrap(await api.POST('/api/v1/setup', { body: { ...values, token: token ?? '' } })),
    onSuccess: async (session) => {
      await queryClient.invalidateQueries({ queryKey: setupQuery.queryKey });
      await enterApp(session, { welcome: 'Your workspace is ready.' });
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <AuthLayout
      title="Set up Tandem"
      intro="Name your workspace and create the first administrator account."
    >
      {token ? (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            setup.mutate(values);
          })}
        >
          <Stack>
            <ErrorAlert error={failure} title="Setup failed" />
            <TextInput
              label="Workspace name"
              description="Usually your organization's name"
              required
              key={form.key('workspaceName')}
              {...form.getInputProps('workspaceName')}
            />
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              key={form.key('adminName')}
              {...form.getInputProps('adminName')}
            />
            <TextInput
              label="Your email"
              type="email"
              autoComplete="username"
              required
              key={form.key('adminEmail')}
              {...form.getInputProps('adminEmail')}
            />
            <PasswordInput
              label="Password"
              description="At least 10 characters"
              autoComplete="new-password"
              required
              key={form.key('adminPassword')}
              {...form.getInputProps('adminPassword')}
            />
            <Checkbox
              label="Load demo data"
              description="50 partners and 300 contacts to explore; the demo team signs in with the password tandem-demo"
              key={form.key('loadDemo')}
              {...form.getInputProps('loadDemo', { type: 'checkbox' })}
            />
            <Button type="submit" loading={setup.isPending} fullWidth>
              Create workspace
            </Button>
          </Stack>
        </form>
      ) : (
        <MissingToken what="setup" />
      )}
    </AuthLayout>
  );
}
