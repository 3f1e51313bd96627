import { expect, test } from 'vitest';
import { accessible, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('a version’s files: attached with the keyboard, a lying file refused, downloaded and removed', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'reseller',
    title: 'Reseller agreement',
  });
  await j.send(
    'post',
    `/api/v1/agreements/${agreement.id}/versions`,
    { body: '# Terms\n\nSee the price list attached.' },
    { 'if-match': '"1"' },
  );

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/${agreement.id}`);
  const files = page.getByRole('region', { name: 'Files of version 1' });
  await files.getByText('No files yet.', { exact: false }).waitFor();

  // The upload button opens the file chooser from the keyboard.
  const attach = files.getByRole('button', { name: 'Attach a file' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), attach.press('Enter')]);
  await chooser.setFiles({ name: 'Price list 2027.pdf', mimeType: 'application/pdf', buffer: pdf });
  const link = files.getByRole('link', { name: 'Price list 2027.pdf' });
  await link.waitFor();

  // A PDF that calls itself a picture is refused, and the reason shown.
  const [again] = await Promise.all([page.waitForEvent('filechooser'), attach.click()]);
  await again.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: pdf });
  await files.getByRole('alert').getByText('its name ends in .png', { exact: false }).waitFor();
  await files.getByRole('link', { name: 'photo.png' }).waitFor({ state: 'detached' });

  const download = await j.context.request.get(`${j.server.url}${await link.getAttribute('href')}`);
  expect(download.headers()['content-disposition']).toContain('Price list 2027.pdf');
  expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);

  await accessible(page, 'files of an agreement version');
  await shoot(page, 'agreement-version-files', { fullPage: true });

  await files.getByRole('button', { name: 'Remove Price list 2027.pdf' }).click();
  await files.getByText('No files yet.', { exact: false }).waitFor();
  expect(problems.filter((p) => !p.includes('415'))).toEqual([]);
});
