import { expect, test } from 'vitest';
import { accessible, watchProblems } from './browser';
import { ada, journey, shoot } from './journey-kit';

const j = journey();

test('an agreement’s obligations: added with a recurrence, a task from an occurrence, done through a day, waived and reopened', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'reseller',
    title: 'Reseller agreement',
  });
  await j.post(`/api/v1/agreements/${agreement.id}/obligations`, {
    description: 'Send the signed W-9',
    party: 'partner',
    dueOn: '2020-01-31',
  });
  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/${agreement.id}`);
  const section = page.getByRole('region', { name: 'Obligations' });
  const w9 = section.getByRole('row', { name: /Send the signed W-9/ });
  await w9.getByText('Overdue').waitFor();

  // A custom rule Tandem does not take: the server's error lands on the rule's field.
  await section.getByRole('button', { name: 'Add obligation' }).click();
  const form = section.getByRole('form', { name: 'Add an obligation' });
  await form.getByLabel('What must be done').fill('Quarterly business review');
  await form.getByRole('combobox', { name: 'Owner', exact: true }).click();
  await page.getByRole('option', { name: ada.name }).click();
  await form.getByRole('combobox', { name: 'When', exact: true }).click();
  await page.getByRole('option', { name: 'Custom rule (RRULE)' }).click();
  await form.getByLabel('Starts on').fill('2027-01-01');
  await form.getByLabel('Rule (RRULE)').fill('FREQ=HOURLY');
  await form
    .getByText(/FREQ=HOURLY is not supported/)
    .first()
    .waitFor();
  await form.getByRole('button', { name: 'Add obligation' }).click();
  await expect
    .poll(() => form.getByLabel('Rule (RRULE)').getAttribute('aria-invalid'))
    .toBe('true');

  // Quarterly on the last day, with the next occurrences previewed in words.
  await form.getByRole('combobox', { name: 'When', exact: true }).click();
  await page.getByRole('option', { name: 'Every quarter' }).click();
  await form
    .getByText(/Every quarter on the last day, from Fri 1 Jan 2027\. Next: Sun 31 Jan 2027/)
    .waitFor();
  await accessible(page, 'the obligation form');
  await shoot(page, 'agreement-obligations-form', { fullPage: true });
  await form.getByRole('button', { name: 'Add obligation' }).click();
  const review = section.getByRole('row', { name: /Quarterly business review/ });
  await review.getByText('Sun 31 Jan 2027').waitFor();
  await review.getByText(ada.name).waitFor();

  // A task of the next occurrence, once: a second is refused on the day's field.
  const act = async (row: typeof review, name: string, item: string) => {
    await row.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };
  await act(review, 'Quarterly business review', 'Make a task…');
  const taskForm = section.getByRole('form', { name: 'Make a task: Quarterly business review' });
  expect(await taskForm.getByLabel('Occurrence the task is for').inputValue()).toBe('2027-01-31');
  await taskForm.getByRole('button', { name: 'Make task' }).click();
  await page.getByText('Task “Quarterly business review” made, due Sun 31 Jan 2027.').waitFor();
  await act(review, 'Quarterly business review', 'Make a task…');
  await section
    .getByRole('form', { name: 'Make a task: Quarterly business review' })
    .getByRole('button', { name: 'Make task' })
    .click();
  await section.getByText('A task was already made for this occurrence').waitFor();
  await section.getByRole('button', { name: 'Cancel' }).click();

  // Done through the first occurrence: the next one is due.
  await act(review, 'Quarterly business review', 'Mark done through…');
  const done = section.getByRole('form', { name: 'Mark done: Quarterly business review' });
  await done.getByLabel('Evidence (optional)').fill('Held on 28 January, notes in the CRM');
  await done.getByRole('button', { name: 'Mark done' }).click();
  await review.getByText('Fri 30 Apr 2027').waitFor();
  await review.getByText(/done through Sun 31 Jan 2027/).waitFor();
  // The meeting's notes as an evidence file, downloadable from the obligation.
  await review.getByRole('button', { name: 'Evidence files of Quarterly business review' }).click();
  const evidence = section.getByRole('region', {
    name: 'Evidence files: Quarterly business review',
  });
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    evidence.getByRole('button', { name: 'Attach a file' }).click(),
  ]);
  await chooser.setFiles({
    name: 'QBR notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(
      'Quarterly business review, 28 January 2027: pipeline and targets agreed.\n',
    ),
  });
  await evidence.getByRole('link', { name: 'QBR notes.txt' }).waitFor();
  await accessible(page, 'evidence files of an obligation');
  await shoot(page, 'agreement-obligation-evidence', { fullPage: true });
  await section.getByRole('button', { name: 'Close evidence files' }).click();

  // Waived with a reason, then reopened.
  await act(w9, 'Send the signed W-9', 'Waive…');
  const waive = section.getByRole('form', { name: 'Waive: Send the signed W-9' });
  await waive.getByLabel('Why it is waived').fill('The partner is exempt this year');
  await waive.getByRole('button', { name: 'Waive' }).click();
  await w9.getByText('Waived: The partner is exempt this year').waitFor();
  await accessible(page, 'the obligations section');
  await shoot(page, 'agreement-obligations', { fullPage: true });
  await act(w9, 'Send the signed W-9', 'Reopen');
  await w9.getByText('Overdue').waitFor();

  const tasks = await (await j.send('get', '/api/v1/tasks')).json();
  expect(tasks.items).toMatchObject([
    {
      title: 'Quarterly business review',
      dueDate: '2027-01-31',
      link: { subjectType: 'agreement', subjectId: agreement.id },
    },
  ]);
  // Only the two refusals the journey asked for.
  expect(problems.filter((p) => !/obligations/.test(p))).toEqual([]);
  expect(problems.filter((p) => p.startsWith('HTTP'))).toEqual([
    expect.stringMatching(/^HTTP 422 POST .*\/obligations$/),
    expect.stringMatching(/^HTTP 409 POST .*\/tasks$/),
  ]);
});
