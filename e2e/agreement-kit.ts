import type { Journey } from './journey-kit';

/** Nora North's address: the contact who signs for Northwind Traders. */
export const noraEmail = 'nora@northwind.test';

/**
 * Northwind Traders and an agreement with it drafted to be signed: one version of `body`, Ada
 * signing for us as CEO and Nora, its contact, for them. `sendForSignature` sends it.
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
  /** The agreement's current version as an If-Match header. */
  const etag = async () => ({
    'if-match': `"${(await (await j.send('get', url)).json()).version}"`,
  });
  await j.send('post', `${url}/versions`, { body }, await etag());
  const me = (await (await j.send('get', '/api/v1/members')).json()).items[0];
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'us', memberId: me.id, role: 'CEO' },
    await etag(),
  );
  await j.send(
    'post',
    `${url}/signers`,
    { side: 'partner', contactId: contact.id, role: 'Managing director' },
    await etag(),
  );
  /** Waives its compliance requirements and moves it through negotiation to pending signature. */
  const sendForSignature = async () => {
    for (const entry of (await (await j.send('get', `${url}/requirements`)).json()).items)
      await j.send(
        'patch',
        `${url}/requirements/${entry.id}`,
        { status: 'waived', reason: 'Covered by the master agreement' },
        { 'if-match': `"${entry.version}"` },
      );
    for (const to of ['in_negotiation', 'pending_signature'])
      await j.send('post', `${url}/transitions`, { to }, await etag());
  };
  return { partner, contact, agreement, url, me, sendForSignature };
}
