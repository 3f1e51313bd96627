import { Badge, type BadgeProps } from '@mantine/core';
import type { PartnerStage } from '../../../domain/partners';
import { humanize, stageColors } from './partner-labels';

/** A stage as a dot badge: the colour is on the dot, the text keeps full contrast. */
export function StageBadge({ stage, ...props }: { stage: PartnerStage } & BadgeProps) {
  return (
    <Badge color={stageColors[stage]} variant="dot" radius="sm" tt="none" fw={500} {...props}>
      {humanize(stage)}
    </Badge>
  );
}
