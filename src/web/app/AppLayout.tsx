import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Kbd,
  Menu,
  NavLink,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useOs } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { spotlight } from '@mantine/spotlight';
import {
  IconActivity,
  IconAlertTriangle,
  IconBell,
  IconBooks,
  IconBuildingStore,
  IconCalendar,
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconHeartbeat,
  IconKey,
  IconLogout,
  IconMailForward,
  IconSearch,
  IconSettings,
  IconSignature,
  IconSnowflake,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { createContext, type ReactNode, useEffect, useRef } from 'react';
import { api } from '../api/client';
import { ColorSchemeToggle } from '../components/ColorSchemeToggle';
import { CommandPalette } from '../components/CommandPalette';
import { Logo } from '../components/Logo';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { can, useSession } from '../features/auth/session';
import { CalendarFeedModal } from '../features/calendar/CalendarFeedModal';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { humanize } from '../features/partners/partner-labels';
import classes from './AppLayout.module.css';

/** True below the app's layout, so a not-found page rendered there does not nest a second one. */
export const InAppLayout = createContext(false);

/** Moves focus to the new page's heading after a client-side navigation. */
function useFocusOnNavigate() {
  const pathname = useLocation({ select: (location) => location.pathname });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void pathname;
    // Lazy pages render after their chunk loads: try for a short while.
    let tries = 0;
    const timer = window.setInterval(() => {
      const heading = document.querySelector<HTMLElement>('main [data-page-title]');
      tries += 1;
      if (heading || tries > 20) {
        window.clearInterval(timer);
        heading?.focus({ preventScroll: true });
      }
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);
}

/** The signed-in app's frame; `children` stand in for the route's page (the not-found page). */
export function AppLayout({ children }: { children?: ReactNode }) {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const [passwordOpened, { open: openPassword, close: closePassword }] = useDisclosure();
  const [calendarOpened, { open: openCalendar, close: closeCalendar }] = useDisclosure();
  const pathname = useLocation({ select: (location) => location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const os = useOs();
  const shortcut = `${os === 'macos' ? '⌘' : 'Ctrl'} + K`;
  useFocusOnNavigate();

  useEffect(() => {
    void pathname;
    close();
  }, [pathname, close]);

  async function signOut() {
    await api.POST('/api/v1/auth/sign-out');
    queryClient.clear();
    await navigate({ to: '/sign-in' });
    notifications.show({ color: 'teal', message: 'You are signed out.' });
  }

  // The route's guard loaded the session; it is gone only while signing out.
  if (!session) return null;

  const links = [
    ...(can(session, 'task.read')
      ? [{ to: '/my-work', label: 'My work', icon: IconChecklist }]
      : []),
    ...(can(session, 'partner.read')
      ? [{ to: '/dashboard', label: 'Dashboard', icon: IconChartBar }]
      : []),
    ...(can(session, 'report_subscription.read')
      ? [{ to: '/reports', label: 'Scheduled reports', icon: IconMailForward }]
      : []),
    { to: '/partners', label: 'Partners', icon: IconBuildingStore },
    ...(can(session, 'partner.read')
      ? [{ to: '/cooling', label: 'Cooling', icon: IconSnowflake }]
      : []),
    ...(can(session, 'health.read')
      ? [{ to: '/at-risk', label: 'At risk', icon: IconHeartbeat }]
      : []),
    { to: '/contacts', label: 'Contacts', icon: IconUsers },
    ...(can(session, 'plan.read') ? [{ to: '/plans', label: 'Plans', icon: IconTargetArrow }] : []),
    ...(can(session, 'agreement.read')
      ? [{ to: '/agreements', label: 'Agreements', icon: IconSignature }]
      : []),
    ...(can(session, 'clause.read')
      ? [{ to: '/library', label: 'Agreement library', icon: IconBooks }]
      : []),
    ...(can(session, 'issue.read')
      ? [{ to: '/issues', label: 'Issues', icon: IconAlertTriangle }]
      : []),
    ...(can(session, 'timeline.read')
      ? [{ to: '/activity', label: 'Activity', icon: IconActivity }]
      : []),
    // Managers reach the one section they manage: plan templates.
    ...(can(session, 'workspace.update') || can(session, 'plan_template.manage')
      ? [{ to: '/settings', label: 'Settings', icon: IconSettings }]
      : []),
  ] as const;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Tooltip label={opened ? 'Close navigation' : 'Open navigation'}>
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Close navigation' : 'Open navigation'}
              />
            </Tooltip>
            <Logo />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Tooltip label={`Search partners, contacts and pages (${shortcut})`}>
              <UnstyledButton
                className={classes.search}
                onClick={() => spotlight.open()}
                aria-label="Search partners, contacts and pages"
                aria-keyshortcuts="Control+K Meta+K"
              >
                <IconSearch size={16} aria-hidden />
                <Text size="sm" c="dimmed" visibleFrom="xs">
                  Search
                </Text>
                <Kbd size="xs" visibleFrom="xs">
                  {shortcut}
                </Kbd>
              </UnstyledButton>
            </Tooltip>
            {can(session, 'notification.read') ? <NotificationBell /> : null}
            <ColorSchemeToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton className={classes.user}>
                  {/* One colour: the colours Mantine derives from a name include some below 4.5:1. */}
                  <Avatar
                    size={28}
                    name={session.user.name}
                    color="teal"
                    variant="filled"
                    aria-hidden
                  />
                  <Text size="sm" fw={500} visibleFrom="sm" maw={180} truncate="end">
                    {session.user.name}
                  </Text>
                  <VisuallyHidden>Account menu</VisuallyHidden>
                  <IconChevronDown size={14} aria-hidden />
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Stack gap={0} px="sm" py={6} maw={280}>
                  <Text size="sm" fw={600} truncate="end" title={session.user.name}>
                    {session.user.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end" title={session.user.email}>
                    {session.user.email}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {humanize(session.role)} at {session.workspace.name}
                  </Text>
                </Stack>
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconBell size={16} aria-hidden />}
                  component={Link}
                  to="/notifications"
                  hash="email-preferences"
                >
                  Notification email
                </Menu.Item>
                <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={openPassword}>
                  Change password
                </Menu.Item>
                {can(session, 'calendar_feed.manage') && (
                  <Menu.Item
                    leftSection={<IconCalendar size={16} aria-hidden />}
                    onClick={openCalendar}
                  >
                    Calendar feed
                  </Menu.Item>
                )}
                <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label="Main">
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            leftSection={<link.icon size={18} aria-hidden />}
            active={pathname === link.to || pathname.startsWith(`${link.to}/`)}
            aria-current={pathname.startsWith(link.to) ? 'page' : undefined}
            className={classes.navLink}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <InAppLayout.Provider value={true}>{children ?? <Outlet />}</InAppLayout.Provider>
      </AppShell.Main>
      <ChangePasswordModal opened={passwordOpened} onClose={closePassword} />
      <CalendarFeedModal opened={calendarOpened} onClose={closeCalendar} />
      <CommandPalette
        canCreate={can(session, 'partner.create')}
        isAdmin={can(session, 'workspace.update')}
        canManageTemplates={can(session, 'plan_template.manage')}
      />
    </AppShell>
  );
}
