import { Center, Loader } from '@mantine/core';
import { ApiError } from '../api/client';
import { NotFound } from '../app/NotFoundPage';
import { ErrorAlert } from './ErrorAlert';

/** A record that does not exist, or whose id is not even an id, is the not-found page. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return (
    error.status === 404 ||
    (error.status === 400 && error.fieldErrors.some((field) => field.field === 'id'))
  );
}

/** Why a record page has nothing to show: not found, or an error worth reading. */
export function RecordError({ error, what }: { error: unknown; what: string }) {
  if (isNotFound(error)) return <NotFound what={what} />;
  return <ErrorAlert error={error} title={`Could not load the ${what}`} />;
}

/** A record page before its record is there: a loader while it loads, then why it failed. */
export function RecordPending({
  query,
  what,
}: {
  query: { isPending: boolean; error: unknown };
  what: string;
}) {
  if (query.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label={`Loading ${what}`} />
      </Center>
    );
  }
  return <RecordError error={query.error} what={what} />;
}
