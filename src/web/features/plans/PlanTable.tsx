import { Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import type { Column } from '../../components/list/columns';
import { Truncated } from '../../components/list/ListParts';
import { VirtualTable } from '../../components/list/VirtualTable';
import { formatDate } from '../partners/partner-labels';
import { formatDay, PlanStatusBadge, periodName } from './plan-labels';
import type { Plan } from './plans.api';

/** The columns every list of plans shows; a partner's own list leaves out the partner. */
export const planColumns = (withPartner: boolean): Column<Plan>[] => [
  {
    key: 'period',
    header: 'Plan',
    width: 'minmax(130px, 1fr)',
    primary: true,
    sort: 'period',
    cell: (plan) => (
      <AnchorLink
        to="/plans/$planId"
        params={{ planId: plan.id }}
        fw={600}
        truncate="end"
        // The period alone repeats down the list; the name says whose plan it is.
        aria-label={`${periodName(plan.period)} plan with ${plan.partnerName}`}
      >
        {periodName(plan.period)}
      </AnchorLink>
    ),
  },
  ...(withPartner
    ? [
        {
          key: 'partner',
          header: 'Partner',
          width: 'minmax(160px, 2fr)',
          cell: (plan: Plan) => (
            <AnchorLink
              to="/partners/$partnerId"
              params={{ partnerId: plan.partnerId }}
              size="sm"
              truncate="end"
              display="block"
              title={plan.partnerName}
            >
              {plan.partnerName}
            </AnchorLink>
          ),
        },
      ]
    : []),
  {
    key: 'status',
    header: 'Status',
    width: 'minmax(110px, 1fr)',
    cell: (plan) => <PlanStatusBadge status={plan.status} />,
  },
  {
    key: 'agreed',
    header: 'Agreed',
    width: 'minmax(150px, 1.3fr)',
    cell: (plan) =>
      plan.agreement ? (
        <Truncated>{`Version ${plan.agreement.versionNumber}, ${formatDay(plan.agreement.agreedOn)}`}</Truncated>
      ) : (
        <Text size="sm" c="dimmed">
          Not yet
        </Text>
      ),
  },
  {
    key: 'objectives',
    header: 'Objectives',
    width: 'minmax(90px, 0.7fr)',
    cell: (plan) => <Text size="sm">{plan.objectives.length}</Text>,
  },
  {
    key: 'created',
    header: 'Started',
    width: 'minmax(110px, 1fr)',
    sort: 'createdAt',
    sortFirst: 'desc',
    cell: (plan) => <Text size="sm">{formatDate(plan.createdAt)}</Text>,
  },
];

type Props = {
  id: string;
  plans: Plan[];
  sort: string;
  onSort: (sort: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

/** Every plan, virtualized like the other registers: a large workspace has one per partner. */
export function PlanTable({ plans, ...props }: Props) {
  return (
    <VirtualTable
      {...props}
      label="Plans"
      noun="plans"
      rows={plans}
      rowKey={(plan) => plan.id}
      columns={planColumns(true)}
    />
  );
}
