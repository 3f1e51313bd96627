import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { passwordResetRequestBody } from '../../../domain/auth';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { applyProblem } from '../../lib/forms';
import { AuthLayout } from './AuthLayout';

export function ForgotPasswordPage() {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: schemaResolver(passwordResetRequestBody, { sync: true }),
  });
  const request = useMutation({
    mutationFn: async (body: { email: string }) =>
      unwrap(await api.POST('/api/v1/auth/password-reset/request', { body })),
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <AuthLayout
      title="Reset your password"
      intro="Enter the email you sign in with. If it belongs to an account, we send a link to choose a new password."
    >
      {request.isSuccess ? (
        <Alert color="teal" title="Check your email" role="status">
          If an account uses that address, a reset link is on its way; it works for one hour. No
          mail after a few minutes? This Tandem may not be set up to send mail: ask your workspace
          admin, who can give you a reset link from Settings.
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            request.mutate(values);
          })}
        >
          <Stack>
            <ErrorAlert error={failure} />
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
      <AnchorLink to="/sign-in" size="sm" ta="center">
        Back to sign in
      </AnchorLink>
    </AuthLayout>
  );
}
