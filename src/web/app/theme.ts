import {
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  Loader,
  localStorageColorSchemeManager,
  Modal,
  Notification,
} from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white button text above 4.5:1 (WCAG AA); Mantine's default 6 is 2.5:1.
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Notifications close with an icon only: give it a name for screen readers.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
    }),
    // Dialogs and drawers too (confirmations from @mantine/modals included).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // A spinner is a plain span: its "Loading …" label is only allowed, and read, with a role.
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
  },
});

/** The colour scheme is kept in localStorage; no inline script is allowed to set it early. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'tandem-color-scheme' });

/** Mantine's default dimmed grey is 3.3:1 on white; WCAG AA wants 4.5:1 for body text. */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  // A hovered filled button darkens rather than lightens, keeping white text above 4.5:1.
  variables: { '--mantine-primary-color-filled-hover': '#076b4e' },
  light: {
    '--mantine-color-dimmed': t.colors.gray[7] ?? '#495057',
    // Text on the pale "light" variant (active navigation, badges, alerts) must reach 4.5:1 too.
    // Mantine's shade 9 on its own tint is about 4.3:1; these deeper tones reach 4.5:1.
    '--mantine-primary-color-light-color': '#065441',
    '--mantine-color-teal-light-color': '#065441',
    '--mantine-color-yellow-light-color': '#7a4500',
    '--mantine-color-orange-light-color': '#9a3208',
    // Field errors: Mantine's red 6 is 3.3:1 on white; red 9 is 5.4:1.
    '--mantine-color-error': t.colors.red[9] ?? '#c92a2a',
  },
  dark: {
    '--mantine-color-dimmed': t.colors.dark[1] ?? '#b8b8b8',
    // Mantine's red 8 is 3.4:1 on the dark body and dialogs; red 4 is 6.6:1.
    '--mantine-color-error': t.colors.red[4] ?? '#ff8787',
  },
});
