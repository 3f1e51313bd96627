import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  Progress,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../ErrorAlert';
import {
  type Attachment,
  type AttachmentSubject,
  attachmentHref,
  attachmentsKey,
  attachmentsQuery,
  removeAttachment,
  uploadAttachment,
} from './attachments.api';

export type { AttachmentSubject } from './attachments.api';

/** What the file input offers; the server still reads each file's type from its content. */
const accept =
  '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,.txt,.md,.csv,application/pdf,image/png,image/jpeg,text/plain';

const kindLabels: Record<Attachment['kind'], string> = {
  pdf: 'PDF',
  docx: 'Word',
  xlsx: 'Excel',
  png: 'PNG',
  jpeg: 'JPEG',
  txt: 'Text',
};

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

type Props = {
  subject: AttachmentSubject;
  /** The heading, e.g. "Files of version 2" or "Evidence". */
  title: string;
  /** Whether the caller may attach and remove files here now (role, and not frozen). */
  canChange: boolean;
  /** Said under the heading when files cannot change (e.g. why: the version is frozen). */
  lockedNote?: string;
};

/**
 * The files of a version or an obligation: a list to download, an upload button (a real
 * button, so keyboard and screen readers reach it) with its progress, and remove.
 */
export function Attachments({ subject, title, canChange, lockedNote }: Props) {
  const queryClient = useQueryClient();
  const files = useQuery(attachmentsQuery(subject));
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: attachmentsKey(subject) });
  const upload = useMutation({
    mutationFn: (file: File) => {
      setError(null);
      setProgress(0);
      return uploadAttachment(subject, file, setProgress);
    },
    onSuccess: refresh,
    onError: setError,
    onSettled: () => setProgress(null),
  });
  const remove = useMutation({
    mutationFn: removeAttachment,
    onSuccess: refresh,
    onError: setError,
  });
  const headingId = `attachments-${attachmentsKey(subject).join('-')}`;
  const items = files.data?.items ?? [];

  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="center">
        <Text fw={600} id={headingId} component="h3" m={0}>
          {title}
        </Text>
        {canChange ? (
          <FileButton onChange={(file) => file && upload.mutate(file)} accept={accept}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconPaperclip size={16} aria-hidden />}
                loading={upload.isPending}
              >
                Attach a file
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      {!canChange && lockedNote ? (
        <Text size="xs" c="dimmed">
          {lockedNote}
        </Text>
      ) : null}
      {progress !== null ? (
        <Progress
          value={Math.round(progress * 100)}
          aria-label={`Uploading: ${Math.round(progress * 100)} %`}
          size="sm"
          animated
        />
      ) : null}
      <ErrorAlert error={error} title="The file was not attached" />
      {files.isPending ? <Loader size="sm" aria-label="Loading files" /> : null}
      {files.isError ? <ErrorAlert error={files.error} title="The files did not load" /> : null}
      {files.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No files yet.
          {canChange ? ' Attach a PDF, Word, Excel, PNG, JPEG or text file.' : ''}
        </Text>
      ) : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Size</Table.Th>
                <Table.Th scope="col">Added</Table.Th>
                {canChange ? (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((file) => (
                <Table.Tr key={file.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge variant="light" color="gray" size="sm">
                        {kindLabels[file.kind]}
                      </Badge>
                      <Anchor href={attachmentHref(file)} download size="sm">
                        {file.fileName}
                      </Anchor>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fileSize(file.size)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {new Date(file.createdAt).toLocaleDateString(undefined, {
                        dateStyle: 'medium',
                      })}
                      {file.uploadedByName ? ` · ${file.uploadedByName}` : ''}
                    </Text>
                  </Table.Td>
                  {canChange ? (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${file.fileName}`}
                        loading={remove.isPending && remove.variables?.id === file.id}
                        onClick={() => remove.mutate(file)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
