import { expect, test } from 'vitest';
import { poppler } from '../test/poppler';
import { accessible, watchProblems } from './browser';
import { ada, journey, shoot } from './journey-kit';

const j = journey();

test('an agreement signed by both sides: our signer in the app, the partner’s by link, then the signed PDF', async () => {
  await j.setUp();
  const partner = await j.post('/api/v1/partners', { name: 'Northwind', stage: 'active' });
  const contact = await j.post('/api/v1/contacts', {
    partnerId: partner.id,
    firstName: 'Nora',
    lastName: 'North',
    email: 'nora@northwind.test',
  });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'reseller',
    title: 'Reseller agreement',
  });
  const url = `/api/v1/agreements/${agreement.id}`;
  const page = await j.context.newPage();
  const problems = watchProblems(page);
  // Versions and a redline, as the versions journey writes them.
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
  await page
    .getByRole('region', { name: 'Compare versions' })
    .locator('ins', { hasText: '45' })
    .waitFor();
  // Signers for both sides, then sent for signature.
  const me = (await (await j.send('get', '/api/v1/members')).json()).items.find(
    (m: { email: string }) => m.email === ada.email,
  );
  const etagOf = async () => `"${(await (await j.send('get', url)).json()).version}"`;
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'us', memberId: me.id, role: 'CEO' },
    { 'if-match': await etagOf() },
  );
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'partner', contactId: contact.id, role: 'Managing director' },
    { 'if-match': await etagOf() },
  );
  // The workspace's default checklist asks for an NDA first: waived here, with a reason.
  for (const entry of (await (await j.send('get', `${url}/requirements`)).json()).items)
    await j.send(
      'patch',
      `${url}/requirements/${entry.id}`,
      { status: 'waived', reason: 'An NDA was signed on paper' },
      { 'if-match': `"${entry.version}"` },
    );
  for (const to of ['in_negotiation', 'pending_signature'])
    await j.send('post', `${url}/transitions`, { to }, { 'if-match': await etagOf() });
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
  expect(problems).toEqual([]);
});
