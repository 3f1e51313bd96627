import { expect, test } from 'vitest';
import { agreementToSign, noraEmail, sendForSignature } from './agreement-kit';
import { accessible, watchProblems } from './browser';
import { journey, shoot } from './journey-kit';

const j = journey();

const nora = { name: 'Nora North', email: noraEmail, password: 'staple battery horse' };

test('a partner user reads the agreement sent to them in the portal, signs it there, and gets the signed PDF', async () => {
  await j.setUp();
  const { partner, agreement, url } = await agreementToSign(
    j,
    { title: 'Reseller agreement 2027', effectiveOn: '2027-01-01', endOn: '2027-12-31' },
    '# Terms\n\nThe reseller shall report **monthly**.',
  );
  const draft = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'nda',
    title: 'Mutual NDA, still a draft',
  });
  await sendForSignature(j, url);
  // Our side signs first, in the app.
  const signing = await (await j.send('get', `${url}/signing`)).json();
  const ours = signing.signers.find((s: { side: string }) => s.side === 'us');
  await j.post(`${url}/signers/${ours.id}/signature`, {
    sha256: signing.version.sha256,
    typedName: 'Ada Admin',
    authorityConfirmed: true,
  });

  // Nora, the partner's signer, joins the portal with the address the agreement knows her by.
  const invitation = await j.post('/api/v1/invitations', {
    email: nora.email,
    role: 'partner_admin',
    partnerId: partner.id,
  });
  const theirs = await j.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await theirs.newPage();
  const problems = watchProblems(page);
  await page.goto(invitation.inviteUrl);
  await page.getByLabel('Your name').fill(nora.name);
  await page.getByLabel(/^Password/).fill(nora.password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Partner portal' }).waitFor();

  // The list holds what was sent for signature, never the draft.
  await page.getByRole('tab', { name: 'Agreements (1 to sign)' }).click();
  await page.getByRole('button', { name: 'Reseller agreement 2027' }).waitFor();
  await page.getByText('Awaiting your signature').waitFor();
  expect(await page.getByText(draft.title).count()).toBe(0);
  await accessible(page, 'portal agreements list');
  await shoot(page, 'portal-agreements');

  // The frozen text, who signs, and the Sign card for her alone.
  await page.getByRole('button', { name: 'Reseller agreement 2027' }).click();
  await page.getByText('The reseller shall report').waitFor();
  await page.getByText(signing.version.sha256).waitFor();
  const card = page.getByRole('region', { name: 'Sign this agreement' });
  await card.waitFor();
  await accessible(page, 'portal agreement awaiting her signature');
  await shoot(page, 'portal-agreement-to-sign', { fullPage: true });

  // A name that is not hers is refused and nothing is signed; her own name signs.
  await card.getByRole('checkbox', { name: /authorised to sign/ }).check();
  await card.getByLabel(/Type your name/).fill('Someone Else');
  await card.getByRole('button', { name: 'Sign' }).click();
  await card.getByText('Not signed').waitFor();
  expect((await (await j.send('get', `${url}/signing`)).json()).complete).toBe(false);
  await card.getByLabel(/Type your name/).fill(nora.name);
  await card.getByRole('button', { name: 'Sign' }).click();
  await page.getByRole('link', { name: 'Download the signed PDF' }).waitFor();
  // Nothing waits for her any more: the tab no longer counts it.
  await page.getByRole('tab', { name: 'Agreements', exact: true }).waitFor();
  await page.getByText('Active', { exact: true }).waitFor();
  expect(await page.getByRole('region', { name: 'Sign this agreement' }).count()).toBe(0);
  await accessible(page, 'portal agreement signed');
  await shoot(page, 'portal-agreement-signed', { fullPage: true });

  // Every signer has signed: the agreement is in force, the PDF downloads, and it says so.
  const after = await (await j.send('get', `${url}/signing`)).json();
  expect(after).toMatchObject({ status: 'active', complete: true, signedPdf: true });
  const partnerSigner = after.signers.find((s: { side: string }) => s.side === 'partner');
  expect(partnerSigner.signature).toMatchObject({ typedName: nora.name, channel: 'portal' });
  const pdf = await page.request.get(
    `${j.server.url}/api/v1/portal/agreements/${agreement.id}/signed.pdf`,
  );
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // What she was shown is in the partner's disclosure log.
  const log = await (await j.send('get', `/api/v1/disclosures?recordId=${agreement.id}`)).json();
  expect(log.items.length).toBeGreaterThan(0);
  expect(log.items[0]).toMatchObject({ partnerId: partner.id, personEmail: nora.email });
  // The one refusal is the wrong name, answered 422 and shown; nothing else failed.
  expect(problems.filter((p) => !p.includes('/signature'))).toEqual([]);
  expect(problems.filter((p) => p.startsWith('HTTP'))).toEqual([
    expect.stringMatching(/^HTTP 422 POST .*\/signature$/),
  ]);
  await theirs.close();
});
