import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, TEST_PASSWORD, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  PUBLIC_URL,
  request,
  type TestApp,
} from '../../../../test/harness';
import { startSmtpServer } from '../../../../test/smtp';
import type { JobQueue } from '../../jobs/queue';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

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

/** Quoted-printable mail bodies may wrap long lines with `=`; undo that before matching. */
function linkIn(raw: string, path: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = new RegExp(`(\\S*/${path}#token=[\\w-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in mail:\n${raw}`);
  return match[1];
}

function resetRequest(email: string, host?: string) {
  return request(t.app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset/request',
    headers: { origin: PUBLIC_URL, ...(host ? { host, 'x-forwarded-host': host } : {}) },
    payload: { email },
  });
}

function confirm(token: string, password: string) {
  return request(t.app, {
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    headers: { origin: PUBLIC_URL },
    payload: { token, password },
  });
}

describe('password reset', () => {
  it('mails a single-use link built from TANDEM_PUBLIC_URL, whatever the Host header says', async () => {
    const member = world.a.members.member;
    const oldSession = await signIn(t.app, member.email);
    const arriving = smtp.next();
    const res = await resetRequest(member.email.toUpperCase(), 'evil.example');
    expect(res.statusCode).toBe(202);
    const mail = await arriving;
    expect(mail.to).toEqual([member.email]);
    const link = linkIn(mail.raw, 'reset-password');
    expect(link.startsWith(`${PUBLIC_URL}/reset-password#token=`)).toBe(true);
    expect(mail.raw).not.toContain('evil.example');
    const token = link.split('#token=')[1] ?? '';
    const stored = await t.database.sql(
      "SELECT identifier FROM verifications WHERE identifier LIKE 'password-reset:%'",
    );
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const done = await confirm(token, 'my brand new password');
    expect(done.statusCode).toBe(204);
    // Every earlier session ends; the new password works, the old one does not.
    const old = await request(t.app, {
      method: 'GET',
      url: '/api/v1/auth/session',
      cookie: oldSession,
    });
    expect(old.statusCode).toBe(401);
    expect(await signIn(t.app, member.email, 'my brand new password')).toContain('tandem');
    const wrong = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: member.email, password: TEST_PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);

    const again = await confirm(token, 'another new password');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_token');
  });

  it('answers 202 for an unknown email and queues nothing', async () => {
    const before = await databaseSnapshot(t.database);
    const res = await resetRequest('nobody@example.test');
    expect(res.statusCode).toBe(202);
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('refuses an expired link', async () => {
    const viewer = world.b.members.viewer;
    const arriving = smtp.next();
    await resetRequest(viewer.email);
    const token = linkIn((await arriving).raw, 'reset-password').split('#token=')[1] ?? '';
    await t.database.sql(
      "UPDATE verifications SET expires_at = now() - interval '1 second' WHERE identifier LIKE 'password-reset:%'",
    );
    const res = await confirm(token, 'too late for this');
    expect(res.statusCode).toBe(400);
    expect(await signIn(t.app, viewer.email)).toContain('tandem');
  });

  it('lets an admin start a reset for a member: mailed, no link in the answer', async () => {
    const arriving = smtp.next();
    const res = await request(t.app, {
      method: 'POST',
      url: `/api/v1/members/${world.a.members.viewer.memberId}/password-reset`,
      key: world.a.members.admin.key,
    });
    expect(res.json()).toEqual({ resetUrl: null, mailed: true });
    const mail = await arriving;
    expect(mail.to).toEqual([world.a.members.viewer.email]);
    expect(linkIn(mail.raw, 'reset-password').startsWith(PUBLIC_URL)).toBe(true);
  });
});

describe('invitation mail', () => {
  it('mails the invitation (queued in the same transaction) instead of showing the link', async () => {
    const arriving = smtp.next();
    const res = await request(t.app, {
      method: 'POST',
      url: '/api/v1/invitations',
      key: world.a.members.admin.key,
      payload: { email: 'mailed@example.test', role: 'member' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailed).toBe(true);
    expect(res.json().inviteUrl).toBeUndefined();
    const mail = await arriving;
    expect(mail.to).toEqual(['mailed@example.test']);
    const link = linkIn(mail.raw, 'accept-invitation');
    expect(link.startsWith(`${PUBLIC_URL}/accept-invitation#token=`)).toBe(true);
    const accepted = await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      headers: { origin: PUBLIC_URL },
      payload: {
        token: link.split('#token=')[1],
        name: 'Mailed Person',
        password: 'mailed password',
      },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().role).toBe('member');
  });
});
