import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, heading, launchBrowser, watchProblems } from './browser';
import { type RunningServer, startServer } from './server';

/**
 * The screens at a laptop's and a phone's size, in both themes, filled with the longest values
 * the API accepts: nothing may overflow sideways, and the screenshots land in e2e/artifacts/.
 */

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const sizes = {
  wide: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof sizes;
type Scheme = 'light' | 'dark';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const viewer = { name: 'Vic Viewer', email: 'vic@example.com', password: 'battery staple horse' };

/** Longest values the API accepts, in words so that they wrap where wrapping is possible. */
const longName = `Northwind ${'Consolidated Holdings '.repeat(9)}`.slice(0, 200).trim();
const longTag = `t${'x'.repeat(49)}`;
let partnerId = '';
let contactId = '';
let agreementId = '';

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(`${server.url}${path}`, {
    data,
    headers: { origin: server.url },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  // The workspace, a partner and a contact with the longest values, made through the API.
  const context = await browser.newContext();
  contexts.push(context);
  const token = new URL(server.setupUrl).hash.replace('#token=', '');
  await post(context.request, '/api/v1/setup', {
    token,
    workspaceName: 'Acme Partnerships',
    adminName: admin.name,
    adminEmail: admin.email,
    adminPassword: admin.password,
  });
  const partner = await post(context.request, '/api/v1/partners', {
    name: longName,
    type: 'strategic_alliance',
    stage: 'at_risk',
    tier: 'registered',
    country: 'GB',
    industry: 'i'.repeat(100),
    website: `https://${'w'.repeat(60)}.example.com/${'p'.repeat(200)}`,
    domains: [`${'d'.repeat(63)}.example.com`, 'northwind.example'],
    tags: [longTag, 'cloud', 'emea', `${'s'.repeat(49)}z`],
    description: 'Word '.repeat(400),
  });
  partnerId = partner.id;
  await post(context.request, '/api/v1/partners', { name: 'Contoso', stage: 'prospect' });
  const contact = await post(context.request, '/api/v1/contacts', {
    partnerId,
    firstName: 'F'.repeat(100),
    lastName: 'Lastname'.repeat(12).slice(0, 100),
    title: 'Head of '.repeat(25).slice(0, 200).trim(),
    email: `${'e'.repeat(64)}@${'m'.repeat(60)}.example.com`,
    phone: '+44 20 7946 0000 ext. 1234',
    role: 'executive_sponsor',
  });
  contactId = contact.id;
  const agreement = await post(context.request, '/api/v1/agreements', {
    partnerId,
    type: 'joint_venture',
    title: `Joint venture ${'T'.repeat(200)}`.slice(0, 200),
    effectiveOn: '2026-01-01',
    endOn: '2028-12-31',
    autoRenew: true,
    renewalTermMonths: 12,
    noticeDays: 90,
    value: 999_999_999_999,
    currency: 'EUR',
    governingLaw: 'Law of England and Wales '.repeat(8).trim(),
  });
  agreementId = agreement.id;
  // A viewer joins through an invitation (without mail, the link comes back to the admin).
  const invitation = await post(context.request, '/api/v1/invitations', {
    email: viewer.email,
    role: 'viewer',
  });
  const inviteToken = new URL(invitation.inviteUrl).hash.replace('#token=', '');
  const viewerContext = await browser.newContext();
  contexts.push(viewerContext);
  await post(viewerContext.request, '/api/v1/auth/invitations/accept', {
    token: inviteToken,
    name: viewer.name,
    password: viewer.password,
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function signedIn(
  who: { email: string; password: string },
  size: Size,
  colorScheme: Scheme,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: sizes[size], colorScheme });
  contexts.push(context);
  await post(context.request, '/api/v1/auth/sign-in', {
    email: who.email,
    password: who.password,
  });
  const page = await context.newPage();
  return { page, problems: watchProblems(page) };
}

/** How far the page reaches past the window's right edge (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Checks one screen: no sideways overflow, no serious axe violation; saves its screenshot.
 * Faults are collected so that one run reports (and pictures) every screen.
 */
async function look(page: Page, faults: string[], name: string, size: Size, scheme: Scheme) {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${artifacts}${name}-${size}-${scheme}.png`, fullPage: false });
  const wider = await overflow(page);
  if (wider > 0) faults.push(`${name} overflows by ${wider}px at ${size}`);
  await expectAccessible(page, `${name} (${size}, ${scheme})`).catch((error: Error) =>
    faults.push(error.message),
  );
}

describe.each(['wide', 'phone'] as const)('at %s size', (size) => {
  test.each(['light', 'dark'] as const)('every screen fits, in the %s theme', async (scheme) => {
    const { page, problems } = await signedIn(admin, size, scheme);
    const faults: string[] = [];
    await page.goto(`${server.url}/partners`);
    await heading(page, 'Partners');
    await page.getByRole('link', { name: longName }).first().waitFor();
    // The filters wait behind one button, so the partners show on the first screen.
    expect(await page.getByLabel('Type', { exact: true }).first().isVisible()).toBe(false);
    await look(page, faults, 'partners', size, scheme);
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Type', { exact: true }).first().waitFor();
    await look(page, faults, 'partners-filters', size, scheme);
    await page.getByRole('button', { name: 'Filters' }).click();

    await page.goto(`${server.url}/partners/${partnerId}`);
    await heading(page, longName);
    await look(page, faults, 'partner', size, scheme);

    await page.goto(`${server.url}/partners/${partnerId}?tab=contacts`);
    await page
      .getByRole('link', { name: /^F+ Lastname/ })
      .first()
      .waitFor();
    await look(page, faults, 'partner-contacts', size, scheme);

    await page.goto(`${server.url}/partners/${partnerId}/edit`);
    await heading(page, `Edit ${longName}`);
    await look(page, faults, 'partner-edit', size, scheme);

    await page.goto(`${server.url}/contacts`);
    await heading(page, 'Contacts');
    await page
      .getByRole('link', { name: /^F+ Lastname/ })
      .first()
      .waitFor();
    await look(page, faults, 'contacts', size, scheme);

    await page.goto(`${server.url}/contacts/${contactId}`);
    await heading(page, /^F+ Lastname/);
    await look(page, faults, 'contact', size, scheme);

    for (const tab of ['workspace', 'members', 'invitations', 'partner-users', 'api-keys']) {
      await page.goto(`${server.url}/settings?tab=${tab}`);
      await heading(page, 'Settings');
      await page.waitForLoadState('networkidle');
      await look(page, faults, `settings-${tab}`, size, scheme);
    }

    await page.goto(`${server.url}/agreements`);
    await heading(page, 'Agreements');
    await page
      .getByRole('link', { name: /^Joint venture T+/ })
      .first()
      .waitFor();
    await look(page, faults, 'agreements', size, scheme);

    await page.goto(`${server.url}/agreements/${agreementId}`);
    await heading(page, /^Joint venture T+/);
    await look(page, faults, 'agreement', size, scheme);

    await page.goto(`${server.url}/partners/${partnerId}?tab=agreements`);
    await page
      .getByRole('link', { name: /^Joint venture T+/ })
      .first()
      .waitFor();
    await look(page, faults, 'partner-agreements', size, scheme);

    for (const [path, title] of [
      ['/agreements/new', 'New agreement'],
      ['/library', 'Agreement library'],
      ['/reports', 'Scheduled reports'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await heading(page, title);
      await page.waitForLoadState('networkidle');
      await look(page, faults, path.slice(1).replace('/', '-'), size, scheme);
    }

    await page.goto(`${server.url}/partners/not-an-id`);
    await heading(page, 'Page not found');
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('button', { name: 'Go back' }).waitFor();
    await look(page, faults, 'not-found', size, scheme);

    expect(faults).toEqual([]);
    expect(problems).toEqual([]);
  });
});

test('a viewer is offered nothing a viewer cannot do', async () => {
  const { page, problems } = await signedIn(viewer, 'wide', 'light');
  await page.goto(`${server.url}/partners`);
  await heading(page, 'Partners');
  await page.getByRole('link', { name: longName }).first().waitFor();
  expect(await page.getByRole('link', { name: 'New partner' }).count()).toBe(0);

  await page.goto(`${server.url}/partners/${partnerId}`);
  await heading(page, longName);
  expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Archive' }).count()).toBe(0);

  // A read-only contact is a page to read, not a disabled form.
  await page.goto(`${server.url}/contacts/${contactId}`);
  await heading(page, /^F+ Lastname/);
  expect(await page.getByRole('textbox').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);

  // Typing the address of a page the role cannot use leads nowhere near a form.
  await page.goto(`${server.url}/partners/new`);
  await heading(page, 'Not available to your role');
  expect(await page.getByRole('textbox').count()).toBe(0);
  await page.screenshot({ path: `${artifacts}viewer-new-partner-wide-light.png` });
  expect(problems).toEqual([]);
});
