import { Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { termsEditable } from '../../../domain/agreements';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { RecordError } from '../../components/RecordError';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { AgreementForm, type AgreementFormApi, agreementFormValues } from './AgreementForm';
import { type AgreementCreateBody, agreementQuery, updateAgreement } from './agreements.api';

export function AgreementEditPage() {
  const { agreementId } = useParams({ from: '/app/agreements/$agreementId/edit' });
  const navigate = useNavigate();
  const session = useSession();
  const queryClient = useQueryClient();
  const allowed = can(session, 'agreement.write');
  const record = useQuery({ ...agreementQuery(agreementId), enabled: allowed });
  const [failure, setFailure] = useState<string | null>(null);
  const back = () => navigate({ to: '/agreements/$agreementId', params: { agreementId } });
  const save = useMutation({
    mutationFn: ({ body }: { body: AgreementCreateBody; form: AgreementFormApi }) => {
      const { partnerId: _, ...rest } = body;
      const open = record.data && termsEditable(record.data.agreement.status);
      return updateAgreement(
        agreementId,
        record.data?.etag ?? '',
        open ? rest : { title: rest.title, ownerId: rest.ownerId },
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['agreement', agreementId] });
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notifications.show({ color: 'teal', message: 'Agreement saved.' });
      await back();
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  if (!allowed) return <NoAccess what="change agreements" />;
  if (record.isError) return <RecordError error={record.error} what="agreement" />;
  if (record.isPending)
    return (
      <Center p="xl">
        <Loader aria-label="Loading agreement" />
      </Center>
    );
  const { agreement } = record.data;

  return (
    <Stack gap="lg">
      <Crumbs current="Edit">
        <AnchorLink to="/agreements">Agreements</AnchorLink>
        <AnchorLink to="/agreements/$agreementId" params={{ agreementId }}>
          {agreement.title}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={`Edit ${agreement.title}`} />
      <AgreementForm
        isNew={false}
        selfId={agreement.id}
        initial={agreementFormValues(agreement)}
        partnerName={agreement.partnerName}
        termsLocked={!termsEditable(agreement.status)}
        submitLabel="Save"
        pending={save.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          save.mutate({ body, form });
        }}
        onCancel={back}
      />
    </Stack>
  );
}
