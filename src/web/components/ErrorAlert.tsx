import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeError } from '../api/client';

/** A failure that is not about one form field, announced to screen readers. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : describeError(error);
  return (
    <Alert
      color="red"
      title={title ?? 'Something went wrong'}
      icon={<IconAlertCircle />}
      role="alert"
    >
      {message}
    </Alert>
  );
}
