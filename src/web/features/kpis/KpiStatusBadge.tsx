import { Badge } from '@mantine/core';
import type { Kpi } from './kpis.api';

const statusLabels = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' };
const statusColors = { on_track: 'green', at_risk: 'yellow', off_track: 'red' };

/** The status in words (colour only repeats it); null while nothing is due. */
export function KpiStatusBadge({ status }: { status: Kpi['progress']['status'] }) {
  if (status === null) {
    return (
      <Badge variant="dot" color="gray" tt="none">
        Not due
      </Badge>
    );
  }
  return (
    <Badge variant="dot" color={statusColors[status]} tt="none">
      {statusLabels[status]}
    </Badge>
  );
}
