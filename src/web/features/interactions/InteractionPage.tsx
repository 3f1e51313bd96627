import { Card, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { CommentThread } from '../comments/CommentThread';
import { formatDate, humanize } from '../partners/partner-labels';
import { ExistingInteraction } from './InteractionDrawer';
import { interactionQuery } from './interactions.api';

/**
 * An interaction on a page of its own, where a notification or a task leads: the same form as the
 * timeline's drawer, and its comments. Closing it goes to the partner's timeline.
 */
export function InteractionPage() {
  const { interactionId } = useParams({ from: '/app/interactions/$interactionId' });
  const session = useSession();
  const navigate = useNavigate();
  const record = useQuery(interactionQuery(interactionId));

  if (!record.data) return <RecordPending query={record} what="interaction" />;
  const { interaction } = record.data;
  const title = `${humanize(interaction.kind)} on ${formatDate(interaction.occurredAt)}`;
  const toTimeline = () =>
    navigate({
      to: '/partners/$partnerId',
      params: { partnerId: interaction.partnerId },
      search: { tab: 'timeline' },
    });

  return (
    <Stack gap="lg">
      <Crumbs current={title}>
        <AnchorLink
          to="/partners/$partnerId"
          params={{ partnerId: interaction.partnerId }}
          search={{ tab: 'timeline' }}
        >
          {interaction.partnerName}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={title} />
      <Card withBorder padding="lg">
        <ExistingInteraction
          id={interaction.id}
          partnerId={interaction.partnerId}
          onDone={() => void toTimeline()}
        />
      </Card>
      {can(session, 'comment.read') ? (
        <section aria-labelledby="interaction-comments">
          <Text fw={600} mb="xs" component="h2" size="md" id="interaction-comments">
            Comments
          </Text>
          <CommentThread subjectType="interaction" subjectId={interaction.id} />
        </section>
      ) : null}
    </Stack>
  );
}
