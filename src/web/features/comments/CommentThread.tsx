import { Button, Group, MultiSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { can, useSession } from '../auth/session';
import { Markdown } from '../interactions/Markdown';
import { formatDateTime } from '../partners/partner-labels';
import { membersQuery } from '../settings/settings.api';

type Comment = components['schemas']['Comment'];
type SubjectType = Comment['subjectType'];

/**
 * The comments on one record, oldest first, and a box to add one. Mentions are picked from the
 * workspace's members only; each is notified.
 */
export function CommentThread({
  subjectType,
  subjectId,
}: {
  subjectType: SubjectType;
  subjectId: string;
}) {
  const session = useSession();
  const queryClient = useQueryClient();
  const key = ['comments', subjectType, subjectId];
  const thread = useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/comments', {
          params: { query: { subjectType, subjectId, limit: 50, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const canWrite = can(session, 'comment.create');
  const members = useQuery({ ...membersQuery, enabled: canWrite });
  const [body, setBody] = useState('');
  const [mentionIds, setMentionIds] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/comments', {
          body: { subjectType, subjectId, body, mentionIds },
        }),
      ),
    onSuccess: () => {
      setBody('');
      setMentionIds([]);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const comments = thread.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="sm">
      <ErrorAlert error={thread.error} title="Comments could not be loaded" />
      {thread.isSuccess && comments.length === 0 ? (
        <Text c="dimmed" size="sm">
          No comments yet.{canWrite ? ' Start the conversation below.' : ''}
        </Text>
      ) : null}
      {comments.map((comment) => (
        <Paper key={comment.id} withBorder p="sm" component="article">
          <Group gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {comment.authorName ?? 'An API key or a former member'}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(comment.createdAt)}
              {comment.updatedAt !== comment.createdAt ? ' · edited' : ''}
            </Text>
          </Group>
          <Markdown>{comment.body}</Markdown>
          {comment.mentions.length > 0 ? (
            <Text size="xs" c="dimmed">
              Mentioned: {comment.mentions.map((m) => m.name).join(', ')}
            </Text>
          ) : null}
        </Paper>
      ))}
      {thread.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => thread.fetchNextPage()}
          loading={thread.isFetchingNextPage}
        >
          Show later comments
        </Button>
      ) : null}
      {canWrite ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (body.trim()) add.mutate();
          }}
        >
          <Stack gap="xs">
            <ErrorAlert error={add.error} title="Not posted" />
            <Textarea
              label="Add a comment"
              description="Markdown: **bold**, lists, links"
              autosize
              minRows={2}
              maxLength={10_000}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
            />
            <MultiSelect
              label="Mention"
              description="They are notified"
              placeholder="Pick members"
              searchable
              data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
              value={mentionIds}
              onChange={setMentionIds}
              maxValues={20}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
                Comment
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
