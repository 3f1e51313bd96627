import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMailForward } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { can, useSession } from '../auth/session';
import type { Plan } from '../plans/plans.api';
import { ScheduleReportForm } from './ScheduleReportForm';

/** "Email on a schedule…": sends this plan's scorecard weekly or monthly, for those who may. */
export function EmailScorecardButton({ plan }: { plan: Plan }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  if (!can(session, 'report_subscription.manage')) return null;
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconMailForward size={14} aria-hidden />}
        onClick={open}
      >
        Email on a schedule…
      </Button>
      <Modal opened={opened} onClose={close} title="Scheduled email" size="lg">
        <ScheduleReportForm
          report={{
            kind: 'scorecard',
            planId: plan.id,
            partnerId: plan.partnerId,
            partnerName: plan.partnerName,
          }}
          onDone={async () => {
            close();
            await queryClient.invalidateQueries({ queryKey: ['report-subscriptions'] });
          }}
        />
      </Modal>
    </>
  );
}
