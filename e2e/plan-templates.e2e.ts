import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { accessible, heading, launchBrowser, settle, watchProblems } from './browser';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const ada = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
// Set to a folder to keep screenshots of the templates panel (wide and narrow, light and dark).
const shots = process.env.E2E_SCREENSHOTS;

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(`${server.url}${path}`, {
    data,
    headers: { origin: server.url },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return response.json();
}

async function shoot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await settle(page);
      await page.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

test('an admin makes a plan template, and a new plan starts from it, preselected', async () => {
  const token = new URL(server.setupUrl).hash.replace('#token=', '');
  await post(context.request, '/api/v1/setup', {
    token,
    workspaceName: 'Acme Partnerships',
    adminName: ada.name,
    adminEmail: ada.email,
    adminPassword: ada.password,
  });
  const partner = await post(context.request, '/api/v1/partners', {
    name: 'Northwind Traders',
    type: 'reseller',
    stage: 'active',
  });

  const page = await context.newPage();
  const problems = watchProblems(page);

  // Settings → Plan templates: a template with an objective and a KPI without a default target.
  await page.goto(`${server.url}/settings?tab=plan-templates`);
  await heading(page, 'Settings');
  await page.getByRole('button', { name: 'Add template' }).click();
  const dialog = page.getByRole('dialog', { name: 'New plan template' });
  await dialog.getByLabel('Name').fill('Reseller plan');
  await dialog.getByRole('combobox', { name: 'Partner type', exact: true }).click();
  await page.getByRole('option', { name: 'Reseller' }).click();
  await dialog.getByLabel('Default for this partner type').check();
  await dialog.getByLabel('Summary').fill('Sell more together.');
  await dialog.getByRole('button', { name: 'Add objective' }).click();
  await dialog.getByLabel('Objective 1: what to achieve').fill('Enable the sales team');
  await dialog.getByRole('button', { name: 'Add KPI' }).click();
  await dialog.getByLabel('KPI 1: name').fill('Deals closed');
  // A baseline of a count below zero is refused on its field, as the server would.
  await dialog.getByLabel('KPI 1: baseline').fill('-3');
  await dialog.getByRole('button', { name: 'Add template' }).click();
  await dialog.getByText('Use a number no less than 0').waitFor();
  await dialog.getByLabel('KPI 1: baseline').fill('');
  await accessible(page, 'plan template form');
  await dialog.getByRole('button', { name: 'Add template' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const table = page.getByRole('table', { name: 'Plan templates' });
  await table.getByText('Reseller plan').waitFor();
  await table.getByText('Default').waitFor();
  await accessible(page, 'plan templates panel');
  await shoot(page, 'plan-templates');

  // The new-plan form preselects the partner type's default and shows what it adds.
  await page.goto(`${server.url}/plans/new?partnerId=${partner.id}`);
  await heading(page, 'New plan with Northwind Traders');
  await expect
    .poll(() =>
      page.getByRole('combobox', { name: 'Start from a template', exact: true }).inputValue(),
    )
    .toContain('Reseller plan');
  const adds = page.getByRole('region', { name: 'What the template adds' });
  await adds.getByText('Enable the sales team').waitFor();
  await page.getByRole('button', { name: 'Start plan' }).click();
  // The KPI has no default target: the form asks for one on its field.
  await adds.getByText('This KPI has no default target').first().waitFor();
  await adds.getByLabel(/Deals closed: target/).fill('25');
  await accessible(page, 'new plan from a template');
  await page.getByRole('button', { name: 'Start plan' }).click();
  await page.getByText('Plan started as a draft.').waitFor();
  await page.getByText('Enable the sales team').first().waitFor();
  await page.getByText('Deals closed').first().waitFor();
  expect(problems).toEqual([]);
}, 120_000);
