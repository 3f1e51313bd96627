import { Button, PasswordInput, Stack } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { passwordResetConfirmBody } from '../../../domain/auth';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { applyProblem } from '../../lib/forms';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from './AuthLayout';
import { MissingToken } from './MissingToken';

const resetForm = passwordResetConfirmBody.omit({ token: true });

export function ResetPasswordPage() {
  const token = useFragmentToken();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: schemaResolver(resetForm, { sync: true }),
  });
  const confirm = useMutation({
    mutationFn: async (values: { password: string }) =>
      unwrap(
        await api.POST('/api/v1/auth/password-reset/confirm', {
          body: { ...values, token: token ?? '' },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'Password changed. Sign in with it now.' });
      await navigate({ to: '/sign-in' });
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <AuthLayout title="Choose a new password">
      {token ? (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            confirm.mutate(values);
          })}
        >
          <Stack>
            <ErrorAlert error={failure} title="Could not change the password" />
            <PasswordInput
              label="New password"
              description="At least 10 characters"
              autoComplete="new-password"
              required
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={confirm.isPending} fullWidth>
              Change password
            </Button>
            <AnchorLink to="/sign-in" size="sm" ta="center">
              Back to sign in
            </AnchorLink>
          </Stack>
        </form>
      ) : (
        <MissingToken what="password reset" />
      )}
    </AuthLayout>
  );
}
