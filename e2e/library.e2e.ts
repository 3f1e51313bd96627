import { expect, test } from 'vitest';
import { accessible, heading, nav, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

test('a clause with fallbacks, a template of clauses in order, and a preview that names what is missing', async () => {
  await j.setUp();
  await j.post('/api/v1/partners', {
    name: 'Northwind & Co',
    type: 'reseller',
    stage: 'active',
  });
  await j.post('/api/v1/clauses', {
    title: 'Parties',
    text: 'Between {{workspace.name}} and {{partner.name}}.',
    category: 'General',
  });

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/partners`);
  await heading(page, 'Partners');
  await nav(page, 'Agreement library').click();
  await heading(page, 'Agreement library');
  await page.getByRole('table', { name: 'Clauses' }).getByText('Parties').waitFor();

  // A clause with two fallback positions, the second moved first by keyboard.
  await page.getByRole('button', { name: 'Add clause' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a clause' });
  await dialog.getByLabel('Title').fill('Term');
  await dialog.getByLabel('Category').fill('Term');
  await dialog
    .getByLabel('Text (Markdown)')
    .fill(
      'This agreement ends on {{agreement.end_date}}; notice by {{agreement.notice_deadline}}.',
    );
  await dialog.getByRole('button', { name: 'Add fallback position' }).click();
  await dialog
    .getByRole('textbox', { name: 'Fallback 1', exact: true })
    .fill('Ends after two years.');
  await dialog.getByRole('button', { name: 'Add fallback position' }).click();
  await dialog
    .getByRole('textbox', { name: 'Fallback 2', exact: true })
    .fill('Ends after three years.');
  await dialog.getByRole('button', { name: 'Move fallback 2 up' }).press('Enter');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
    .toBe('Move fallback 1 down');
  await expect
    .poll(() => dialog.getByRole('textbox', { name: 'Fallback 1', exact: true }).inputValue())
    .toBe('Ends after three years.');
  await accessible(page, 'clause form');
  await dialog.getByRole('button', { name: 'Add clause' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('table', { name: 'Clauses' }).getByText('agreement.end_date').waitFor();
  await accessible(page, 'clause library');
  await shoot(page, 'library-clauses');

  // A template of both clauses, Term first.
  await page.getByRole('tab', { name: 'Templates' }).click();
  await page.getByText('No templates yet.').waitFor();
  await page.getByRole('button', { name: 'Add template' }).click();
  const form = page.getByRole('dialog', { name: 'Add a template' });
  await form.getByLabel('Name').fill('Reseller standard');
  await form.getByRole('combobox', { name: 'Agreement type', exact: true }).click();
  await page.getByRole('option', { name: 'Reseller agreement' }).click();
  for (const clause of ['Parties (General)', 'Term (Term)']) {
    await form.getByRole('combobox', { name: 'Add a clause', exact: true }).click();
    await page.getByRole('option', { name: clause }).click();
    await form.getByRole('button', { name: 'Add to template' }).click();
  }
  await form.getByRole('button', { name: 'Move Term up' }).click();
  await expect
    .poll(() => form.getByRole('list', { name: 'Clauses of the template' }).textContent())
    .toMatch(/Term[\s\S]*Parties/);
  await accessible(page, 'template form');
  await form.getByRole('button', { name: 'Add template' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByText('Term · Parties').waitFor();

  // The preview names every variable without a value, then fills the text.
  await page.getByRole('button', { name: 'Preview Reseller standard' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview Reseller standard' });
  await preview.getByRole('combobox', { name: 'Partner' }).fill('North');
  await page.getByRole('option', { name: 'Northwind & Co' }).click();
  await preview.getByRole('button', { name: 'Preview' }).click();
  const alert = preview.getByRole('alert');
  await alert.getByText('{{agreement.end_date}}').waitFor();
  await alert.getByText('{{agreement.notice_deadline}}').waitFor();
  await accessible(page, 'template preview, missing values');
  problems.length = 0; // the 422 above was the point
  await preview.getByLabel('End date').fill('2028-02-29');
  await preview.getByLabel('Notice period (days)').fill('29');
  await preview.getByRole('button', { name: 'Preview' }).click();
  const filled = preview.getByRole('region', { name: 'Filled agreement' });
  await filled.getByText('This agreement ends on 2028-02-29; notice by 2028-01-31.').waitFor();
  await filled.getByText('Between Acme Partnerships and Northwind & Co.').waitFor();
  await accessible(page, 'template preview, filled');
  await shoot(page, 'library-preview');
  expect(problems).toEqual([]);
});
