import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A secret or link the server shows this one time, with a copy button. */
export function ShownOnce({
  title,
  value,
  note,
  onDone,
}: {
  title: string;
  value: string;
  note: string;
  onDone: () => void;
}) {
  return (
    <Alert color="teal" title={title} role="status">
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Code
          block
          data-testid="shown-once"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        >
          {value}
        </Code>
        <Group gap="xs">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button
                size="xs"
                variant="white"
                leftSection={
                  copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />
                }
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="subtle" onClick={onDone}>
            Done
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
