import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { changePasswordBody } from '../../../domain/auth';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyProblem } from '../../lib/forms';

/** The account menu's password change: the current password, then the new one. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', newPassword: '' },
    validate: schemaResolver(changePasswordBody, { sync: true }),
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const change = useMutation({
    mutationFn: async (body: typeof form.values) =>
      unwrap(await api.POST('/api/v1/auth/password', { body })),
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: 'Your password was changed. You were signed out everywhere else.',
      });
      close();
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  return (
    <Modal opened={opened} onClose={close} title="Change your password">
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          change.mutate(values);
        })}
      >
        <Stack>
          <ErrorAlert error={failure} title="Not changed" />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            data-autofocus
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            key={form.key('newPassword')}
            {...form.getInputProps('newPassword')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
