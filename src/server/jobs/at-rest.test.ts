import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../test/factories';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../../../test/harness';
import { startSmtpServer } from '../../../test/smtp';
import { newId } from '../ids';
import { invitationMail, renderMail } from '../mail/templates';
import { seal, unseal } from '../sealed';
import { purgeExpired } from './purge';
import type { JobQueue } from './queue';
import {
  agreementSweepSchedule,
  cadenceSchedule,
  digestSchedule,
  healthSchedule,
  kpiRefreshSchedule,
  obligationOverdueSchedule,
  overdueSchedule,
  purgeSchedule,
  reportSchedule,
} from './schedules';

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

function tokenIn(raw: string, path: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = new RegExp(`/${path}#token=([\\w.-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${path} link in mail:\n${raw}`);
  return token;
}

/** Every job payload pg-boss holds, queued, done or archived, as text. */
async function jobPayloads(): Promise<string> {
  const jobs = await t.database.sql('SELECT data::text AS data FROM pgboss.job');
  const archived = await t.database.sql('SELECT data::text AS data FROM pgboss.archive');
  return JSON.stringify([...jobs.rows, ...archived.rows]);
}

describe('no usable token at rest', () => {
  it('keeps invitation and reset links out of job payloads: sealed there, opened to send', async () => {
    const invited = smtp.next();
    const invitation = await request(t.app, {
      method: 'POST',
      url: '/api/v1/invitations',
      key: world.a.members.admin.key,
      payload: { email: 'sealed@example.test', role: 'member' },
    });
    expect(invitation.statusCode).toBe(201);
    const invitationToken = tokenIn((await invited).raw, 'accept-invitation');

    const reset = smtp.next();
    await request(t.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      headers: { origin: PUBLIC_URL },
      payload: { email: world.a.members.member.email },
    });
    const resetToken = tokenIn((await reset).raw, 'reset-password');

    const payloads = await jobPayloads();
    expect(payloads).toContain('sealedLink');
    expect(payloads).toContain('sealed@example.test');
    for (const token of [invitationToken, resetToken]) expect(payloads).not.toContain(token);
    expect(payloads).not.toContain('#token=');
  });

  it('opens a sealed link only with the same secret, and refuses an altered one', () => {
    const secret = t.ctx.config.secret;
    const job = invitationMail(
      secret,
      'x@example.test',
      'W',
      `${PUBLIC_URL}/accept-invitation#token=abc`,
    );
    expect(renderMail(secret, job).text).toContain('#token=abc');
    expect(() => renderMail(`${secret}-rotated`, job)).toThrow();
    const sealed = seal(secret, 'mail-link', 'the link');
    expect(unseal(secret, 'mail-link', sealed)).toBe('the link');
    expect(() => unseal(secret, 'another purpose', sealed)).toThrow();
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => unseal(secret, 'mail-link', altered)).toThrow();
  });
});

describe('purge', () => {
  it('is scheduled hourly, under the start-up lock with the queues (as are the digests, the overdue sweep, the health snapshot, the KPI refresh, the cadence catch-up, the scheduled reports, the agreement renewal sweep and the overdue obligation sweep)', async () => {
    const { rows } = await t.database.sql('SELECT name, cron FROM pgboss.schedule ORDER BY name');
    expect(rows).toEqual([
      { name: agreementSweepSchedule.name, cron: agreementSweepSchedule.cron },
      { name: cadenceSchedule.name, cron: cadenceSchedule.cron },
      { name: healthSchedule.name, cron: healthSchedule.cron },
      { name: kpiRefreshSchedule.name, cron: kpiRefreshSchedule.cron },
      { name: purgeSchedule.name, cron: purgeSchedule.cron },
      { name: digestSchedule.name, cron: digestSchedule.cron },
      { name: overdueSchedule.name, cron: overdueSchedule.cron },
      { name: obligationOverdueSchedule.name, cron: obligationOverdueSchedule.cron },
      { name: reportSchedule.name, cron: reportSchedule.cron },
    ]);
  });

  it('deletes expired sessions and verifications, old failures, old rate-limit windows and old deliveries, and nothing current', async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const hour = 60 * 60 * 1000;
    const day = 24 * hour;
    const userId = world.a.members.viewer.userId;
    const insert = (text: string, values: unknown[]) => t.database.sql(text, values);
    for (const [label, expires] of [
      ['old', ago(hour)],
      ['live', ago(-hour)],
    ] as const) {
      await insert(
        'INSERT INTO sessions (id, user_id, token, expires_at) VALUES ($1, $2, $3, $4)',
        [newId(), userId, `purge-${label}`, expires],
      );
      await insert(
        'INSERT INTO verifications (id, identifier, value, expires_at) VALUES ($1, $2, $3, $4)',
        [newId(), `password-reset:purge-${label}`, userId, expires],
      );
      await insert(
        'INSERT INTO sign_in_failures (id, email, ip_address, created_at) VALUES ($1, $2, $3, $4)',
        [
          newId(),
          `purge-${label}@example.test`,
          '192.0.2.1',
          label === 'old' ? ago(hour) : ago(60_000),
        ],
      );
      await insert('INSERT INTO rate_limit_hits (key, window_start, hits) VALUES ($1, $2, 1)', [
        `sign-in:client:purge-${label}`,
        label === 'old' ? ago(2 * day) : ago(60_000),
      ]);
      await insert(
        'INSERT INTO deliveries (channel, delivery_id, delivered_at) VALUES ($1, $2, $3)',
        ['email', `purge-${label}`, label === 'old' ? ago(8 * day) : ago(day)],
      );
    }
    await purgeExpired(t.database, now);
    const left = async (text: string) =>
      (await t.database.sql(text)).rows.map((row) => Object.values(row as object)[0]);
    expect(await left("SELECT token FROM sessions WHERE token LIKE 'purge-%'")).toEqual([
      'purge-live',
    ]);
    expect(
      await left("SELECT identifier FROM verifications WHERE identifier LIKE '%purge-%'"),
    ).toEqual(['password-reset:purge-live']);
    expect(await left("SELECT email FROM sign_in_failures WHERE email LIKE 'purge-%'")).toEqual([
      'purge-live@example.test',
    ]);
    expect(await left("SELECT key FROM rate_limit_hits WHERE key LIKE '%purge-%'")).toEqual([
      'sign-in:client:purge-live',
    ]);
    expect(
      await left("SELECT delivery_id FROM deliveries WHERE delivery_id LIKE 'purge-%'"),
    ).toEqual(['purge-live']);
  });
});
