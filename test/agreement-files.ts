import { expect } from 'vitest';
import { type SeededWorkspace, signIn } from './factories';
import { samplePdf, samplePng } from './file-samples';
import { request, type TestApp } from './harness';
import { multipart } from './multipart';

/** A file the app serves: where to download it, with which key, and the bytes it must send. */
export type Download = { url: string; key: string; bytes: Buffer };

type Send = Parameters<typeof request>[1];

/**
 * Gives a workspace an agreement signed by both sides, with files on its version and an
 * obligation's evidence, and its signed PDF; answers every file it can download.
 */
export async function seedAgreementFiles(t: TestApp, ws: SeededWorkspace): Promise<Download[]> {
  const key = ws.members.manager.key;
  let etag = '"1"';
  const ok = async (options: Send, status = 200) => {
    const res = await request(t.app, { key, ...options });
    expect(res.statusCode, res.body).toBe(status);
    if (res.headers.etag) etag = String(res.headers.etag);
    return res;
  };
  const partnerId = ws.partners[0];
  const contact = (
    await ok(
      {
        method: 'POST',
        url: '/api/v1/contacts',
        payload: { partnerId, firstName: 'Pat', lastName: 'Signer', email: 'pat@partner.test' },
      },
      201,
    )
  ).json();
  const made = async (title: string) => {
    const res = await ok(
      {
        method: 'POST',
        url: '/api/v1/agreements',
        payload: { partnerId, type: 'reseller', title },
      },
      201,
    );
    const url = `/api/v1/agreements/${res.json().id}`;
    await ok(
      {
        method: 'POST',
        url: `${url}/versions`,
        headers: { 'if-match': '"1"' },
        payload: { body: '# Terms\n\nSell.' },
      },
      201,
    );
    return url;
  };
  const files: Download[] = [];
  const attach = async (url: string, path: string, name: string, bytes: Buffer) => {
    const res = await ok({ method: 'POST', url: `${url}/${path}`, ...multipart(name, bytes) }, 201);
    files.push({ url: `${url}/attachments/${res.json().id}`, key, bytes });
  };
  // Files on a version of a draft (a signed version's files would be in its hash and PDF).
  const draft = await made('Reseller 2028');
  await attach(draft, 'versions/1/attachments', 'Price list.pdf', samplePdf());
  await attach(draft, 'versions/1/attachments', 'Diagram.png', samplePng());
  await attach(draft, 'versions/1/attachments', 'Notes.txt', Buffer.from(`Notes of ${ws.name}\n`));

  const url = await made('Reseller 2027');
  const obligation = (
    await ok(
      {
        method: 'POST',
        url: `${url}/obligations`,
        payload: { description: 'Monthly report', party: 'partner', dueOn: '2027-01-31' },
      },
      201,
    )
  ).json();
  await attach(url, `obligations/${obligation.id}/attachments`, 'Report.pdf', samplePdf());
  etag = `"${(await ok({ method: 'GET', url })).json().version}"`;
  const step = (options: Send, status = 200) =>
    ok({ ...options, headers: { 'if-match': etag, ...options.headers } }, status);

  const signer = ws.members.member;
  await step({
    method: 'POST',
    url: `${url}/signers`,
    payload: { side: 'us', memberId: signer.memberId, role: 'COO' },
  });
  await step({
    method: 'POST',
    url: `${url}/signers`,
    payload: { side: 'partner', contactId: contact.id, role: 'CEO' },
  });
  await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'in_negotiation' } });
  await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'pending_signature' } });
  const signing = (await ok({ method: 'GET', url: `${url}/signing` })).json();
  const side = (s: string) => signing.signers.find((x: { side: string }) => x.side === s);
  const sign = { sha256: signing.version.sha256, authorityConfirmed: true };
  await ok(
    {
      method: 'POST',
      url: `${url}/signers/${side('us').id}/signature`,
      key: undefined,
      cookie: await signIn(t.app, signer.email),
      payload: { ...sign, typedName: side('us').name },
    },
    201,
  );
  const link = await ok(
    { method: 'POST', url: `${url}/signers/${side('partner').id}/signing-link`, payload: {} },
    201,
  );
  const token = String(link.json().signingUrl).split('#token=')[1];
  await ok(
    {
      method: 'POST',
      url: '/api/v1/signing/signature',
      key: undefined,
      payload: { token, ...sign, typedName: 'Pat Signer' },
    },
    201,
  );
  const pdf = await ok({ method: 'GET', url: `${url}/signed.pdf` });
  files.push({ url: `${url}/signed.pdf`, key, bytes: pdf.rawPayload });
  return files;
}
