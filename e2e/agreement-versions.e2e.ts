import { expect, test } from 'vitest';
import { accessible, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

test('an agreement’s text: a first version written, a second compared as a redline, the redline PDF', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'reseller',
    title: 'Reseller agreement',
  });
  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/${agreement.id}`);
  const versions = page.getByRole('region', { name: 'Versions' });
  await versions
    .getByLabel('Text (Markdown)')
    .fill('# Terms\n\nThe partner shall pay within 30 days.');
  await versions.getByRole('button', { name: 'Save first version' }).click();
  await versions.getByRole('button', { name: 'New version' }).click();
  const text = versions.getByLabel('Text of version 2 (Markdown)');
  await expect.poll(() => text.inputValue()).toContain('within 30 days');
  await text.fill('# Terms\n\nThe reseller shall pay within 45 days.');
  await versions.getByRole('button', { name: 'Save text' }).click();
  const compare = page.getByRole('region', { name: 'Compare versions' });
  await compare.locator('ins', { hasText: '45' }).waitFor();
  expect(await compare.locator('del').allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringContaining('partner'), expect.stringContaining('30')]),
  );
  const pdf = await j.context.request.get(
    `${j.server.url}${await compare.getByRole('link', { name: 'Redline PDF' }).getAttribute('href')}`,
  );
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await accessible(page, 'agreement versions and redline');
  await shoot(page, 'agreement-versions', { fullPage: true });
  expect(problems).toEqual([]);
});
