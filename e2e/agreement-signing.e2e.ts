import { expect, test } from 'vitest';
import { poppler } from '../test/poppler';
import { addSigners, sendForSignature } from './agreement-kit';
import { accessible, watchProblems } from './browser';
import { ada, journey, shoot } from './journey-kit';

const j = journey();

test('an agreement from a template, redlined, signed by both sides (ours in the app, theirs by link), then its signed PDF', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const contact = await j.post('/api/v1/contacts', {
    partnerId: partner.id,
    firstName: 'Nora',
    lastName: 'North',
    email: 'nora@northwind.test',
  });
  // A template of two clauses; the agreement starts from it, filled from the partner's record.
  const clauses = [
    { title: 'Parties', text: 'Between {{workspace.name}} and {{partner.name}}.' },
    { title: 'Payment', text: 'The partner shall pay within 30 days.' },
  ];
  const clauseIds: string[] = [];
  for (const clause of clauses)
    clauseIds.push((await j.post('/api/v1/clauses', { ...clause, category: 'General' })).id);
  await j.post('/api/v1/agreement-templates', {
    name: 'Reseller standard',
    agreementType: 'reseller',
    clauseIds,
  });
  const page = await j.context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${j.server.url}/agreements/new?partnerId=${partner.id}`);
  await page.getByRole('combobox', { name: 'Start from a template' }).click();
  await page.getByRole('option', { name: 'Reseller standard (Reseller)' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Reseller agreement');
  await page.getByRole('combobox', { name: 'Type', exact: true }).click();
  await page.getByRole('option', { name: 'Reseller', exact: true }).click();
  await page.getByRole('button', { name: 'Start agreement' }).click();
  await page.waitForURL(/\/agreements\/[0-9a-f-]{36}$/);
  const agreement = { id: new URL(page.url()).pathname.split('/').pop() ?? '' };
  const url = `/api/v1/agreements/${agreement.id}`;
  // Version 1 is the filled template; version 2 is the redline's other side.
  const versions = page.getByRole('region', { name: 'Versions' });
  await versions.getByRole('button', { name: 'New version' }).click();
  const text = versions.getByLabel('Text of version 2 (Markdown)');
  await expect.poll(() => text.inputValue()).toContain('Between Acme Partnerships and Northwind.');
  await text.fill(
    (await text.inputValue()).replace(
      'The partner shall pay within 30 days.',
      'The reseller shall pay within 45 days.',
    ),
  );
  await versions.getByRole('button', { name: 'Save text' }).click();
  await page
    .getByRole('region', { name: 'Compare versions' })
    .locator('ins', { hasText: '45' })
    .waitFor();
  // Signers for both sides, then sent for signature.
  const me = (await (await j.send('get', '/api/v1/members')).json()).items.find(
    (m: { email: string }) => m.email === ada.email,
  );
  await addSigners(j, url, me.id, contact.id);
  // The workspace's default checklist asks for an NDA first: waived here, with a reason.
  await sendForSignature(j, url, 'An NDA was signed on paper');
  await page.reload();
  const signatures = page.getByRole('region', { name: 'Signatures' });
  // The partner signer's link (no SMTP here: shown once to the sender).
  await signatures.getByRole('button', { name: 'Send signing link to Nora North' }).click();
  const link = ((await page.getByTestId('shown-once').textContent()) ?? '').trim();
  expect(link).toMatch(/\/sign#token=/);
  await signatures
    .getByRole('button', { name: 'Done' })
    .click()
    .catch(() => undefined);
  // Our signer signs in the app.
  await signatures.getByRole('button', { name: 'Sign', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('within 45 days').waitFor();
  await dialog.getByLabel('I confirm I am authorised to sign for Acme Partnerships').check();
  await dialog.getByLabel('Type your name to sign').fill(ada.name);
  await accessible(page, 'sign dialog');
  await shoot(page, 'agreement-sign-dialog');
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await signatures
    .getByText(/^Signed /)
    .first()
    .waitFor();
  // The partner signer opens the link in a browser of their own, with no session.
  const theirs = await j.context.browser()?.newContext({ viewport: { width: 1440, height: 900 } });
  if (!theirs) throw new Error('no browser');
  const signerPage = await theirs.newPage();
  const signerProblems = watchProblems(signerPage);
  await signerPage.goto(link);
  await signerPage.getByText('within 45 days').waitFor();
  expect(await signerPage.content()).not.toContain(agreement.id);
  await accessible(signerPage, 'public signing page');
  await shoot(signerPage, 'agreement-signing-page', { fullPage: true });
  await signerPage.getByLabel('I confirm I am authorised to sign for Northwind').check();
  await signerPage.getByLabel('Type your name to sign').fill('Nora North');
  await signerPage.getByRole('button', { name: 'Sign', exact: true }).click();
  await signerPage.getByRole('status').getByText('You signed on').waitFor();
  expect(signerProblems).toEqual([]);
  await theirs.close();
  // Active, with the signed PDF to download.
  await page.reload();
  await page.getByText('Active', { exact: true }).first().waitFor();
  const download = signatures.getByRole('link', { name: 'Download signed PDF' });
  await download.waitFor();
  const pdf = await j.context.request.get(`${j.server.url}${await download.getAttribute('href')}`);
  expect(pdf.headers()['content-disposition']).toMatch(/^attachment;/);
  const report = poppler('pdfsig', await pdf.body());
  expect(report).toContain('Signature Validation: Signature is Valid.');
  await accessible(page, 'signed agreement');
  await shoot(page, 'agreement-signed', { fullPage: true });
  // What Nora was shown through her link is in the partner's disclosure log.
  await page.goto(`${j.server.url}/partners/${partner.id}?tab=disclosures`);
  const log = page.getByRole('region', { name: 'Disclosure log' });
  await log.getByText('A signing link').first().waitFor();
  await log
    .getByRole('link', { name: /^Agreement \(version \d+\)$/ })
    .first()
    .waitFor();
  await log.getByText('nora@northwind.test').first().waitFor();
  await accessible(page, 'disclosure log with signing-link rows');
  await shoot(page, 'partner-disclosures-signing-link');
  expect(problems).toEqual([]);
});
