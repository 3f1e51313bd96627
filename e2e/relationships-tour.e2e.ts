import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, startServer } from './server';
import { newView, prepareShots, type SignedIn, type Stop, sizes, themes, visit } from './tour-kit';

/**
 * The relationship pages on the demo data, at both sizes and in both themes (tour-kit.ts says
 * what each visit checks): the partner page's tabs, the issues register, my work, the team board,
 * a task's page, an interaction's page, cooling, at risk, activity, notifications, the settings these features add, and the portal
 * with what is shared.
 */

const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const portalUser = {
  name: 'Pia Partner',
  email: 'pia@partner.example',
  password: 'staple battery horse',
};

let server: RunningServer;
let browser: Browser;
let adminState: SignedIn;
let portalState: SignedIn;
const seen = {
  partner: '',
  partnerName: '',
  issue: '',
  issueTitle: '',
  task: '',
  taskTitle: '',
  interaction: '',
};

beforeAll(async () => {
  prepareShots();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function get(page: Page, path: string) {
  const response = await page.request.get(`${server.url}${path}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function post(page: Page, path: string, data: unknown) {
  const response = await page.request.post(`${server.url}${path}`, {
    data,
    headers: { origin: server.url },
  });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

describe.sequential('relationship pages', () => {
  test('set up with the demo data, and a partner user at the partner with shared records', async () => {
    const { context, page } = await newView(browser, sizes[1], 'light');
    await page.goto(server.setupUrl);
    await page.getByLabel('Workspace name').fill('Acme Partnerships');
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Your email').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('checkbox', { name: 'Load demo data' }).check();
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // The demo team's password is shown once; the administrator goes on to the partners.
    await page.getByRole('button', { name: 'Open Tandem' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();

    // A partner with an open issue, to look at its pages and to give it a partner user.
    const issues = await get(page, '/api/v1/issues?limit=1&status=open');
    const issue = issues.items[0];
    expect(issue, 'the demo data has an open issue').toBeTruthy();
    seen.issue = issue.id;
    seen.issueTitle = issue.title;
    seen.partner = issue.partnerId;
    const partner = await get(page, `/api/v1/partners/${seen.partner}`);
    seen.partnerName = partner.name;
    // A task and an interaction of the workspace: notifications lead to their own pages.
    const tasks = await get(page, '/api/v1/tasks?limit=1');
    expect(tasks.items[0], 'the demo data has a task').toBeTruthy();
    seen.task = tasks.items[0].id;
    seen.taskTitle = tasks.items[0].title;
    const interactions = await get(page, `/api/v1/interactions?limit=1&partnerId=${seen.partner}`);
    expect(interactions.items[0], 'the partner has an interaction').toBeTruthy();
    seen.interaction = interactions.items[0].id;

    const invitation = await post(page, '/api/v1/invitations', {
      email: portalUser.email,
      role: 'partner_admin',
      partnerId: seen.partner,
    });
    adminState = await context.storageState();
    await context.close();

    const partnerSide = await newView(browser, sizes[1], 'light');
    await partnerSide.page.goto(invitation.inviteUrl);
    await partnerSide.page.getByLabel('Your name').fill(portalUser.name);
    await partnerSide.page.getByLabel(/^Password/).fill(portalUser.password);
    await partnerSide.page.getByRole('button', { name: 'Accept invitation' }).click();
    await partnerSide.page.getByRole('heading', { level: 1, name: 'Partner portal' }).waitFor();
    portalState = await partnerSide.context.storageState();
    await partnerSide.context.close();
  });

  for (const size of sizes) {
    for (const theme of themes) {
      test(`every relationship page at ${size.name} size in the ${theme} theme`, async () => {
        const where = `${size.name}-${theme}`;
        const failures: string[] = [];
        const p = `/partners/${seen.partner}`;
        const onPartner = (tab: string): Stop => ({
          name: `partner-${tab}`,
          path: `${p}?tab=${tab}`,
          heading: seen.partnerName,
        });

        const desk = await newView(browser, size, theme, adminState);
        const stops: Stop[] = [
          {
            name: 'partner-overview-health',
            path: p,
            heading: seen.partnerName,
            text: 'Follow-through',
          },
          ...['timeline', 'issues', 'tasks', 'team', 'comments', 'disclosures'].map(onPartner),
          { name: 'issues', path: '/issues', heading: 'Issues', text: seen.issueTitle },
          { name: 'issue', path: `/issues/${seen.issue}`, heading: seen.issueTitle },
          {
            name: 'issue-new',
            path: `/issues/new?partnerId=${seen.partner}`,
            heading: /New issue/,
          },
          { name: 'my-work', path: '/my-work', heading: 'My work' },
          { name: 'team-board', path: '/tasks/board', heading: 'Team board' },
          { name: 'task', path: `/tasks/${seen.task}`, heading: seen.taskTitle },
          {
            name: 'interaction',
            path: `/interactions/${seen.interaction}`,
            heading: / on /,
            text: 'Comments',
          },
          { name: 'cooling', path: '/cooling', heading: 'Cooling' },
          { name: 'at-risk', path: '/at-risk', heading: 'At risk' },
          { name: 'dashboard', path: '/dashboard', heading: 'Dashboard', text: /active partners/ },
          {
            name: 'dashboard-filtered',
            path: '/dashboard?type=reseller&type=technology',
            heading: 'Dashboard',
            text: /active partner/,
          },
          {
            name: 'partners-by-health',
            path: '/partners?sort=health&health=atRisk',
            heading: 'Partners',
          },
          { name: 'activity', path: '/activity', heading: 'Activity' },
          { name: 'notifications', path: '/notifications', heading: 'Notifications' },
          {
            name: 'settings-teams',
            path: '/settings?tab=teams',
            heading: 'Settings',
            text: 'Sales',
          },
          {
            name: 'settings-workspace-relationships',
            path: '/settings?tab=workspace',
            heading: 'Settings',
          },
        ];
        for (const stop of stops) await visit(server.url, desk, stop, where, failures);
        await desk.context.close();

        const portal = await newView(browser, size, theme, portalState);
        await visit(
          server.url,
          portal,
          {
            name: 'portal-shared',
            path: '/portal',
            heading: 'Partner portal',
            text: seen.partnerName,
          },
          where,
          failures,
        );
        await portal.context.close();

        expect(failures).toEqual([]);
      });
    }
  }
});
