import { Center, Loader, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { partnerQuery } from '../partners/partners.api';
import { AgreementForm, type AgreementFormApi, agreementFormValues } from './AgreementForm';
import { agreementTypeLabels } from './agreement-labels';
import {
  type AgreementCreateBody,
  agreementTemplatesQuery,
  createAgreement,
} from './agreements.api';

export function AgreementCreatePage() {
  const { partnerId } = useSearch({ from: '/app/agreements/new' });
  const navigate = useNavigate();
  const session = useSession();
  const queryClient = useQueryClient();
  const allowed = can(session, 'agreement.write');
  const partner = useQuery({
    ...partnerQuery(partnerId ?? ''),
    enabled: allowed && Boolean(partnerId),
  });
  const templates = useQuery({ ...agreementTemplatesQuery(), enabled: allowed });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: ({ body }: { body: AgreementCreateBody; form: AgreementFormApi }) =>
      createAgreement({ ...body, templateId }),
    onSuccess: async (agreement) => {
      await queryClient.invalidateQueries({ queryKey: ['agreements'] });
      notifications.show({ color: 'teal', message: 'Agreement started as a draft.' });
      await navigate({
        to: '/agreements/$agreementId',
        params: { agreementId: agreement.id },
      });
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  if (!allowed) return <NoAccess what="start agreements" />;
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
      <Crumbs current="New agreement">
        {partnerId && partnerName ? (
          <AnchorLink
            to="/partners/$partnerId"
            params={{ partnerId }}
            search={{ tab: 'agreements' }}
          >
            {partnerName}
          </AnchorLink>
        ) : (
          <AnchorLink to="/agreements">Agreements</AnchorLink>
        )}
      </Crumbs>
      <PageTitle title={partnerName ? `New agreement with ${partnerName}` : 'New agreement'} />
      <Select
        label="Start from a template"
        description="Its clauses, filled from the partner and the fields below, become version 1 of the text."
        placeholder="No template: an empty text"
        data={(templates.data ?? []).map((t) => ({
          value: t.id,
          label: `${t.name} (${agreementTypeLabels[t.agreementType]})`,
        }))}
        value={templateId}
        onChange={setTemplateId}
        clearable
        searchable
        maw={880}
      />
      <AgreementForm
        isNew
        initial={agreementFormValues(undefined, { partnerId })}
        partnerName={partnerName}
        submitLabel="Start agreement"
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
                search: { tab: 'agreements' },
              })
            : navigate({ to: '/agreements' })
        }
      />
    </Stack>
  );
}
