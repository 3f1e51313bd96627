import { Breadcrumbs, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { AnchorLink } from '../../components/links';
import { PageTitle } from '../../components/PageTitle';
import { applyProblem } from '../../lib/forms';
import { PartnerForm, type PartnerFormApi, partnerFormValues } from './PartnerForm';
import { createPartner, type PartnerCreateBody } from './partners.api';

export function PartnerCreatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [initial] = useState(() => partnerFormValues());
  const create = useMutation({
    mutationFn: ({ body }: { body: PartnerCreateBody; form: PartnerFormApi }) =>
      createPartner(body),
    onSuccess: async (partner) => {
      await queryClient.invalidateQueries({ queryKey: ['partners'] });
      notifications.show({ color: 'teal', message: `${partner.name} was added.` });
      await navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } });
    },
    onError: (error, { form }) => setFailure(applyProblem(form, error)),
  });

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <AnchorLink to="/partners">Partners</AnchorLink>
        <span>New</span>
      </Breadcrumbs>
      <PageTitle title="New partner" />
      <PartnerForm
        initial={initial}
        submitLabel="Create partner"
        pending={create.isPending}
        failure={failure}
        onSubmit={(body, form) => {
          setFailure(null);
          create.mutate({ body, form });
        }}
        onCancel={() => navigate({ to: '/partners' })}
      />
    </Stack>
  );
}
