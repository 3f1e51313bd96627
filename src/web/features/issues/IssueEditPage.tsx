import { Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordPending } from '../../components/RecordError';
import { isStale, StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { IssueForm, type IssueFormApi, issueFormValues } from './IssueForm';
import { type IssueCreateBody, issueQuery, updateIssue } from './issues.api';

export function IssueEditPage() {
  const { issueId } = useParams({ from: '/app/issues/$issueId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const allowed = can(session, 'issue.update');
  const record = useQuery({ ...issueQuery(issueId), enabled: allowed });
  const [failure, setFailure] = useState<ReactNode>(null);
  const toIssue = () => navigate({ to: '/issues/$issueId', params: { issueId } });

  const save = useMutation({
    mutationFn: ({ body, etag }: { body: IssueCreateBody; etag: string; form: IssueFormApi }) =>
      updateIssue(issueId, etag, body),
    onSuccess: async (issue) => {
      await queryClient.invalidateQueries({ queryKey: ['issues'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', issue.partnerId] });
      queryClient.removeQueries({ queryKey: ['issue', issueId] });
      notifications.show({ color: 'teal', message: 'Issue saved.' });
      await toIssue();
    },
    onError: (error, { form }) => {
      if (isStale(error)) {
        setFailure(
          <StaleRecordAlert
            what="issue"
            onReload={async () => {
              setFailure(null);
              await record.refetch();
            }}
          />,
        );
        return;
      }
      setFailure(applyProblem(form, error));
    },
  });

  if (!allowed) return <NoAccess what="change issues" />;
  if (!record.data) return <RecordPending query={record} what="issue" />;
  const { issue, etag } = record.data;

  return (
    <Stack gap="lg">
      <Crumbs current="Edit">
        <AnchorLink to="/issues">Issues</AnchorLink>
        <AnchorLink
          to="/issues/$issueId"
          params={{ issueId }}
          truncate="end"
          title={issue.title}
          maw="100%"
        >
          {issue.title}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={`Edit ${issue.title}`} />
      <IssueForm
        key={etag}
        initial={issueFormValues(issue)}
        partnerName={issue.partnerName}
        submitLabel="Save changes"
        dueHint="A new severity moves the due date to its response target unless you set one."
        pending={save.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          // An unchanged due date is left out, so a new severity can move it.
          const { dueOn, ...rest } = body;
          save.mutate({
            body: dueOn && dueOn !== issue.dueOn ? body : rest,
            etag,
            form,
          });
        }}
        onCancel={toIssue}
      />
    </Stack>
  );
}
