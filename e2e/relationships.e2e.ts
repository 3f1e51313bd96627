import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { accessible, choose, heading, launchBrowser, nav, watchProblems } from './browser';
import { type RunningServer, startServer } from './server';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

const ada = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const bo = { name: 'Bo Member', email: 'bo@example.com', password: 'battery staple horse' };

/** A fresh browser profile: another person at another desk. */
async function newPerson(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  return { page, problems: watchProblems(page) };
}

/** A JSON call with the page's session, as the app makes it. */
async function call(page: Page, method: 'post' | 'get', path: string, data?: unknown) {
  const response = await page.request[method](`${server.url}${path}`, {
    data,
    headers: { origin: server.url },
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

/** A partner's own meeting invitation, as a calendar would export it. */
function invitation(day: string): string {
  const stamp = day.replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Northwind//Calendar//EN',
    'BEGIN:VEVENT',
    `UID:qbr-${stamp}@northwind-traders.com`,
    `DTSTAMP:${stamp}T080000Z`,
    `DTSTART:${stamp}T140000Z`,
    `DTEND:${stamp}T150000Z`,
    'SUMMARY:Quarterly business review',
    'DESCRIPTION:Pipeline\\, the delivery delays and the spring campaign',
    'ORGANIZER;CN=Carla Contact:mailto:carla@northwind-traders.com',
    `ATTENDEE;CN=${ada.name}:mailto:${ada.email}`,
    `ATTENDEE;CN=${bo.name}:mailto:${bo.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

test('a week of relationship work: meetings logged and dropped in, next steps followed up, an issue worked to resolution, everyone notified', async () => {
  // Monday. Ada sets the workspace up and invites Bo, who joins from his own browser.
  const adaSide = await newPerson();
  const desk = adaSide.page;
  await desk.goto(server.setupUrl);
  await heading(desk, 'Set up Tandem');
  await desk.getByLabel('Workspace name').fill('Acme Partnerships');
  await desk.getByLabel('Your name').fill(ada.name);
  await desk.getByLabel('Your email').fill(ada.email);
  await desk.getByLabel(/^Password/).fill(ada.password);
  await desk.getByRole('button', { name: 'Create workspace' }).click();
  await heading(desk, 'Partners');

  const invited = await call(desk, 'post', '/api/v1/invitations', {
    email: bo.email,
    role: 'member',
  });
  const boSide = await newPerson();
  const bench = boSide.page;
  await bench.goto(invited.inviteUrl);
  await heading(bench, 'Join your team');
  await bench.getByLabel('Your name').fill(bo.name);
  await bench.getByLabel(/^Password/).fill(bo.password);
  await bench.getByRole('button', { name: 'Accept invitation' }).click();
  await heading(bench, 'Partners');

  // The partner and the person Ada works with there, made through the API.
  const partner = await call(desk, 'post', '/api/v1/partners', {
    name: 'Northwind Traders',
    type: 'reseller',
    tier: 'gold',
    stage: 'active',
    domains: ['northwind-traders.com'],
  });
  await call(desk, 'post', '/api/v1/contacts', {
    partnerId: partner.id,
    firstName: 'Carla',
    lastName: 'Contact',
    email: 'carla@northwind-traders.com',
  });

  // Gold partners are to hear from Ada every three weeks, and engagement is to count most.
  await desk.goto(`${server.url}/settings?tab=workspace`);
  await heading(desk, 'Settings');
  // Both typed before either is saved: saving one section keeps what is typed in the other.
  await desk.getByLabel('Gold (days)').fill('21');
  await desk.getByLabel('Engagement').fill('40');
  await desk.getByRole('button', { name: 'Save contact cadence' }).click();
  await desk.getByText('Contact cadence saved.').waitFor();
  expect(await desk.getByLabel('Engagement').inputValue()).toBe('40');
  await desk.getByRole('button', { name: 'Save weights' }).click();
  await desk.getByText('Health score weights saved.').waitFor();
  await expect.poll(() => desk.getByLabel('Gold (days)').inputValue()).toBe('21');
  const settings = await call(desk, 'get', '/api/v1/workspace');
  expect([settings.contactCadenceDays.tiers.gold, settings.healthWeights.engagement]).toEqual([
    21, 40,
  ]);
  await accessible(desk, 'settings, workspace tab');

  // Ada puts Bo on the partnership team, from Sales.
  await desk.goto(`${server.url}/partners/${partner.id}?tab=team`);
  await heading(desk, 'Northwind Traders');
  await choose(desk, 'Member', bo.name);
  await choose(desk, 'From team', 'Sales');
  await choose(desk, 'Role', 'Contributor');
  await desk.getByRole('button', { name: 'Add to team' }).click();
  await desk.getByRole('combobox', { name: `Role of ${bo.name}` }).waitFor();
  await accessible(desk, 'partner page, team tab');
  await desk.getByRole('tab', { name: 'Overview' }).click();
  await desk.getByText(/Every 21 days/).waitFor();

  // She logs Monday's call with Carla, with two next steps.
  await desk.getByRole('tab', { name: 'Timeline' }).click();
  await desk.getByRole('button', { name: 'Log interaction' }).first().click();
  const drawer = desk.getByRole('dialog');
  await choose(drawer, 'Kind', 'Call');
  await choose(drawer, 'People at the partner', 'Carla Contact (carla@northwind-traders.com)');
  await drawer
    .getByRole('textbox', { name: 'Summary (Markdown)' })
    .fill('Carla confirmed the **spring campaign**; deliveries to the north are late again.');
  await drawer.getByLabel('Outcome').fill('Campaign agreed; delivery problem to raise');
  await choose(drawer, 'Sentiment', 'Positive');
  await drawer.getByLabel('Next steps').fill('Send the campaign brief\nBook the delivery review');
  await accessible(desk, 'logging an interaction');
  await drawer.getByRole('button', { name: 'Log interaction' }).click();
  await drawer.waitFor({ state: 'hidden' });
  const call1 = desk.getByRole('button', { name: /Call/ }).first();
  await call1.waitFor();

  // Its next steps become tasks in one click.
  await call1.click();
  await desk.getByRole('button', { name: 'Make tasks of the next steps' }).click();
  await desk.getByText('2 tasks made of the next steps.').waitFor();
  await desk.keyboard.press('Escape');
  await desk.getByRole('tab', { name: 'Tasks' }).click();
  await desk.getByText('Send the campaign brief').waitFor();
  await desk.getByText('Book the delivery review').waitFor();

  // A task for Bo: he is notified of the assignment.
  const newTask = desk.getByRole('form', { name: 'New task' });
  await newTask.getByRole('textbox', { name: 'New task' }).fill('Draft the co-marketing budget');
  await choose(newTask, 'Assignee', bo.name);
  await newTask.getByRole('button', { name: 'Add task' }).click();
  await desk.getByText('Draft the co-marketing budget').last().waitFor();
  await accessible(desk, 'partner page, tasks tab');

  // Tuesday. Carla's review invitation is dropped on the timeline: read into a draft with the
  // people matched, saved only once Ada confirms.
  await desk.getByRole('tab', { name: 'Timeline' }).click();
  const today = new Date().toISOString().slice(0, 10);
  await desk.locator('input[type=file]').setInputFiles({
    name: 'review.ics',
    mimeType: 'text/calendar',
    buffer: Buffer.from(invitation(today)),
  });
  await desk.getByText('Read from the file: check it, then save').waitFor();
  await expect
    .poll(() => desk.getByRole('dialog').getByText('Carla Contact').count())
    .toBeGreaterThan(0);
  await accessible(desk, 'confirming a dropped invitation');
  await desk.getByRole('dialog').getByRole('button', { name: 'Log interaction' }).click();
  await desk.getByRole('dialog').waitFor({ state: 'hidden' });
  await desk.getByText('Quarterly business review').first().waitFor();
  await accessible(desk, 'partner page, timeline tab');

  // Wednesday. The late deliveries become an issue, owned by Bo with Operations.
  await desk.goto(`${server.url}/issues/new?partnerId=${partner.id}`);
  await heading(desk, /New issue/);
  await desk.getByLabel('Title').fill('Northern deliveries arrive a week late');
  await choose(desk, 'Kind', 'Delivery');
  await choose(desk, 'Severity', 'High');
  await choose(desk, 'Owner', bo.name);
  await choose(desk, 'Team', 'Operations');
  await desk.getByLabel('Description').fill('Three shipments in March came 6–8 days late.');
  await desk.getByRole('button', { name: 'Raise issue' }).click();
  await heading(desk, 'Northern deliveries arrive a week late');
  await accessible(desk, 'issue page, open');

  // Bo sees two unread notifications: the task and the issue given to him.
  await bench.reload();
  const bell = bench.getByRole('link', { name: /Notifications, 2 unread/ });
  await bell.waitFor();
  await bell.click();
  await heading(bench, 'Notifications');
  await accessible(bench, 'notifications, unread');
  await bench.getByRole('link', { name: /Northern deliveries arrive a week late/ }).click();
  await heading(bench, 'Northern deliveries arrive a week late');

  // Thursday. Bo investigates; resolving needs notes, so the move asks for them.
  const moves = bench.getByRole('group', { name: 'Change status' });
  await moves.getByRole('button', { name: 'Start investigating' }).click();
  await bench.getByText('Investigating').first().waitFor();
  await moves.getByRole('button', { name: 'Resolve' }).click();
  const notes = bench.getByRole('dialog');
  await notes.getByLabel(/Resolution notes/).waitFor();
  await accessible(bench, 'resolving an issue, notes asked for');
  await notes
    .getByLabel(/Resolution notes/)
    .fill('The carrier moved the northern route to a daily truck.');
  await notes.getByRole('button', { name: 'Resolve' }).click();
  await notes.waitFor({ state: 'hidden' });
  await bench.getByText('Resolved').first().waitFor();

  // He tells Ada in a comment that mentions her.
  await bench
    .getByLabel('Add a comment')
    .fill('Fixed with the carrier; **please confirm** with Carla.');
  await choose(bench, 'Mention', ada.name);
  await bench.getByRole('button', { name: 'Comment' }).click();
  await bench.getByText(`Mentioned: ${ada.name}`).waitFor();
  await accessible(bench, 'issue page, resolved, with a comment');

  // The task Ada gave him is one click from his notifications, on a page of its own.
  await bench.getByRole('link', { name: /Notifications/ }).click();
  await heading(bench, 'Notifications');
  await bench.getByRole('link', { name: /Draft the co-marketing budget/ }).click();
  await heading(bench, 'Draft the co-marketing budget');
  await bench.getByText('Northwind Traders').first().waitFor();
  await accessible(bench, 'task page');
  await choose(bench, 'Status of Draft the co-marketing budget', 'In progress');
  await bench.getByText(/Draft the co-marketing budget: in progress/).waitFor();

  // Friday. Ada's bell shows the mention; her week's work is in My work, where she closes the
  // campaign brief.
  await desk.reload();
  await desk.getByRole('link', { name: /Notifications, 1 unread/ }).waitFor();
  await nav(desk, 'My work').click();
  await heading(desk, 'My work');
  await desk.getByText('Send the campaign brief').waitFor();
  await accessible(desk, 'my work');
  await choose(desk, 'Status of Send the campaign brief', 'Done');
  await desk.getByText(/Send the campaign brief: done/).waitFor();

  // Her backlog runs long: each group counts all of its tasks and shows the first 50; the rest
  // come on request.
  const members = await call(desk, 'get', '/api/v1/members');
  const adaMember = members.items.find((m: { email: string }) => m.email === ada.email);
  for (let i = 1; i <= 52; i++)
    await call(desk, 'post', '/api/v1/tasks', {
      title: `Backlog item ${i}`,
      assigneeId: adaMember.id,
    });
  await desk.reload();
  const later = desk.getByRole('region', { name: /^Later/ });
  await later.getByRole('heading', { name: /^Later \(5\d\)$/ }).waitFor();
  await later.getByRole('button', { name: /^Show more later tasks \(\d+ left\)$/ }).click();
  // No due date sorts last, then by creation: the last one made is the last of all.
  await later.getByText('Backlog item 52').waitFor();
  expect(await later.getByRole('button', { name: /^Show more/ }).count()).toBe(0);
  await accessible(desk, 'my work, with a long backlog');

  // The health score explains itself: this week's contact and the resolved issue show in it.
  await desk.goto(`${server.url}/partners/${partner.id}`);
  await heading(desk, 'Northwind Traders');
  await desk.getByText('Relationship health').waitFor();
  await desk.getByText(/Last interaction 0 days ago, cadence 21 days/).waitFor();
  await accessible(desk, 'partner overview with its health');

  // The week, workspace-wide: the Activity page.
  await nav(desk, 'Activity').click();
  await heading(desk, 'Activity');
  await desk.getByText('Northern deliveries arrive a week late').first().waitFor();
  await desk.getByText('Quarterly business review').first().waitFor();
  await accessible(desk, 'activity');

  expect(adaSide.problems).toEqual([]);
  expect(boSide.problems).toEqual([]);
});
