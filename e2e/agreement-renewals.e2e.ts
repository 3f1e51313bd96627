import { expect, test } from 'vitest';
import { accessible, heading, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

/** `YYYY-MM-DD`, some days from today (UTC: the journey's workspace keeps UTC). */
const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('the renewals view: what comes up in 30, 60 and 90 days, with the value at stake', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  // Two agreements in force, recorded as signed outside Tandem: one ends in 20 days with 30
  // days' notice (its deadline has passed, so its end comes next), one ends in 75 days.
  for (const [title, endIn, value] of [
    ['Reseller 2026', 20, 1_200_000],
    ['Referral 2026', 75, 450_000],
  ] as const) {
    const agreement = await j.post('/api/v1/agreements', {
      partnerId: partner.id,
      type: 'other',
      title,
      effectiveOn: inDays(endIn - 365),
      endOn: inDays(endIn),
      noticeDays: 30,
      value,
      currency: 'EUR',
    });
    const url = `/api/v1/agreements/${agreement.id}`;
    const etag = async () => ({
      'if-match': `"${(await (await j.send('get', url)).json()).version}"`,
    });
    await j.send('post', `${url}/versions`, { body: `# ${title}\n\nAgreed terms.` }, await etag());
    for (const to of ['in_negotiation', 'pending_signature', 'active']) {
      const res = await j.send('post', `${url}/transitions`, { to }, await etag());
      expect(res.status(), `${to}: ${await res.text()}`).toBe(200);
    }
  }

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements`);
  await heading(page, 'Agreements');
  await page.getByRole('link', { name: 'Renewals' }).click();
  await heading(page, 'Renewals');
  const results = page.getByRole('table', { name: 'Renewals' });
  const summary = page.getByRole('status').filter({ hasText: 'Open one to decide' });
  await results.getByText('Reseller 2026').waitFor();
  await summary.getByText('1 agreement', { exact: false }).waitFor();
  expect(await results.getByText('Referral 2026').count()).toBe(0);
  await accessible(page, 'renewals in 30 days');

  await page.getByText('90 days', { exact: true }).click();
  await results.getByText('Referral 2026').waitFor();
  await summary.getByText('2 agreements', { exact: false }).waitFor();
  expect(await summary.textContent()).toMatch(/16,500\.00|16\.500,00/);
  await accessible(page, 'renewals in 90 days');
  await shoot(page, 'agreement-renewals');
  expect(new URL(page.url()).searchParams.get('within')).toContain('90');
  expect(problems).toEqual([]);
});
