import { expect, test } from 'vitest';
import { accessible, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

test('a version’s comments: the frozen text still discussed, an earlier version picked, the timeline told', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'mou',
    title: 'Memorandum of understanding',
  });
  const url = `/api/v1/agreements/${agreement.id}`;
  const bodies = [
    '# Terms\n\nThe partner shall report within 30 days.',
    '# Terms\n\nThe parties shall report within 45 days.',
  ];
  for (const [index, body] of bodies.entries())
    await j.send('post', `${url}/versions`, { body }, { 'if-match': `"${index + 1}"` });
  await j.send('post', `${url}/transitions`, { to: 'in_negotiation' }, { 'if-match': '"3"' });
  await j.send('post', `${url}/transitions`, { to: 'pending_signature' }, { 'if-match': '"4"' });

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/${agreement.id}`);
  const thread = page.getByRole('region', { name: 'Comments on version 2' });
  await thread.getByText('The text is fixed; the discussion stays open.').waitFor();
  await thread.getByLabel('Add a comment').fill('Legal accepted **45 days**; finance to confirm.');
  await thread.getByRole('button', { name: 'Comment' }).click();
  await thread.getByRole('article').filter({ hasText: 'finance to confirm' }).waitFor();

  await page.getByRole('combobox', { name: 'Discuss version' }).click();
  await page.getByRole('option', { name: 'Version 1' }).click();
  const first = page.getByRole('region', { name: 'Comments on version 1' });
  await first.getByText('No comments yet.', { exact: false }).waitFor();
  await first.getByLabel('Add a comment').fill('30 days was too short for them.');
  await first.getByRole('button', { name: 'Comment' }).click();
  await first.getByRole('article').filter({ hasText: 'too short' }).waitFor();
  expect(await first.getByRole('article').count()).toBe(1);
  await accessible(page, 'comments on an agreement version');
  await shoot(page, 'agreement-version-comments', { fullPage: true });

  const timeline = await (
    await j.send('get', `/api/v1/partners/${partner.id}/timeline?kind=comment`)
  ).json();
  expect(timeline.items.map((e: { summary: { on: string } }) => e.summary.on)).toEqual([
    'Memorandum of understanding, version 1',
    'Memorandum of understanding, version 2',
  ]);
  expect(problems).toEqual([]);
});
