import { Button, Card, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import {
  type AgreementStatus,
  isClosed,
  manualMoves,
  termsEditable,
} from '../../../domain/agreements';
import { describeError } from '../../api/client';
import { Crumbs } from '../../components/Crumbs';
import { Detail, Details } from '../../components/Details';
import { AnchorLink, ButtonLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { can, useSession } from '../auth/session';
import { CommentThread } from '../comments/CommentThread';
import { formatDay } from '../plans/plan-labels';
import { AgreementCompliance } from './AgreementCompliance';
import { AgreementObligations } from './AgreementObligations';
import { AgreementSigners } from './AgreementSigners';
import { AgreementSigning } from './AgreementSigning';
import { AgreementVersions } from './AgreementVersions';
import {
  AgreementStatusBadge,
  agreementMoveLabel,
  agreementTypeLabels,
  formatMoney,
} from './agreement-labels';
import { agreementQuery, deleteAgreement, transitionAgreement } from './agreements.api';

const day = (value: string | null) => (value ? formatDay(value) : null);

/** One agreement: its terms, the moves this person may make from here, and its signers. */
export function AgreementPage() {
  const { agreementId } = useParams({ from: '/app/agreements/$agreementId' });
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const allowed = can(session, 'agreement.read');
  const record = useQuery({ ...agreementQuery(agreementId), enabled: allowed });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['agreement', agreementId] });
    await queryClient.invalidateQueries({ queryKey: ['agreements'] });
  };
  const move = useMutation({
    mutationFn: ({ to, etag }: { to: AgreementStatus; etag: string }) =>
      transitionAgreement(agreementId, etag, to),
    onSuccess: refresh,
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });
  const remove = useMutation({
    mutationFn: (etag: string) => deleteAgreement(agreementId, etag),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notifications.show({ color: 'teal', message: 'Draft deleted.' });
      await navigate({ to: '/agreements' });
    },
    onError: (error) => notifications.show({ color: 'red', message: describeError(error) }),
  });

  if (!allowed) return <NoAccess what="see agreements" />;
  if (record.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading agreement" />
      </Center>
    );
  if (record.isError) return <RecordError error={record.error} what="agreement" />;
  const { agreement, etag } = record.data;
  const writer = can(session, 'agreement.write');
  const moves = writer ? manualMoves(agreement.status, session?.role ?? null) : [];
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete “${agreement.title}”?`,
      children: (
        <Text size="sm">
          Delete only a draft made by mistake. Its history stays in the audit trail.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(etag),
    });

  return (
    <Stack gap="lg">
      <Crumbs current={agreement.title}>
        <AnchorLink to="/agreements">Agreements</AnchorLink>
      </Crumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={6} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <PageTitle title={agreement.title} />
          <Group gap="sm">
            <AgreementStatusBadge status={agreement.status} size="lg" />
            <Text size="sm" c="dimmed">
              {agreementTypeLabels[agreement.type]} with{' '}
              <AnchorLink
                to="/partners/$partnerId"
                params={{ partnerId: agreement.partnerId }}
                search={{ tab: 'agreements' }}
                underline="always"
              >
                {agreement.partnerName}
              </AnchorLink>
            </Text>
          </Group>
        </Stack>
        {writer ? (
          <Group gap="sm">
            {moves.map((to) => (
              <Button
                key={to}
                variant={to === 'terminated' || to === 'draft' ? 'default' : 'filled'}
                color={to === 'terminated' ? 'red' : undefined}
                loading={move.isPending && move.variables?.to === to}
                onClick={() => move.mutate({ to, etag })}
              >
                {agreementMoveLabel(agreement.status, to)}
              </Button>
            ))}
            {!isClosed(agreement.status) ? (
              <ButtonLink
                variant="default"
                to="/agreements/$agreementId/edit"
                params={{ agreementId }}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                Edit
              </ButtonLink>
            ) : null}
            {agreement.status === 'draft' ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={confirmDelete}
              >
                Delete
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Group>
      <Details>
        <Detail label="Owner">{agreement.ownerName}</Detail>
        <Detail label="Effective on">{day(agreement.effectiveOn)}</Detail>
        <Detail label="Ends on">{day(agreement.endOn)}</Detail>
        <Detail label="Renewal">
          {agreement.autoRenew
            ? `Renews automatically for ${agreement.renewalTermMonths} months`
            : 'Does not renew by itself'}
        </Detail>
        <Detail label="Notice period">
          {agreement.noticeDays === null ? null : `${agreement.noticeDays} days`}
        </Detail>
        <Detail label="Value">{formatMoney(agreement.value, agreement.currency)}</Detail>
        <Detail label="Governing law">{agreement.governingLaw}</Detail>
        <Detail label="Under master agreement">
          {agreement.parentId ? (
            <AnchorLink
              to="/agreements/$agreementId"
              params={{ agreementId: agreement.parentId }}
              underline="always"
            >
              {agreement.parentTitle ?? 'Master agreement'}
            </AnchorLink>
          ) : null}
        </Detail>
      </Details>
      <AgreementCompliance
        agreement={agreement}
        canMark={can(session, 'compliance.review') && !isClosed(agreement.status)}
      />
      <AgreementObligations agreementId={agreement.id} canChange={writer} />
      <AgreementSigners
        agreement={agreement}
        etag={etag}
        canChange={writer && termsEditable(agreement.status)}
      />
      <AgreementSigning
        agreement={agreement}
        canSendLinks={can(session, 'agreement.signing_links')}
      />
      <AgreementVersions
        agreement={agreement}
        etag={etag}
        canChange={writer && termsEditable(agreement.status)}
      />
      {can(session, 'comment.read') ? (
        <Card withBorder padding="lg" component="section" aria-labelledby="agreement-comments">
          <Stack gap="sm">
            <Stack gap={2}>
              <Text fw={600} id="agreement-comments" component="h2" size="lg" m={0}>
                Comments
              </Text>
              <Text size="xs" c="dimmed">
                On the agreement as a whole; a version’s text is discussed under Versions. Internal:
                the partner never sees them.
              </Text>
            </Stack>
            <CommentThread subjectType="agreement" subjectId={agreement.id} />
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
