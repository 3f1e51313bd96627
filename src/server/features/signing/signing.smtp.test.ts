import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../../../../test/harness';
import { startSmtpServer } from '../../../../test/smtp';
import type { JobQueue } from '../../jobs/queue';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

async function ok(options: Parameters<typeof request>[1], status = 200) {
  const res = await request(t.app, { key: world.a.members.manager.key, ...options });
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
  await (t.ctx.jobs as JobQueue).startWork();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('signing links by mail', () => {
  it('mails the partner signer a plain-text link whose token is nowhere in the queue', async () => {
    const partnerId = world.a.partners[0];
    const contact = (
      await ok(
        {
          method: 'POST',
          url: '/api/v1/contacts',
          payload: { partnerId, firstName: 'Ann', lastName: 'Other', email: 'ann@partner.test' },
        },
        201,
      )
    ).json();
    const created = (
      await ok(
        {
          method: 'POST',
          url: '/api/v1/agreements',
          payload: { partnerId, type: 'nda', title: 'NDA <b>bold</b>' },
        },
        201,
      )
    ).json();
    const url = `/api/v1/agreements/${created.id}`;
    let etag = '"1"';
    for (const [path, payload] of [
      ['versions', { body: 'Keep it secret.' }],
      ['signers', { side: 'partner', contactId: contact.id, role: 'CEO' }],
      ['transitions', { to: 'in_negotiation' }],
      ['transitions', { to: 'pending_signature' }],
    ] as const) {
      const res = await ok(
        { method: 'POST', url: `${url}/${path}`, headers: { 'if-match': etag }, payload },
        path === 'versions' ? 201 : 200,
      );
      etag =
        path === 'versions'
          ? `"${(await ok({ method: 'GET', url })).json().version}"`
          : String(res.headers.etag);
    }
    const signerId = (await ok({ method: 'GET', url: `${url}/signing` })).json().signers[0].id;
    const arriving = smtp.next();
    const sent = (
      await ok({ method: 'POST', url: `${url}/signers/${signerId}/signing-link`, payload: {} }, 201)
    ).json();
    expect(sent).toMatchObject({ email: 'ann@partner.test', mailed: true });
    expect(sent.signingUrl).toBeUndefined();
    const mail = await arriving;
    expect(mail.to).toEqual(['ann@partner.test']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.html).toBe(false);
    expect(parsed.subject).toBe('Please sign: NDA <b>bold</b>');
    const link = /(\S+\/sign#token=(\S+))/.exec(parsed.text ?? '');
    expect(link?.[1]?.startsWith(`${PUBLIC_URL}/sign#token=`)).toBe(true);
    const token = link?.[2] ?? '';
    const jobs = await t.database.sql('SELECT data FROM pgboss.job');
    expect(JSON.stringify(jobs.rows)).not.toContain(token);
    const view = await request(t.app, {
      method: 'POST',
      url: '/api/v1/signing/view',
      payload: { token },
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ signer: { name: 'Ann Other', role: 'CEO' } });
  });
});
