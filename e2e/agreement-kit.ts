import type { Journey } from './journey-kit';

/** Nora North's address: the contact who signs for Northwind Traders. */
export const noraEmail = 'nora@northwind.test';

/** The agreement's current version as an If-Match header. */
async function ifMatch(j: Journey, url: string) {
  return { 'if-match': `"${(await (await j.send('get', url)).json()).version}"` };
}

/** A member signs for us as CEO, a contact of the partner for them as managing director. */
export async function addSigners(j: Journey, url: string, memberId: string, contactId: string) {
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'us', memberId, role: 'CEO' },
    await ifMatch(j, url),
  );
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'partner', contactId, role: 'Managing director' },
    await ifMatch(j, url),
  );
}

/** Waives the agreement's compliance requirements and moves it through negotiation to signing. */
export async function sendForSignature(
  j: Journey,
  url: string,
  waivedBecause = 'Covered by the master agreement',
) {
  for (const entry of (await (await j.send('get', `${url}/requirements`)).json()).items)
    await j.send(
      'patch',
      `${url}/requirements/${entry.id}`,
      { status: 'waived', reason: waivedBecause },
      { 'if-match': `"${entry.version}"` },
    );
  for (const to of ['in_negotiation', 'pending_signature'])
    await j.send('post', `${url}/transitions`, { to }, await ifMatch(j, url));
}

/**
 * Northwind Traders and an agreement with it drafted to be signed: one version of `body`, Ada
 * signing for us and Nora, its contact, for them. `sendForSignature` sends it.
 */
export async function agreementToSign(j: Journey, terms: Record<string, unknown>, body: string) {
  const partner = await j.post('/api/v1/partners', { name: 'Northwind Traders', stage: 'active' });
  const contact = await j.post('/api/v1/contacts', {
    partnerId: partner.id,
    firstName: 'Nora',
    lastName: 'North',
    email: noraEmail,
  });
  const agreement = await j.post('/api/v1/agreements', {
    partnerId: partner.id,
    type: 'reseller',
    ...terms,
  });
  const url = `/api/v1/agreements/${agreement.id}`;
  await j.send('post', `${url}/versions`, { body }, await ifMatch(j, url));
  const me = (await (await j.send('get', '/api/v1/members')).json()).items[0];
  await addSigners(j, url, me.id, contact.id);
  return { partner, contact, agreement, url, me };
}
