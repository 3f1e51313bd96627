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
import { type TakenDomain, takenDomainOf } from './DomainTakenAlert';
import { PartnerForm, type PartnerFormApi, partnerFormValues } from './PartnerForm';
import { type PartnerUpdateBody, partnerQuery, updatePartner } from './partners.api';

export function PartnerEditPage() {
  const { partnerId } = useParams({ from: '/app/partners/$partnerId/edit' });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const allowed = can(useSession(), 'partner.update');
  const record = useQuery({ ...partnerQuery(partnerId), enabled: allowed });
  const [failure, setFailure] = useState<ReactNode>(null);
  const [taken, setTaken] = useState<TakenDomain | null>(null);
  const save = useMutation({
    mutationFn: ({ body, etag }: { body: PartnerUpdateBody; etag: string; form: PartnerFormApi }) =>
      updatePartner(partnerId, etag, body),
    onSuccess: async (partner) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['partners'] }),
        queryClient.invalidateQueries({ queryKey: ['partner-history', partnerId] }),
      ]);
      queryClient.removeQueries({ queryKey: ['partner', partnerId] });
      notifications.show({ color: 'teal', message: `${partner.name} was saved.` });
      await navigate({ to: '/partners/$partnerId', params: { partnerId } });
    },
    onError: (error, { form }) => {
      if (isStale(error)) {
        setFailure(
          <StaleRecordAlert
            what="partner"
            onReload={async () => {
              setFailure(null);
              setTaken(null);
              await record.refetch();
            }}
          />,
        );
        return;
      }
      const message = applyProblem(form, error);
      const taken = takenDomainOf(error);
      setTaken(taken);
      setFailure(taken ? null : message);
    },
  });

  if (!allowed) return <NoAccess what="change partners" />;
  if (!record.data) return <RecordPending query={record} what="partner" />;
  const { partner, etag } = record.data;

  return (
    <Stack gap="lg">
      <Crumbs current="Edit">
        <AnchorLink to="/partners">Partners</AnchorLink>
        <AnchorLink
          to="/partners/$partnerId"
          params={{ partnerId }}
          truncate="end"
          title={partner.name}
          maw="100%"
        >
          {partner.name}
        </AnchorLink>
      </Crumbs>
      <PageTitle title={`Edit ${partner.name}`} />
      <PartnerForm
        // A reload after a conflict starts the form again from the current version.
        key={etag}
        initial={partnerFormValues(partner)}
        submitLabel="Save changes"
        pending={save.isPending}
        failure={failure}
        taken={taken}
        onSubmit={(body, form) => {
          setFailure(null);
          save.mutate({ body, etag, form });
        }}
        onCancel={() => navigate({ to: '/partners/$partnerId', params: { partnerId } })}
      />
    </Stack>
  );
}
