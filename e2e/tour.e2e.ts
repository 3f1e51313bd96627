import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, launchBrowser, settle } from './browser';
import { type RunningServer, startServer } from './server';
import { tourContacts, tourPartners } from './tour-data';
import {
  horizontalOverflow,
  newView as openView,
  prepareShots,
  type SignedIn,
  type Size,
  type Stop,
  shots,
  sizes,
  type Theme,
  themes,
  visit as visitStop,
} from './tour-kit';

const newView = (size: Size, theme: Theme, state?: SignedIn) =>
  openView(browser, size, theme, state);
const visit = (
  ...args: Parameters<typeof visitStop> extends [string, ...infer Rest] ? Rest : never
) => visitStop(server.url, ...args);

/**
 * The foundation's pages on the tour (tour-kit.ts says what each visit checks); the relationship
 * pages have their own tour on the demo data.
 */

const readmeShot = fileURLToPath(new URL('../docs/screenshot-partners.png', import.meta.url));

const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const portalUser = {
  name: 'Pia Partner',
  email: 'pia@northwind-traders.com',
  password: 'staple battery horse',
};

let server: RunningServer;
let browser: Browser;
/** Cookies of the signed-in administrator and partner user, for a fresh context per view. */
let adminState: SignedIn;
let portalState: SignedIn;
const ids = { partner: '', contact: '' };

beforeAll(async () => {
  prepareShots();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The command palette over the page, with a partner found: it fits a phone too. */
async function visitPalette(
  view: { page: Page; problems: string[] },
  where: string,
  failures: string[],
) {
  const { page, problems } = view;
  problems.length = 0;
  const label = `${where} command-palette`;
  try {
    await page.keyboard.press('Control+K');
    const search = page.getByRole('textbox', { name: 'Search partners, contacts and pages' });
    await search.fill('north');
    await page
      .getByRole('button', { name: /Northwind Traders/ })
      .first()
      .waitFor();
    await page.mouse.move(0, 0);
    await settle(page);
    await page.screenshot({ path: `${shots}${where}-command-palette.png` });
    const overflow = await horizontalOverflow(page);
    if (overflow) failures.push(`${label}: overflows, ${overflow}`);
    await expectAccessible(page, label);
    await page.keyboard.press('Escape');
    await search.waitFor({ state: 'hidden' });
  } catch (error) {
    failures.push(`${label}: ${(error as Error).message.split('\n').slice(0, 8).join('\n')}`);
  }
  if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`);
}

/** Checks the theme the page shows is the one asked for. */
async function expectTheme(page: Page, theme: Theme) {
  const shown = await page.evaluate(() =>
    document.documentElement.getAttribute('data-mantine-color-scheme'),
  );
  expect(shown).toBe(theme);
}

const api = (page: Page) => ({
  post: async (path: string, data: unknown) => {
    const response = await page.request.post(`${server.url}${path}`, {
      data,
      headers: { origin: server.url },
    });
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return response.status() === 204 ? null : response.json();
  },
  patch: async (path: string, version: number, data: unknown) => {
    const response = await page.request.patch(`${server.url}${path}`, {
      data,
      headers: { origin: server.url, 'if-match': `"${version}"` },
    });
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return response.json();
  },
});

describe.sequential('tour', () => {
  test('before setup: the setup page with and without its link', async () => {
    const failures: string[] = [];
    for (const size of sizes) {
      for (const theme of themes) {
        const view = await newView(size, theme);
        const where = `${size.name}-${theme}`;
        await visit(
          view,
          {
            name: 'setup-incomplete-link',
            path: '/setup',
            heading: 'Set up Tandem',
            text: 'This link is incomplete',
          },
          where,
          failures,
        );
        await visit(
          view,
          {
            name: 'setup',
            path: new URL(server.setupUrl).pathname + new URL(server.setupUrl).hash,
            heading: 'Set up Tandem',
            text: 'Workspace name',
          },
          where,
          failures,
        );
        await expectTheme(view.page, theme);
        await view.context.close();
      }
    }
    expect(failures).toEqual([]);
  });

  test('set up, with partners, contacts, history, an API key and a partner user', async () => {
    const { context, page } = await newView(sizes[1], 'light');
    await page.goto(server.setupUrl);
    await page.getByLabel('Workspace name').fill('Acme Partnerships');
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Your email').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();

    const call = api(page);
    const created = [];
    for (const partner of tourPartners) created.push(await call.post('/api/v1/partners', partner));
    const northwind = created[0];
    ids.partner = northwind.id;

    const made = [];
    for (const contact of tourContacts(northwind.id, created[1].id))
      made.push(await call.post('/api/v1/contacts', contact));
    ids.contact = made[0].id;

    // History worth reading: a member's edit, an API key's edit, a contact's change.
    await call.patch(`/api/v1/partners/${northwind.id}`, northwind.version, {
      stage: 'at_risk',
      country: 'CA',
      tags: ['retail', 'emea', 'priority'],
    });
    const key = await call.post('/api/v1/api-keys', { name: 'CRM sync', role: 'member' });
    const byKey = await page.request.patch(`${server.url}/api/v1/partners/${northwind.id}`, {
      data: { stage: 'active' },
      headers: { authorization: `Bearer ${key.key}`, 'if-match': `"${northwind.version + 1}"` },
    });
    expect(byKey.status(), await byKey.text()).toBe(200);
    await call.patch(`/api/v1/contacts/${made[1].id}`, made[1].version, {
      title: 'CTO',
      role: 'sales',
    });

    // A pending member invitation, and a partner user who accepts theirs.
    await call.post('/api/v1/invitations', { email: 'bo@example.com', role: 'member' });
    const invitation = await call.post('/api/v1/invitations', {
      email: portalUser.email,
      role: 'partner_admin',
      partnerId: northwind.id,
    });
    expect(invitation.inviteUrl).toBeTruthy();
    adminState = await context.storageState();
    await context.close();

    const partnerSide = await newView(sizes[1], 'light');
    await partnerSide.page.goto(invitation.inviteUrl);
    await partnerSide.page.getByRole('heading', { level: 1, name: 'Join your team' }).waitFor();
    await partnerSide.page.getByLabel('Your name').fill(portalUser.name);
    await partnerSide.page.getByLabel(/^Password/).fill(portalUser.password);
    await partnerSide.page.getByRole('button', { name: 'Accept invitation' }).click();
    await partnerSide.page.getByRole('heading', { level: 1, name: 'Partner portal' }).waitFor();
    portalState = await partnerSide.context.storageState();
    await partnerSide.context.close();
  });

  for (const size of sizes) {
    for (const theme of themes) {
      test(`every page at ${size.width}×${size.height}, ${theme} theme`, {
        timeout: 600_000,
      }, async () => {
        const failures: string[] = [];
        const where = `${size.name}-${theme}`;
        const p = `/partners/${ids.partner}`;

        const signedOut = await newView(size, theme);
        for (const stop of [
          {
            name: 'sign-in',
            path: '/sign-in',
            heading: 'Sign in to Tandem',
            allowed: [/HTTP 401 GET .*\/api\/v1\/auth\/session/],
          },
          {
            name: 'forgot-password',
            path: '/forgot-password',
            heading: 'Reset your password',
            allowed: [/HTTP 401 GET .*\/api\/v1\/auth\/session/],
          },
          {
            name: 'reset-password-incomplete-link',
            path: '/reset-password',
            heading: 'Choose a new password',
            allowed: [/HTTP 401 GET .*\/api\/v1\/auth\/session/],
          },
          {
            name: 'accept-invitation-incomplete-link',
            path: '/accept-invitation',
            heading: 'Join your team',
            allowed: [/HTTP 401 GET .*\/api\/v1\/auth\/session/],
          },
          {
            name: 'setup-link-used',
            path: new URL(server.setupUrl).pathname + new URL(server.setupUrl).hash,
            heading: 'Set up Tandem',
            text: 'Tandem is already set up',
            allowed: [/HTTP 401 GET .*\/api\/v1\/auth\/session/],
          },
        ]) {
          await visit(signedOut, stop, where, failures);
        }
        await signedOut.context.close();

        const desk = await newView(size, theme, adminState);
        const stops: Stop[] = [
          { name: 'partners', path: '/partners', heading: 'Partners', text: 'Wayne Enterprises' },
          {
            name: 'partner-overview',
            path: p,
            heading: 'Northwind Traders',
            text: 'northwind-traders.com',
          },
          {
            name: 'partner-contacts',
            path: `${p}?tab=contacts`,
            heading: 'Northwind Traders',
            text: 'Alan Turing',
          },
          {
            name: 'partner-history',
            path: `${p}?tab=history`,
            heading: 'Northwind Traders',
            text: 'API key “CRM sync”',
          },
          { name: 'partner-edit', path: `${p}/edit`, heading: /Edit Northwind Traders/ },
          { name: 'partner-new', path: '/partners/new', heading: 'New partner' },
          { name: 'contacts', path: '/contacts', heading: 'Contacts', text: 'Katherine Johnson' },
          {
            name: 'contact',
            path: `/contacts/${ids.contact}`,
            heading: 'Grace Hopper',
            text: 'VP Partnerships',
          },
          { name: 'contact-edit', path: `/contacts/${ids.contact}/edit`, heading: /Grace Hopper/ },
          { name: 'contact-new', path: '/contacts/new', heading: /New contact/ },
          {
            name: 'settings-members',
            path: '/settings?tab=members',
            heading: 'Settings',
            text: admin.email,
          },
          {
            name: 'settings-partner-users',
            path: '/settings?tab=partner-users',
            heading: 'Settings',
            text: portalUser.email,
          },
          {
            name: 'settings-invitations',
            path: '/settings?tab=invitations',
            heading: 'Settings',
            text: 'bo@example.com',
          },
          {
            name: 'settings-api-keys',
            path: '/settings?tab=api-keys',
            heading: 'Settings',
            text: 'CRM sync',
          },
          {
            name: 'settings-workspace',
            path: '/settings?tab=workspace',
            heading: 'Settings',
            text: 'Workspace name',
          },
          { name: 'not-found', path: '/no-such-page', heading: 'Page not found' },
          {
            name: 'not-found-record',
            path: '/partners/not-a-partner',
            heading: /not found/,
            allowed: [/HTTP 404 GET .*\/api\/v1\/partners\//],
          },
          { name: 'api-docs', path: '/api/docs', heading: /Tandem API/, text: 'partners' },
        ];
        for (const stop of stops) {
          await visit(desk, stop, where, failures);
          if (stop.name === 'partners') {
            await visitPalette(desk, where, failures);
            await expectTheme(desk.page, theme);
            if (size.name === 'laptop' && theme === 'light') {
              await desk.page.screenshot({ path: readmeShot });
            }
          }
        }
        await desk.context.close();

        const portal = await newView(size, theme, portalState);
        await visit(
          portal,
          { name: 'portal', path: '/portal', heading: 'Partner portal', text: 'Northwind Traders' },
          where,
          failures,
        );
        await portal.context.close();

        expect(failures).toEqual([]);
      });
    }
  }
});
