import { expect, test } from 'vitest';
import { accessible, heading, watchProblems } from './browser';
import { ada, journey, shoot } from './journey-kit';

const j = journey();

test('KPIs on a plan: added, measured in the grid by keyboard, on the dashboard and in the scorecard', async () => {
  await j.setUp();
  const partner = await (
    await j.send('post', '/api/v1/partners', {
      name: 'Northwind Traders',
      type: 'reseller',
      stage: 'active',
    })
  ).json();
  const workspace = await (await j.send('get', '/api/v1/workspace')).json();
  const year: string = workspace.currentPeriod.year;
  const plan = await (
    await j.send('post', '/api/v1/plans', { partnerId: partner.id, period: year })
  ).json();

  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/plans/${plan.id}`);
  await heading(page, /plan with Northwind Traders/);
  const kpis = page.getByRole('region', { name: 'KPIs' });
  await kpis.getByText('No KPIs yet.').waitFor();

  // A count KPI: the form refuses a fraction of a count before sending anything.
  await kpis.getByRole('button', { name: 'Add KPI' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a KPI' });
  await dialog.getByLabel('Name').fill('New customers');
  await dialog.getByLabel('Target (count)').fill('120.5');
  await dialog.getByRole('button', { name: 'Add KPI' }).click();
  await expect
    .poll(() => dialog.getByLabel('Target (count)').getAttribute('aria-invalid'))
    .toBe('true');
  // The field's error reads in both themes (it was too pale inside the dialog).
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await accessible(page, `KPI dialog with a field error (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByLabel('Target (count)').fill('120');
  await dialog.getByRole('button', { name: 'Add KPI' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // A quarterly percent KPI, its latest value the quarter's, typed as 30 and 20 percent.
  await kpis.getByRole('button', { name: 'Add KPI' }).click();
  await dialog.getByLabel('Name').fill('Win rate');
  await page.getByRole('combobox', { name: 'Unit', exact: true }).click();
  await page.getByRole('option', { name: 'Percent' }).click();
  await dialog.getByLabel('Target (%)').fill('30');
  await dialog.getByLabel('Baseline (%)').fill('20');
  await page.getByRole('combobox', { name: 'Measured', exact: true }).click();
  await page.getByRole('option', { name: 'Quarterly' }).click();
  await page.getByRole('combobox', { name: 'The period’s value is the', exact: true }).click();
  await page.getByRole('option', { name: 'Latest value' }).click();
  await dialog.getByRole('button', { name: 'Add KPI' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await kpis.getByRole('row').filter({ hasText: 'Win rate' }).first().waitFor();
  await expect
    .poll(() => kpis.getByRole('row').filter({ hasText: 'Win rate' }).first().textContent())
    .toContain('30 %');

  // The first quarter's values, keyboard only: typing edits, Enter keeps, arrows move.
  const grid = page.getByRole('grid', { name: 'Values' });
  await grid.getByRole('gridcell').first().focus();
  for (const value of ['30', '35', '40']) {
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
  }
  // Down from the fourth month lands on the second quarter; left goes back to the first.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('22.5');
  await page.keyboard.press('Enter');
  // Escape throws away an edit.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('99');
  await page.keyboard.press('Escape');
  await expect
    .poll(() => grid.getByRole('gridcell', { name: /^Win rate, Q2/ }).getAttribute('aria-label'))
    .toMatch(/no value$/);
  await page.getByText('4 unsaved changes').waitFor();
  await accessible(page, 'plan page with unsaved values');
  await page.getByRole('button', { name: 'Save values' }).click();
  await page.getByText('4 unsaved changes').waitFor({ state: 'detached' });

  const customers = kpis.getByRole('row').filter({ hasText: 'New customers' }).first();
  await expect.poll(() => customers.textContent()).toContain('105');
  expect(await customers.textContent()).toMatch(/88 %/);
  expect(await customers.textContent()).toMatch(/On track|At risk|Off track/);
  const winRate = kpis.getByRole('row').filter({ hasText: 'Win rate' }).first();
  expect(await winRate.textContent()).toContain('22.5 %');
  await accessible(page, 'plan page with KPIs and values');
  await shoot(page, 'plan-kpis', { fullPage: true });

  // An import with a faulty row writes nothing and names the row and column; fixed, it previews
  // what it would change, then writes all rows.
  const sheet = (text: string) => ({
    name: 'values.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  });
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles(
    sheet(`kpi,period,value\nNew customers,${year}-M04,45\nWin rate,${year}-Q2,lots\n`),
  );
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('cell', { name: 'Row 3, value' }).waitFor();
  await fileInput.setInputFiles(
    sheet(`kpi,period,value\nNew customers,${year}-M04,45\nWin rate,${year}-Q2,25\n`),
  );
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByText('2 rows read').waitFor();
  await accessible(page, 'import preview');
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByText('Imported 2 values.').waitFor();
  await expect.poll(() => customers.textContent()).toContain('150');

  // The scorecard link answers a PDF.
  const scorecard = await kpis
    .getByRole('link', { name: 'Download scorecard (PDF)' })
    .getAttribute('href');
  const pdf = await j.send('get', scorecard ?? '');
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The scorecard by email, monthly, to a member: scheduled from the plan, listed on Reports.
  await kpis.getByRole('button', { name: 'Email on a schedule…' }).click();
  const schedule = page.getByRole('dialog', { name: 'Scheduled email' });
  await schedule
    .getByRole('heading', { name: 'Email the scorecard for Northwind Traders' })
    .waitFor();
  await schedule.getByRole('combobox', { name: 'Cadence', exact: true }).click();
  await page.getByRole('option', { name: 'Monthly' }).click();
  await schedule.getByRole('combobox', { name: 'Members', exact: true }).click();
  await page.getByRole('option', { name: `${ada.name} (${ada.email})` }).click();
  await page.keyboard.press('Escape');
  await accessible(page, 'schedule the scorecard');
  await schedule.getByRole('button', { name: 'Schedule' }).click();
  await page.getByText('Report scheduled.').waitFor();
  const subscriptions = await j.send('get', '/api/v1/report-subscriptions');
  expect(
    (await subscriptions.json()).items.map(
      (s: { kind: string; cadence: string; planId: string }) => [s.kind, s.cadence, s.planId],
    ),
  ).toEqual([['scorecard', 'monthly', plan.id]]);

  // The partner's scorecard: each KPI's chart with its summary and table, its latest values.
  await page.goto(`${j.server.url}/partners/${partner.id}?tab=scorecard`);
  await heading(page, 'Northwind Traders');
  const card = page.getByRole('article', { name: 'New customers' });
  const chart = card.getByRole('img', { name: 'Chart of New customers by period' });
  await chart.locator('svg').first().waitFor();
  const summaryId = await chart.getAttribute('aria-describedby');
  const summary = await page.locator(`[id="${summaryId}"]`).textContent();
  expect(summary).toMatch(
    /^New customers: (On track|At risk|Off track), \d+ % of the target of 120\./,
  );
  expect(summary).toContain('Values in 4 of 12 periods');
  const table = card.getByRole('table', { name: 'New customers by period' });
  expect(await table.getByRole('row').count()).toBe(13);
  expect(await table.getByRole('row').nth(4).textContent()).toContain('150');
  const latest = card.getByRole('table', { name: 'Latest values of New customers' });
  expect(await latest.getByRole('row').nth(1).textContent()).toMatch(/^Apr \d{4}45/);
  expect(
    await page
      .getByRole('article', { name: 'Win rate' })
      .getByRole('table', { name: 'Win rate by period' })
      .getByRole('row')
      .count(),
  ).toBe(5);
  const scorecardPdf = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
  expect(scorecardPdf).toBe(`/api/v1/plans/${plan.id}/scorecard`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await accessible(page, `partner scorecard (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, 'scorecard', { fullPage: true });

  // Agreed and active, the plan's KPIs count on the dashboard.
  let etag = `"${(await (await j.send('get', `/api/v1/plans/${plan.id}`)).json()).version}"`;
  for (const move of [
    { to: 'proposed' },
    { to: 'agreed', agreedBy: 'Carla Diaz', agreedOn: new Date().toISOString().slice(0, 10) },
    { to: 'active' },
  ]) {
    const moved = await j.send('post', `/api/v1/plans/${plan.id}/transitions`, move, {
      'if-match': etag,
    });
    etag = moved.headers().etag ?? `"${(await moved.json()).version}"`;
  }
  await page.goto(`${j.server.url}/dashboard`);
  await heading(page, 'Dashboard');
  await page
    .getByText(/2 KPIs/)
    .first()
    .waitFor();
  const report = page.getByRole('link', { name: 'Download report (PDF)' });
  const reportPdf = await j.send('get', (await report.getAttribute('href')) ?? '');
  expect(reportPdf.headers()['content-type']).toContain('application/pdf');
  await accessible(page, 'dashboard with KPIs');

  // Locked, the plan says why KPIs cannot change, and the values stay editable.
  await page.goto(`${j.server.url}/plans/${plan.id}`);
  await page.getByText(/KPIs are added and changed only while/).waitFor();
  expect(await kpis.getByRole('button', { name: 'Add KPI' }).count()).toBe(0);
  await grid.waitFor();
  // The faulty sheet's 422 is the one expected failure.
  expect(problems.filter((problem) => !problem.includes('import?dryRun=true'))).toEqual([]);
  expect(problems).toHaveLength(2);
});
