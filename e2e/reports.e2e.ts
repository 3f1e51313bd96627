import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import type { WorkspaceId } from '../src/domain/ids';
import { unsubscribeToken } from '../src/server/features/report-subscriptions/report-subscriptions.tokens';
import { accessible, heading, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

// The server's secret is the test's too, so it can make a recipient's unsubscribe link as a mail would.
const secret = randomBytes(32).toString('base64url');
const j = journey({ TANDEM_SECRET: secret });

let workspaceId: WorkspaceId;
let recipientId: string;

test('a member schedules the portfolio report with the dashboard filters, and the list shows them', async () => {
  await j.setUp();
  const team = await j.post('/api/v1/teams', { name: 'EMEA' });
  workspaceId = (await (await j.send('get', '/api/v1/workspace')).json()).id;

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/reports`);
  await heading(page, 'Scheduled reports');
  const filters = page.getByRole('search', { name: 'Filters of the report' });
  await filters.getByLabel('Type', { exact: true }).first().click();
  await page.getByRole('option', { name: 'Reseller' }).click();
  await page.keyboard.press('Escape');
  await filters.getByLabel('Team', { exact: true }).first().click();
  await page.getByRole('option', { name: 'EMEA' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Recipients', { exact: true }).first().click();
  await page.getByRole('option', { name: /Ada Admin/ }).click();
  await page.keyboard.press('Escape');
  await accessible(page, 'scheduled reports form with filters');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.getByText('Report scheduled.').waitFor();
  await page.getByRole('cell', { name: /Team: EMEA; Type: Reseller/ }).waitFor();
  // The form starts again empty: its filters went with the schedule.
  expect(await filters.getByRole('button', { name: 'Clear filters' }).count()).toBe(0);
  await accessible(page, 'scheduled reports with a filtered subscription');
  await shoot(page, 'reports-filters', { fullPage: true });

  const list = await (await j.send('get', '/api/v1/report-subscriptions')).json();
  expect(list.items).toHaveLength(1);
  expect(list.items[0].filters).toEqual({ teamId: [team.id], type: ['reseller'] });
  recipientId = list.items[0].recipients[0].id;
  expect(problems).toEqual([]);
}, 120_000);

test('the unsubscribe page works without signing in, only on a button press, and reads well', async () => {
  const token = unsubscribeToken(secret, workspaceId, recipientId);
  const context = await j.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);

  await page.goto(`${j.server.url}/unsubscribe#token=${token}`);
  await heading(page, 'Unsubscribe from a report');
  await accessible(page, 'unsubscribe page');
  await shoot(page, 'unsubscribe');
  // Opening the link changed nothing: mail scanners open links.
  const before = await (await j.send('get', '/api/v1/report-subscriptions')).json();
  expect(before.items[0].recipients[0].unsubscribedAt).toBeNull();

  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.getByRole('status').getByText('You are unsubscribed').waitFor();
  await page.getByText('Portfolio report').waitFor();
  await accessible(page, 'unsubscribed');
  await shoot(page, 'unsubscribe-done');
  const after = await (await j.send('get', '/api/v1/report-subscriptions')).json();
  expect(after.items[0].recipients[0].unsubscribedAt).not.toBeNull();

  // The same link again says so, with nothing to press.
  // The page takes the token out of the address once read: a fresh load, as a second click.
  await page.goto('about:blank');
  await page.goto(`${j.server.url}/unsubscribe#token=${token}`);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.getByRole('alert').getByText('Already unsubscribed').waitFor();
  expect(await page.getByRole('button', { name: 'Unsubscribe' }).count()).toBe(0);
  await accessible(page, 'unsubscribe link used');
  await shoot(page, 'unsubscribe-used');

  // A link that is not one, and a page opened without any.
  await page.goto('about:blank');
  await page.goto(`${j.server.url}/unsubscribe#token=${token.slice(0, -4)}abcd`);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.getByRole('alert').getByText('This link does not work').waitFor();
  await accessible(page, 'unsubscribe link unknown');
  await shoot(page, 'unsubscribe-unknown');
  await page.goto('about:blank');
  await page.goto(`${j.server.url}/unsubscribe`);
  await heading(page, 'Unsubscribe from a report');
  await accessible(page, 'unsubscribe without a link');

  // The used and the unknown link's answers, which the browser also logs; nothing else.
  expect(problems).toEqual([
    expect.stringMatching(/^HTTP 410 POST \S+\/api\/v1\/report-unsubscribe$/),
    expect.stringMatching(/^console: .* 410 \(Gone\)/),
    expect.stringMatching(/^HTTP 404 POST \S+\/api\/v1\/report-unsubscribe$/),
    expect.stringMatching(/^console: .* 404 \(Not Found\)/),
  ]);
  await context.close();
}, 120_000);
