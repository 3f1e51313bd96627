import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { unreadCountQuery } from './notifications.api';

/** The header's bell: the unread count on it and in its accessible name; opens the page. */
export function NotificationBell() {
  const unread = useQuery(unreadCountQuery).data ?? 0;
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <Tooltip label={label}>
      <Indicator label={shown} size={16} disabled={unread === 0} offset={4} color="red">
        <ActionIcon
          component={Link}
          to="/notifications"
          variant="default"
          size="lg"
          aria-label={label}
        >
          <IconBell size={18} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
