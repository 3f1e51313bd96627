import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectAccessible, heading, launchBrowser, nav, watchProblems } from './browser';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Partners for a list worth looking at; made through the API with the browser's session. */
const morePartners = [
  {
    name: 'Northwind Traders',
    type: 'reseller',
    tier: 'gold',
    stage: 'active',
    country: 'US',
    tags: ['retail', 'emea'],
    domains: ['northwind-traders.com'],
  },
  {
    name: 'Contoso Analytics',
    type: 'technology',
    tier: 'platinum',
    stage: 'active',
    country: 'DE',
    tags: ['data', 'integration'],
    domains: ['contoso-analytics.com'],
  },
  {
    name: 'Fabrikam Systems',
    type: 'distributor',
    tier: 'silver',
    stage: 'onboarding',
    country: 'GB',
    tags: ['hardware'],
    domains: ['fabrikam.co.uk'],
  },
  {
    name: 'Globex Consulting',
    type: 'referral',
    tier: 'bronze',
    stage: 'prospect',
    country: 'FR',
    tags: ['services'],
    domains: ['globex.fr'],
  },
  {
    name: 'Initech Cloud',
    type: 'strategic_alliance',
    tier: 'platinum',
    stage: 'at_risk',
    country: 'CA',
    tags: ['cloud', 'co-sell'],
    domains: ['initech.io'],
  },
  {
    name: 'Umbrella Marketing',
    type: 'co_marketing',
    tier: 'gold',
    stage: 'active',
    country: 'NL',
    tags: ['events'],
    domains: ['umbrella-marketing.nl'],
  },
  {
    name: 'Soylent Supply',
    type: 'supplier',
    tier: null,
    stage: 'inactive',
    country: 'SE',
    tags: [],
    domains: ['soylent.se'],
  },
  {
    name: 'Hooli Partners',
    type: 'technology',
    tier: 'silver',
    stage: 'active',
    country: 'JP',
    tags: ['integration', 'apac'],
    domains: ['hooli.jp'],
  },
  {
    name: 'Wayne Enterprises',
    type: 'strategic_alliance',
    tier: 'gold',
    stage: 'ended',
    country: 'AU',
    tags: ['legacy'],
    domains: ['wayne.com.au'],
  },
];

async function createPartners(page: Page) {
  for (const partner of morePartners) {
    const response = await page.request.post(`${server.url}/api/v1/partners`, {
      data: partner,
      headers: { origin: server.url },
    });
    expect(response.status(), await response.text()).toBe(201);
  }
}

test('first-run setup, a partner and a contact, found by search and the command palette', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);

  // First-run setup: the token comes from the link the server printed.
  await page.goto(server.setupUrl);
  await heading(page, 'Set up Tandem');
  await expectAccessible(page, 'setup');
  await page.getByLabel('Workspace name').fill('Acme Partnerships');
  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('Your email').fill('ada@example.com');
  await page.getByLabel(/^Password/).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create workspace' }).click();

  // Setup signs the administrator in and lands on the (empty) partner list.
  await heading(page, 'Partners');
  await page.getByText('No partners yet').waitFor();
  await expectAccessible(page, 'empty partner list');
  expect(await nav(page, 'Settings').count()).toBe(1);

  // Create a partner through the form.
  await page.getByRole('link', { name: 'New partner' }).click();
  await heading(page, 'New partner');
  await expectAccessible(page, 'new partner form');
  // The shared schema rejects an empty name before anything is sent.
  await page.getByRole('button', { name: 'Create partner' }).click();
  await page.getByText('Required').first().waitFor();
  await page.getByLabel(/^Name/).fill('Acme Cloud Alliance');
  await page.getByRole('combobox', { name: 'Domains' }).fill('https://www.acme-cloud.com/about');
  await page.getByRole('combobox', { name: 'Domains' }).press('Enter');
  await page.getByLabel('Industry').fill('Cloud infrastructure');
  await page.getByRole('button', { name: 'Create partner' }).click();
  await heading(page, 'Acme Cloud Alliance');
  await page.getByText('acme-cloud.com').first().waitFor();
  await expectAccessible(page, 'partner overview');
  const partnerUrl = page.url();

  // Add a contact from the partner's contacts tab.
  await page.getByRole('tab', { name: 'Contacts' }).click();
  await page.getByText('No contacts at this partner yet.').waitFor();
  await expectAccessible(page, 'partner contacts tab');
  await page.getByRole('link', { name: 'Add contact' }).click();
  await heading(page, 'New contact at Acme Cloud Alliance');
  await expectAccessible(page, 'new contact form');
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Hopper');
  await page.getByLabel('Job title').fill('VP Partnerships');
  await page.getByLabel('Email').fill('grace@acme-cloud.com');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await heading(page, 'Acme Cloud Alliance');
  await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();

  // The history tab shows what happened.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText('Partner created').waitFor();
  await page.getByText('Contact created').waitFor();
  await expectAccessible(page, 'partner history tab');

  await createPartners(page);

  // Find the partner by search in the list.
  await nav(page, 'Partners').click();
  await heading(page, 'Partners');
  await page.getByRole('link', { name: 'Northwind Traders' }).waitFor();
  await expectAccessible(page, 'partner list');
  await page.getByRole('searchbox', { name: 'Search' }).fill('acme');
  await page.waitForFunction(
    () => !(document.body.textContent ?? '').includes('Northwind Traders'),
  );
  await page.getByRole('link', { name: 'Acme Cloud Alliance' }).click();
  await heading(page, 'Acme Cloud Alliance');
  expect(page.url()).toBe(partnerUrl);

  // And through the command palette, from another page.
  await nav(page, 'Contacts').click();
  await heading(page, 'Contacts');
  await page.getByRole('link', { name: 'Grace Hopper' }).waitFor();
  await expectAccessible(page, 'contact list');
  // Ctrl+K opens the palette also while typing in a field; Enter opens the first result.
  await page.getByRole('searchbox', { name: 'Search' }).focus();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('textbox', { name: 'Search partners, contacts and pages' });
  await palette.waitFor();
  await palette.fill('acme clo');
  await page.getByRole('button', { name: /Acme Cloud Alliance/ }).waitFor();
  await expectAccessible(page, 'command palette');
  await page.keyboard.press('Enter');
  await heading(page, 'Acme Cloud Alliance');
  expect(page.url()).toBe(partnerUrl);
  // Reopened, it starts empty and offers pages; it finds contacts too.
  await page.keyboard.press('Control+K');
  await palette.waitFor();
  // The palette closing after Enter may still be on screen for a moment: wait for the new one.
  await expect.poll(() => palette.inputValue()).toBe('');
  await page.getByRole('button', { name: /Settings: API keys/ }).waitFor();
  await palette.fill('grace');
  await page
    .getByRole('button', { name: /Grace Hopper.*VP Partnerships · Acme Cloud Alliance/ })
    .waitFor();
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'hidden' });

  // Settings are there for the administrator.
  await nav(page, 'Settings').click();
  await heading(page, 'Settings');
  await page.getByRole('cell', { name: 'ada@example.com' }).waitFor();
  await expectAccessible(page, 'settings');

  // Back to the list, with several partners.
  await nav(page, 'Partners').click();
  await heading(page, 'Partners');
  await page.getByRole('link', { name: 'Wayne Enterprises' }).waitFor();

  // Dark theme: the toggle switches and the page stays accessible.
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await page.waitForFunction(
    () => document.documentElement.getAttribute('data-mantine-color-scheme') === 'dark',
  );
  await expectAccessible(page, 'partner list, dark theme');

  // Nothing was blocked by the Content-Security-Policy and nothing threw.
  expect(problems).toEqual([]);
  await context.close();
});
