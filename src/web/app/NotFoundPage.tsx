import { Center, Stack, Text } from '@mantine/core';

import { ButtonLink } from '../components/links';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  return (
    <Center component="main" mih="60vh" p="xl">
      <Stack align="center">
        <PageTitle title="Page not found" />
        <Text c="dimmed">There is nothing at this address, or it is not yours to see.</Text>
        <ButtonLink to="/partners">Go to partners</ButtonLink>
      </Stack>
    </Center>
  );
}
