import { Center, Loader, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { Crumbs } from '../../components/Crumbs';
import { AnchorLink } from '../../components/links';
import { NoAccess } from '../../components/NoAccess';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem } from '../../lib/forms';
import { can, useSession } from '../auth/session';
import { useMembers, useMyMemberId } from '../settings/settings.api';
import { type TakenDomain, takenDomainOf } from './DomainTakenAlert';
import { PartnerForm, type PartnerFormApi, partnerFormValues } from './PartnerForm';
import { createPartner, type PartnerCreateBody } from './partners.api';

export function PartnerCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ReactNode>(null);
  const [taken, setTaken] = useState<TakenDomain | null>(null);
  const session = useSession();
  const members = useMembers();
  const me = useMyMemberId();
  const create = useMutation({
    mutationFn: ({ body }: { body: PartnerCreateBody; form: PartnerFormApi }) =>
      createPartner(body),
    onSuccess: async (partner) => {
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      notifications.show({ color: 'teal', message: `${partner.name} was added.` });
      await navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } });
    },
    onError: (error, { form }) => {
      const message = applyProblem(form, error);
      const taken = takenDomainOf(error);
      setTaken(taken);
      setFailure(taken ? null : message);
    },
  });

  if (!can(session, 'partner.create')) return <NoAccess what="add partners" />;
  return (
    <Stack gap="lg">
      <Crumbs current="New">
        <AnchorLink to="/partners">Partners</AnchorLink>
      </Crumbs>
      <PageTitle title="New partner" />
      {members.isLoading ? (
        <Center py="xl">
          <Loader aria-label="Loading the form" />
        </Center>
      ) : (
        <PartnerForm
          // A new partner is its creator's to look after unless they pick someone else.
          initial={{
            ...partnerFormValues(),
            ownerId: me,
          }}
          submitLabel="Create partner"
          pending={create.isPending}
          failure={failure}
          taken={taken}
          onSubmit={(body, form) => {
            setFailure(null);
            setTaken(null);
            create.mutate({ body, form });
          }}
          onCancel={() => navigate({ to: '/partners' })}
        />
      )}
    </Stack>
  );
}
