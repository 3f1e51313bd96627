import { Breadcrumbs, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { partnerQuery } from '../partners/partners.api';
import { IssueForm, type IssueFormApi, issueFormValues } from './IssueForm';
import { createIssue, type IssueCreateBody } from './issues.api';

export function IssueCreatePage() {
  const { partnerId } = useSearch({ from: '/app/issues/new' });
  const navigate = useNavigate();
  const session = useSession();
  const queryClient = useQueryClient();
  const partner = useQuery({ ...partnerQuery(partnerId ?? ''), enabled: Boolean(partnerId) });
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: ({ body }: { body: IssueCreateBody; form: IssueFormApi }) => createIssue(body),
    onSuccess: async (issue) => {
      await queryClient.invalidateQueries({ queryKey: ['issues'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', issue.partnerId] });
      notifications.show({ color: 'teal', message: 'Issue raised.' });
      await navigate({ to: '/issues/$issueId', params: { issueId: issue.id } });
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  if (!can(session, 'issue.create')) return <NoAccess what="raise issues" />;
  if (partnerId && partner.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const partnerName = partner.data?.partner.name ?? null;

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        {partnerId && partnerName ? (
          <AnchorLink to="/partners/$partnerId" params={{ partnerId }} search={{ tab: 'issues' }}>
            {partnerName}
          </AnchorLink>
        ) : (
          <AnchorLink to="/issues">Issues</AnchorLink>
        )}
        <span>New issue</span>
      </Breadcrumbs>
      <PageTitle title={partnerName ? `New issue with ${partnerName}` : 'New issue'} />
      <IssueForm
        initial={issueFormValues(undefined, partnerId)}
        partnerName={partnerName}
        submitLabel="Raise issue"
        dueHint="Leave blank to use the response target of its severity."
        pending={create.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          create.mutate({ body, form });
        }}
        onCancel={() =>
          partnerId
            ? navigate({
                to: '/partners/$partnerId',
                params: { partnerId },
                search: { tab: 'issues' },
              })
            : navigate({ to: '/issues' })
        }
      />
    </Stack>
  );
}
