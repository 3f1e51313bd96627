import { Button, FileButton, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { can, useSession } from '../auth/session';
import { contactName, listContacts } from '../contacts/contacts.api';
import { TimelineView } from '../timeline/TimelineView';
import { InteractionDrawer, type InteractionDrawerTarget } from './InteractionDrawer';
import { MAX_FILE_BYTES, parseInteractionFile } from './interactions.api';

const accepted = '.eml,.ics,message/rfc822,text/calendar';

/** The partner page's Timeline tab: what happened, logging an interaction, dropping a file. */
export function PartnerTimeline({ partnerId, archived }: { partnerId: string; archived: boolean }) {
  const session = useSession();
  const [target, setTarget] = useState<InteractionDrawerTarget>(null);
  const [dragging, setDragging] = useState(false);
  const contacts = useQuery({
    queryKey: ['contacts', { partnerId }, 'all'],
    queryFn: ({ signal }) => listContacts({ partnerId }, undefined, signal),
  });
  const canLog = can(session, 'interaction.create') && !archived;
  const parse = useMutation({
    mutationFn: (file: File) => parseInteractionFile(partnerId, file),
    onSuccess: (draft) => setTarget({ draft }),
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Could not read the file',
        message: describeError(error),
      }),
  });
  const read = (file: File | null | undefined) => {
    if (!file) return;
    if (!/\.(eml|ics)$/i.test(file.name))
      return notifications.show({
        color: 'red',
        message: 'Drop an .eml (email) or .ics (calendar) file.',
      });
    if (file.size > MAX_FILE_BYTES)
      return notifications.show({ color: 'red', message: 'The file is larger than 2 MB.' });
    parse.mutate(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    read(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text component="h2" fw={600} size="lg">
          Timeline
        </Text>
        {canLog ? (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            variant="light"
            onClick={() => setTarget({})}
          >
            Log interaction
          </Button>
        ) : null}
      </Group>
      {canLog ? (
        <Paper
          withBorder
          p="md"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          style={{
            borderStyle: 'dashed',
            borderColor: dragging ? 'var(--mantine-color-blue-filled)' : undefined,
          }}
        >
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              Drop an email (.eml) or a calendar invitation (.ics) here to log it. You confirm
              before it is saved.
            </Text>
            <FileButton onChange={read} accept={accepted}>
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="xs"
                  loading={parse.isPending}
                  leftSection={<IconFileImport size={14} aria-hidden />}
                >
                  Choose a file
                </Button>
              )}
            </FileButton>
          </Group>
        </Paper>
      ) : null}
      <TimelineView
        partnerId={partnerId}
        people={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: contactName(c) }))}
        onOpenInteraction={(id) => setTarget({ id })}
      />
      <InteractionDrawer partnerId={partnerId} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
