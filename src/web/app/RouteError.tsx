import { Button, Center, Stack } from '@mantine/core';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageTitle } from '../components/PageTitle';

export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Center component="main" mih="60vh" p="xl">
      <Stack maw={520}>
        <PageTitle title="This page could not be shown" />
        <ErrorAlert error={error} />
        <Button onClick={reset} variant="light">
          Try again
        </Button>
      </Stack>
    </Center>
  );
}
