import { Alert, Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { isEditable } from '../../../domain/plans';
import { ApiError } from '../../api/client';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink, ButtonLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { StaleRecordAlert } from '../../components/StaleRecordAlert';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { workspaceQuery } from '../settings/settings.api';
import { PlanForm, type PlanFormApi } from './PlanForm';
import { planFormValues } from './plan-form-values';
import { lockedReason, periodName } from './plan-labels';
import { type PlanCreateBody, planQuery, updatePlan } from './plans.api';

export function PlanEditPage() {
  const { planId } = useParams({ from: '/app/plans/$planId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const allowed = can(session, 'plan.write');
  const record = useQuery({ ...planQuery(planId), enabled: allowed });
  const workspace = useQuery({ ...workspaceQuery, enabled: allowed });
  const [failure, setFailure] = useState<ReactNode>(null);
  const toPlan = () => navigate({ to: '/plans/$planId', params: { planId } });

  const save = useMutation({
    mutationFn: ({ body, etag }: { body: PlanCreateBody; etag: string; form: PlanFormApi }) =>
      updatePlan(planId, etag, { summary: body.summary, objectives: body.objectives }),
    onSuccess: async (plan) => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      await queryClient.invalidateQueries({ queryKey: ['partner-history', plan.partnerId] });
      queryClient.removeQueries({ queryKey: ['plan', planId] });
      notifications.show({ color: 'teal', message: 'Plan saved.' });
      await toPlan();
    },
    onError: (error, { form }) => {
      if (error instanceof ApiError && error.status === 412) {
        setFailure(
          <StaleRecordAlert
            what="plan"
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

  if (!allowed) return <NoAccess what="change plans" />;
  if (record.isPending || workspace.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading plan" />
      </Center>
    );
  }
  if (record.isError) return <RecordError error={record.error} what="plan" />;
  if (workspace.isError) return <RecordError error={workspace.error} what="workspace" />;
  const { plan, etag } = record.data;
  const title = `${periodName(plan.period)} plan with ${plan.partnerName}`;

  return (
    <Stack gap="lg">
      <Crumbs current="Edit">
        <AnchorLink to="/plans">Plans</AnchorLink>
        <AnchorLink to="/plans/$planId" params={{ planId }} truncate="end" title={title} maw="100%">
          {title}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={`Edit ${title}`} />
      {isEditable(plan.status) ? (
        <PlanForm
          key={etag}
          isNew={false}
          initial={planFormValues(plan, { period: plan.period })}
          partnerName={plan.partnerName}
          currentPeriod={workspace.data.workspace.currentPeriod}
          submitLabel="Save changes"
          pending={save.isPending}
          failure={failure}
          onSubmit={(body, form) => {
            setFailure(null);
            save.mutate({ body, etag, form });
          }}
          onCancel={toPlan}
        />
      ) : (
        <Alert color="gray" title="This version cannot be changed">
          <Stack gap="sm" align="flex-start">
            {lockedReason(plan.status)}
            <ButtonLink to="/plans/$planId" params={{ planId }} variant="default">
              Back to the plan
            </ButtonLink>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
