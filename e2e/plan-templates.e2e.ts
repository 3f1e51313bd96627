import { expect, test } from 'vitest';
import { accessible, heading, nav, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

test('an admin makes a plan template, and a new plan starts from it, preselected', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', {
    name: 'Northwind Traders',
    type: 'reseller',
    stage: 'active',
  });

  const page = await j.context.newPage();
  const problems = watchProblems(page);

  // Settings → Plan templates: a template with an objective and a KPI without a default target.
  await page.goto(`${j.server.url}/settings?tab=plan-templates`);
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
  await page.goto(`${j.server.url}/plans/new?partnerId=${partner.id}`);
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

/** A member of the given role, signed in in a browser context of their own. */
async function memberWith(role: 'manager' | 'viewer', email: string) {
  const invitation = await j.post('/api/v1/invitations', { email, role });
  const context = await j.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const token = new URL(invitation.inviteUrl).hash.replace('#token=', '');
  const accepted = await context.request.post(`${j.server.url}/api/v1/auth/invitations/accept`, {
    data: { token, name: `Mo ${role}`, password: 'correct horse battery' },
    headers: { origin: j.server.url },
  });
  expect(accepted.status(), await accepted.text()).toBeLessThan(300);
  return context;
}

test('a manager reaches plan templates from the navigation, and a viewer does not', async () => {
  const manager = await memberWith('manager', 'mo.manager@example.com');
  const page = await manager.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/partners`);
  await heading(page, 'Partners');
  // Settings is in the navigation; it opens on the one section a manager manages.
  await nav(page, 'Settings').click();
  await heading(page, 'Settings');
  const sections = page.getByRole('tablist', { name: 'Settings sections' });
  expect(await sections.getByRole('tab').allTextContents()).toEqual(['Plan templates']);
  await page.getByRole('table', { name: 'Plan templates' }).waitFor();
  // Only by keyboard: the section's first action is reached with Tab and used with Enter.
  await page.getByRole('button', { name: 'Add template' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'New plan template' });
  await dialog.getByLabel('Name').fill('Referral plan');
  await dialog.getByRole('combobox', { name: 'Partner type', exact: true }).click();
  await page.getByRole('option', { name: 'Referral' }).click();
  await dialog.getByRole('button', { name: 'Add template' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('table', { name: 'Plan templates' }).getByText('Referral plan').waitFor();
  await accessible(page, 'settings as a manager');
  await shoot(page, 'settings-manager');
  // An admin's section named in the address opens the manager's own instead.
  await page.goto(`${j.server.url}/settings?tab=members`);
  await page.getByRole('table', { name: 'Plan templates' }).waitFor();
  expect(await page.getByRole('tab', { name: 'Members' }).count()).toBe(0);
  expect(problems).toEqual([]);

  const viewer = await memberWith('viewer', 'vi.viewer@example.com');
  const viewerPage = await viewer.newPage();
  const viewerProblems = watchProblems(viewerPage);
  await viewerPage.goto(`${j.server.url}/partners`);
  await heading(viewerPage, 'Partners');
  expect(await nav(viewerPage, 'Settings').count()).toBe(0);
  await viewerPage.goto(`${j.server.url}/settings?tab=plan-templates`);
  await heading(viewerPage, 'Settings');
  await viewerPage.getByText('Only administrators manage the workspace.').waitFor();
  expect(await viewerPage.getByRole('button', { name: 'Add template' }).count()).toBe(0);
  expect(viewerProblems).toEqual([]);
  await manager.close();
  await viewer.close();
}, 120_000);
