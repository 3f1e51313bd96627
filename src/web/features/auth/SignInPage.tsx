import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { signInBody } from '../../../domain/auth';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { applyProblem } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';
import { setupQuery, useEnterApp } from './session';

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const setup = useQuery(setupQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(signInBody, { sync: true }),
  });
  const enterApp = useEnterApp();
  const signIn = useMutation({
    mutationFn: async (body: typeof form.values) =>
      unwrap(await api.POST('/api/v1/auth/sign-in', { body })),
    onSuccess: (session) => enterApp(session, { to: search.next }),
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <AuthLayout title="Sign in to Tandem">
      {setup.data?.needed ? (
        <Alert color="yellow" title="Tandem is not set up yet">
          Open the setup link that the server printed when it started.
        </Alert>
      ) : null}
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          signIn.mutate(values);
        })}
      >
        <Stack>
          <ErrorAlert error={failure} title="Could not sign in" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            key={form.key('password')}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <AnchorLink to="/forgot-password" size="sm" ta="center">
            Forgot your password?
          </AnchorLink>
        </Stack>
      </form>
    </AuthLayout>
  );
}
