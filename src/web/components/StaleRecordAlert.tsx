import { Alert, Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { ApiError } from '../api/client';

/** Whether a save failed because someone changed the record after the form opened (412). */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

/** Shown on a 412: someone saved the record after this form was opened. */
export function StaleRecordAlert({ what, onReload }: { what: string; onReload: () => void }) {
  return (
    <Alert color="orange" title={`This ${what} was changed by someone else`} role="alert">
      Your changes were not saved, because the {what} changed since you opened it. Reload to see the
      current version, then make your changes again.
      <div>
        <Button
          mt="sm"
          size="xs"
          variant="white"
          color="orange"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={onReload}
        >
          Reload {what}
        </Button>
      </div>
    </Alert>
  );
}
