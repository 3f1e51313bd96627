import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import { sampleExe, samplePdf, samplePng } from '../../../../test/file-samples';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { multipart } from '../../../../test/multipart';
import { defaultFileLimits } from '../../config';
import { versionHash } from '../../documents/version-hash';

let t: TestApp;
let world: World;
let agreementId: string;
let agreementUrl: string;

const key = () => world.a.members.manager.key;
const upload = (url: string, name: string, bytes: Buffer, contentType?: string) =>
  request(t.app, { method: 'POST', url, key: key(), ...multipart(name, bytes, { contentType }) });

/** Every file in the files folder, temporary ones included. */
const filesOnDisk = () =>
  readdirSync(t.ctx.config.filesDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();

/** A refused upload: the status and code, and neither a row nor a file more than before. */
async function refusedUpload(
  status: number,
  code: string,
  url: string,
  name: string,
  bytes: Buffer,
  contentType?: string,
) {
  const before = filesOnDisk();
  const res = await expectDenied(t, status, {
    method: 'POST',
    url,
    key: key(),
    ...multipart(name, bytes, { contentType }),
  });
  expect(res.json(), name).toMatchObject({ code });
  expect(filesOnDisk()).toEqual(before);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ fileLimits: { ...defaultFileLimits, txt: 1024 } });
  world = await seedWorld(t.database);
  const made = await request(t.app, {
    method: 'POST',
    url: '/api/v1/agreements',
    key: key(),
    payload: { partnerId: world.a.partners[0], type: 'reseller', title: 'Reseller 2027' },
  });
  agreementId = made.json().id;
  agreementUrl = `/api/v1/agreements/${agreementId}`;
  await request(t.app, {
    method: 'POST',
    url: `${agreementUrl}/versions`,
    key: key(),
    headers: { 'if-match': '"1"' },
    payload: { body: 'The reseller sells.' },
  });
});
afterAll(() => t.close());

describe('files on a version', () => {
  it('are uploaded, listed, downloaded as attachments with their stored type, and removed', async () => {
    const url = `${agreementUrl}/versions/1/attachments`;
    const pdf = samplePdf();
    const res = await upload(url, 'Price list – 2027.pdf', pdf);
    expect(res.statusCode).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({
      agreementId,
      subjectType: 'agreement_version',
      fileName: 'Price list – 2027.pdf',
      kind: 'pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      uploadedByName: expect.any(String),
    });
    expect(res.headers.location).toBe(`${agreementUrl}/attachments/${attachment.id}`);

    const list = await request(t.app, { method: 'GET', url, key: key() });
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([attachment.id]);

    const download = await request(t.app, {
      method: 'GET',
      url: `${agreementUrl}/attachments/${attachment.id}`,
      key: world.a.members.viewer.key,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Price list _ 2027.pdf"; filename*=UTF-8''Price%20list%20%E2%80%93%202027.pdf`,
    );

    const audit = await t.database.sql(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at',
      [attachment.id],
    );
    expect(audit.rows).toEqual([{ action: 'attachment.added' }]);

    const removed = await request(t.app, {
      method: 'DELETE',
      url: `${agreementUrl}/attachments/${attachment.id}`,
      key: key(),
    });
    expect(removed.statusCode).toBe(204);
    expect(filesOnDisk()).toEqual([]);
    const gone = await request(t.app, {
      method: 'GET',
      url: `${agreementUrl}/attachments/${attachment.id}`,
      key: key(),
    });
    expect(gone.statusCode).toBe(404);
    const after = await t.database.sql(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at',
      [attachment.id],
    );
    expect(after.rows).toEqual([{ action: 'attachment.added' }, { action: 'attachment.removed' }]);
  });

  it('take the type from the content: a PNG that claims to be a PDF is stored as a PNG', async () => {
    const res = await upload(
      `${agreementUrl}/versions/1/attachments`,
      'diagram',
      samplePng(),
      'application/pdf',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'png', mediaType: 'image/png' });
    const download = await request(t.app, {
      method: 'GET',
      url: `${agreementUrl}/attachments/${res.json().id}`,
      key: key(),
    });
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('filename="diagram.png"');
    await request(t.app, {
      method: 'DELETE',
      url: `${agreementUrl}/attachments/${res.json().id}`,
      key: key(),
    });
  });

  it('refuse lying, unsafe or oversized files and bad names, storing nothing', async () => {
    const url = `${agreementUrl}/versions/1/attachments`;
    await refusedUpload(415, 'unsupported_file_type', url, 'invoice.pdf', sampleExe());
    await refusedUpload(415, 'file_type_mismatch', url, 'photo.png', samplePdf());
    await refusedUpload(422, 'invalid_file_name', url, '../../etc/passwd.txt', Buffer.from('x'));
    await refusedUpload(422, 'invalid_file_name', url, 'a\u0001b.txt', Buffer.from('x'));
    await refusedUpload(413, 'file_too_large', url, 'big.txt', Buffer.alloc(2048, 'a'));
    // Over the largest limit of any kind: cut off while it is read.
    await refusedUpload(413, 'file_too_large', url, 'huge.pdf', Buffer.alloc(26 * 1024 * 1024));
    await refusedUpload(422, 'empty_file', url, 'empty.txt', Buffer.alloc(0));
    const json = await expectDenied(t, 415, {
      method: 'POST',
      url,
      key: key(),
      payload: { file: 'x' },
    });
    expect(json.json()).toMatchObject({ code: 'unsupported_media_type' });
    const other = await expectDenied(t, 422, {
      method: 'POST',
      url,
      key: key(),
      ...multipart('a.txt', Buffer.from('x'), { field: 'document' }),
    });
    expect(other.json()).toMatchObject({ code: 'file_required' });
  });

  it('freeze with the version: its hash covers them, and none can be added or removed after', async () => {
    const url = `${agreementUrl}/versions/1/attachments`;
    const kept = (await upload(url, 'schedule.txt', Buffer.from('Schedule A\n'))).json();
    const move = (to: string, version: number) =>
      request(t.app, {
        method: 'POST',
        url: `${agreementUrl}/transitions`,
        key: key(),
        headers: { 'if-match': `"${version}"` },
        payload: { to },
      });
    const current = (await request(t.app, { method: 'GET', url: agreementUrl, key: key() })).json();
    expect((await move('in_negotiation', current.version)).statusCode).toBe(200);
    expect((await move('pending_signature', current.version + 1)).statusCode).toBe(200);
    const version = (
      await request(t.app, { method: 'GET', url: `${agreementUrl}/versions/1`, key: key() })
    ).json();
    expect(version.sha256).toBe(
      versionHash({
        body: 'The reseller sells.',
        files: [{ fileName: 'schedule.txt', size: 11, sha256: kept.sha256 }],
      }),
    );
    expect(version.sha256).not.toBe(
      createHash('sha256').update('The reseller sells.').digest('hex'),
    );
    await refusedUpload(409, 'version_frozen', url, 'late.txt', Buffer.from('late'));
    await expectDenied(t, 409, {
      method: 'DELETE',
      url: `${agreementUrl}/attachments/${kept.id}`,
      key: key(),
    });
  });
});

describe('files on an obligation', () => {
  it('are its evidence: uploaded, listed and downloaded', async () => {
    const obligation = await request(t.app, {
      method: 'POST',
      url: `${agreementUrl}/obligations`,
      key: key(),
      payload: { description: 'Quarterly report', party: 'partner', dueOn: '2027-03-31' },
    });
    expect(obligation.statusCode).toBe(201);
    const url = `${agreementUrl}/obligations/${obligation.json().id}/attachments`;
    const res = await upload(url, 'Q1 report.pdf', samplePdf());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      subjectType: 'obligation',
      subjectId: obligation.json().id,
    });
    const list = await request(t.app, { method: 'GET', url, key: world.a.members.viewer.key });
    expect(list.json().items).toHaveLength(1);
  });
});

describe('files go with their record', () => {
  it('when an obligation or a draft agreement is deleted; a refused delete keeps them', async () => {
    const made = await request(t.app, {
      method: 'POST',
      url: '/api/v1/agreements',
      key: key(),
      payload: { partnerId: world.a.partners[0], type: 'nda', title: 'NDA made by mistake' },
    });
    const url = `/api/v1/agreements/${made.json().id}`;
    await request(t.app, {
      method: 'POST',
      url: `${url}/versions`,
      key: key(),
      headers: { 'if-match': '"1"' },
      payload: { body: 'Nothing is disclosed.' },
    });
    const obligation = await request(t.app, {
      method: 'POST',
      url: `${url}/obligations`,
      key: key(),
      payload: { description: 'Return the papers', party: 'us', dueOn: '2027-06-30' },
    });
    const before = filesOnDisk();
    const onVersion = await upload(`${url}/versions/1/attachments`, 'draft.txt', Buffer.from('a'));
    const onObligation = await upload(
      `${url}/obligations/${obligation.json().id}/attachments`,
      'receipt.txt',
      Buffer.from('b'),
    );
    expect([onVersion.statusCode, onObligation.statusCode]).toEqual([201, 201]);
    const withBoth = filesOnDisk();
    expect(withBoth).toHaveLength(before.length + 2);

    const etag = async (path: string) =>
      (await request(t.app, { method: 'GET', url: path, key: key() })).headers.etag as string;
    // Refused: another workspace, then a stale If-Match; rows and files stay.
    for (const target of [url, `${url}/obligations/${obligation.json().id}`]) {
      await expectDenied(t, 404, {
        method: 'DELETE',
        url: target,
        key: world.b.members.admin.key,
        headers: { 'if-match': await etag(target) },
      });
      await expectDenied(t, 412, {
        method: 'DELETE',
        url: target,
        key: key(),
        headers: { 'if-match': '"99"' },
      });
      expect(filesOnDisk()).toEqual(withBoth);
    }

    const obligationUrl = `${url}/obligations/${obligation.json().id}`;
    const gone = await request(t.app, {
      method: 'DELETE',
      url: obligationUrl,
      key: key(),
      headers: { 'if-match': await etag(obligationUrl) },
    });
    expect(gone.statusCode).toBe(204);
    expect(filesOnDisk()).toHaveLength(before.length + 1);
    const deleted = await request(t.app, {
      method: 'DELETE',
      url,
      key: key(),
      headers: { 'if-match': await etag(url) },
    });
    expect(deleted.statusCode).toBe(204);
    expect(filesOnDisk()).toEqual(before);
  });
});

describe('access', () => {
  it('another workspace, a partner user and a viewer change nothing and see nothing they may not', async () => {
    const url = `${agreementUrl}/versions/1/attachments`;
    const listed = (await request(t.app, { method: 'GET', url, key: key() })).json().items;
    const id = listed[0].id as string;
    const stranger = world.b.members.admin.key;
    const partnerUser = await seedPartnerUser(
      t.database,
      world.a,
      world.a.partners[0],
      'partner_admin',
    );
    const portal = await signIn(t.app, partnerUser.email);
    const strangers = [{ key: stranger }, { cookie: portal }];
    for (const auth of strangers) {
      for (const options of [
        { method: 'GET', url },
        { method: 'GET', url: `${agreementUrl}/attachments/${id}` },
        { method: 'DELETE', url: `${agreementUrl}/attachments/${id}` },
        { method: 'POST', url, ...multipart('x.txt', Buffer.from('x')) },
      ]) {
        const before = filesOnDisk();
        const res = await request(t.app, { ...options, ...auth } as Parameters<typeof request>[1]);
        expect([403, 404], `${options.method} ${options.url}`).toContain(res.statusCode);
        await expectDenied(t, res.statusCode, { ...options, ...auth } as Parameters<
          typeof request
        >[1]);
        expect(filesOnDisk()).toEqual(before);
      }
    }
    // A member of another partner's agreement cannot reach this one's files through it.
    const other = await request(t.app, {
      method: 'POST',
      url: '/api/v1/agreements',
      key: key(),
      payload: { partnerId: world.a.partners[1], type: 'nda', title: 'Other NDA' },
    });
    await expectDenied(t, 404, {
      method: 'GET',
      url: `/api/v1/agreements/${other.json().id}/attachments/${id}`,
      key: key(),
    });
    await expectDenied(t, 403, {
      method: 'POST',
      url: `${agreementUrl}/obligations/${listed[0].subjectId}/attachments`,
      key: world.a.members.viewer.key,
      ...multipart('x.txt', Buffer.from('x')),
    });
  });
});
