import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { accessible, choose, heading, nav, watchProblems } from './browser';
import { ada, journey } from './journey-kit';

const j = journey();

test('a plan agreed with a partner, then revised, shows what changed since the agreement', async () => {
  // The workspace, a partner and the partner's person, made through the API.
  await j.setUp();
  const partner = await j.post('/api/v1/partners', {
    name: 'Northwind Traders',
    type: 'reseller',
    stage: 'active',
  });
  await j.post('/api/v1/contacts', {
    partnerId: partner.id,
    firstName: 'Carla',
    lastName: 'Diaz',
  });
  const workspace = await (await j.context.request.get(`${j.server.url}/api/v1/workspace`)).json();
  const year: string = workspace.currentPeriod.year;

  const page = await j.context.newPage();
  const problems = watchProblems(page);

  // No plans yet: the list says what a plan is and how to start one.
  await page.goto(`${j.server.url}/partners`);
  await heading(page, 'Partners');
  await nav(page, 'Plans').click();
  await heading(page, 'Plans');
  await page.getByText('No plans yet').waitFor();
  await accessible(page, 'plans list, empty');

  // A plan with two objectives, the second owned on both sides.
  await page.getByRole('link', { name: 'New plan' }).click();
  await heading(page, 'New plan');
  await page.getByRole('combobox', { name: 'Partner', exact: true }).fill('North');
  await page.getByRole('option', { name: 'Northwind Traders' }).click();
  await expect
    .poll(() => page.getByRole('combobox', { name: 'Period', exact: true }).inputValue())
    .toBe(`${year} (current)`);
  await page.getByLabel('Summary').fill('Grow the reseller channel.\nTrain two sales teams.');
  // An objective without its text is refused on that field, before anything is sent.
  await page.getByRole('button', { name: 'Start plan' }).click();
  await expect(
    page.getByLabel('Objective 1: what to achieve').getAttribute('aria-invalid'),
  ).resolves.toBe('true');
  await page.getByLabel('Objective 1: what to achieve').fill('Sign 20 new customers');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByLabel('Objective 2: what to achieve').fill('Certify 5 engineers');
  await choose(page, 'Objective 2: owned by', 'Both');
  await choose(page, 'Objective 2: our owner', ada.name);
  await choose(page, "Objective 2: partner's owner", 'Carla Diaz');
  await page.getByRole('button', { name: 'Move objective 2 up' }).click();
  // Focus stays with the moved objective, on the arrow it can still use.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Move objective 1 down');
  await page.getByText('Objective moved to position 1 of 2.').waitFor({ state: 'attached' });
  await expect
    .poll(() => page.getByLabel('Objective 1: what to achieve').inputValue())
    .toBe('Certify 5 engineers');
  await accessible(page, 'new plan form');
  await page.getByRole('button', { name: 'Start plan' }).click();
  const title = `${year} plan with Northwind Traders`;
  await heading(page, title);
  const planUrl = page.url();
  await page.getByText('Owned by both: Ada Admin and Carla Diaz').waitFor();
  await accessible(page, 'plan page, draft');

  // A second plan for the same period is refused, the reason on the period field.
  await page.goto(`${j.server.url}/plans/new?partnerId=${partner.id}`);
  await heading(page, 'New plan with Northwind Traders');
  await page.getByRole('button', { name: 'Remove objective 1' }).click();
  await page.getByRole('button', { name: 'Start plan' }).click();
  await page.getByText('already has a plan for this period').waitFor();
  await expect(
    page.getByRole('combobox', { name: 'Period', exact: true }).getAttribute('aria-invalid'),
  ).resolves.toBe('true');
  problems.length = 0; // the 409 above was the point

  // Proposed, then agreed by the partner's person on a given day.
  await page.goto(planUrl);
  await heading(page, title);
  await page.getByRole('button', { name: 'Propose to the partner' }).click();
  await page.getByText('Proposed', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: 'Record the agreement' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Who agreed for the partner').fill('Carla Diaz, VP Alliances');
  await dialog.getByLabel('On which day').fill('2026-12-01');
  await accessible(page, 'agreement dialog');
  await dialog.getByRole('button', { name: 'Record agreement' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Version 1, agreed by Carla Diaz, VP Alliances on').waitFor();
  // Agreed means locked: no edit, the reason said, and a new version offered.
  await expect(page.getByRole('link', { name: 'Edit' }).count()).resolves.toBe(0);
  await page.getByText('The partner agreed this version').waitFor();
  await accessible(page, 'plan page, agreed');

  // A new version starts from the agreed content; the summary changes.
  await page.getByRole('button', { name: 'Start a new version' }).click();
  await page.getByText('Version 2', { exact: true }).waitFor();
  await page.getByText('No changes yet: version 2 still says what was agreed.').waitFor();
  await page.getByRole('link', { name: 'Edit' }).click();
  await heading(page, `Edit ${title}`);
  await page.getByLabel('Summary').fill('Grow the reseller channel.\nTrain three sales teams.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await heading(page, title);
  const changes = page.getByRole('region', { name: 'Changes since the agreed version 1' });
  await changes.getByRole('heading', { name: 'Summary' }).waitFor();
  await expect(changes.getByRole('list', { name: 'Line by line' }).textContent()).resolves.toMatch(
    /Removed: Train two sales teams\.[\s\S]*Added: Train three sales teams\./,
  );
  await page.getByRole('button', { name: /Version 1 agreed by Carla Diaz/ }).waitFor();
  // Its history tells each step, newest first.
  const history = page.getByRole('list', { name: 'Changes, newest first' });
  await history.getByText('Summary changed').waitFor();
  await expect(history.getByRole('listitem').allInnerTexts()).resolves.toEqual([
    expect.stringContaining('Version 2 edited'),
    expect.stringContaining('Version 2 started from the agreed version'),
    expect.stringContaining('Version 1 agreed'),
    expect.stringContaining('Draft → Proposed'),
    expect.stringContaining('Plan started as a draft'),
  ]);
  await accessible(page, 'plan page, changes since the agreed version');

  // The partner's Plan tab puts this period's plan first.
  await page.getByRole('link', { name: 'Northwind Traders' }).first().click();
  await heading(page, 'Northwind Traders');
  await page.getByRole('tab', { name: 'Plan' }).waitFor();
  await page.getByRole('heading', { name: 'This period' }).waitFor();
  await page.getByRole('link', { name: `${year} plan` }).waitFor();
  await accessible(page, 'partner page, plan tab');
  // Its milestones are on the partner's timeline, each a link to the plan.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page
    .getByRole('link', { name: `${year} plan: version 1 agreed by Carla Diaz, VP Alliances` })
    .waitFor();
  await page.getByRole('link', { name: `${year} plan: version 2 started` }).waitFor();

  // The list shows it, and the status filter finds it.
  await page.goto(`${j.server.url}/plans?status=draft`);
  await heading(page, 'Plans');
  await page.getByText('1 plan matches').waitFor();
  await page.getByRole('link', { name: `${year} plan with Northwind Traders` }).waitFor();
  await accessible(page, 'plans list');

  // "Copy to next year" makes next year's draft from this one and opens it.
  const next = `FY${Number(year.slice(2)) + 1}`;
  await page.getByRole('link', { name: `${year} plan with Northwind Traders` }).click();
  await heading(page, `${year} plan with Northwind Traders`);
  await page.getByRole('button', { name: `Copy to ${next}` }).click();
  await heading(page, `${next} plan with Northwind Traders`);
  await page.getByText('Train three sales teams.').first().waitFor();
  expect(problems).toEqual([]);
}, 60_000);
