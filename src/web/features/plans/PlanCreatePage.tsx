import { Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { partnerQuery } from '../partners/partners.api';
import { workspaceQuery } from '../settings/settings.api';
import { PlanForm, type PlanFormApi } from './PlanForm';
import { planFormValues } from './plan-form-values';
import { createPlan, type PlanCreateBody } from './plans.api';

export function PlanCreatePage() {
  const { partnerId } = useSearch({ from: '/app/plans/new' });
  const navigate = useNavigate();
  const session = useSession();
  const queryClient = useQueryClient();
  const allowed = can(session, 'plan.write');
  const partner = useQuery({
    ...partnerQuery(partnerId ?? ''),
    enabled: allowed && Boolean(partnerId),
  });
  const workspace = useQuery({ ...workspaceQuery, enabled: allowed });
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: ({ body }: { body: PlanCreateBody; form: PlanFormApi }) => createPlan(body),
    onSuccess: async (plan) => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', plan.partnerId] });
      notifications.show({ color: 'teal', message: 'Plan started as a draft.' });
      await navigate({ to: '/plans/$planId', params: { planId: plan.id } });
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  if (!allowed) return <NoAccess what="start plans" />;
  if (workspace.isError) return <RecordError error={workspace.error} what="workspace" />;
  if (workspace.isPending || (partnerId && partner.isPending)) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const partnerName = partner.data?.partner.name ?? null;
  const { currentPeriod } = workspace.data.workspace;

  return (
    <Stack gap="lg">
      <Crumbs current="New plan">
        {partnerId && partnerName ? (
          <AnchorLink to="/partners/$partnerId" params={{ partnerId }} search={{ tab: 'plan' }}>
            {partnerName}
          </AnchorLink>
        ) : (
          <AnchorLink to="/plans">Plans</AnchorLink>
        )}
      </Crumbs>
      <PageTitle title={partnerName ? `New plan with ${partnerName}` : 'New plan'} />
      <PlanForm
        isNew
        initial={planFormValues(undefined, { partnerId, period: currentPeriod.year })}
        partnerName={partnerName}
        currentPeriod={currentPeriod}
        submitLabel="Start plan"
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
                search: { tab: 'plan' },
              })
            : navigate({ to: '/plans' })
        }
      />
    </Stack>
  );
}
