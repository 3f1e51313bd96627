import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { startSmtpServer } from '../../../test/smtp';
import { createMailer } from '../mail/mailer';
import { deliverOnce } from './deliver-once';
import { createJobs, type JobQueue } from './queue';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let queue: JobQueue;

type JobRow = { id: string; state: string; expire: number; delay: number; backoff: boolean };

async function job(to: string): Promise<JobRow | undefined> {
  const { rows } = await t.database.sql(
    `SELECT id, state, extract(epoch FROM expire_in)::int AS expire, retry_delay AS delay,
            retry_backoff AS backoff
       FROM pgboss.job WHERE data->>'to' = $1`,
    [to],
  );
  return rows[0] as JobRow | undefined;
}

/** Polls until the job reaches `state`; bounded, as every wait in tests. */
async function until(to: string, state: string): Promise<JobRow> {
  for (let i = 0; i < 200; i++) {
    const row = await job(to);
    if (row?.state === state) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job for ${to} never reached ${state}`);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  await t.ctx.jobs.stop(); // only this file's worker below takes jobs
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Tandem <tandem@tandem.test>' });
  queue = createJobs(t.database, {
    work: true,
    files: t.ctx.files,
    mailer,
    secret: t.ctx.config.secret,
  });
  await queue.start();
});
afterAll(async () => {
  await queue.stop();
  await t.close();
  await smtp.close();
});

describe('a mail job after a crash', () => {
  it('is given back within a minute and keeps its Message-ID', async () => {
    const arriving = smtp.next();
    await t.database.transaction((tx) =>
      queue.enqueue(tx, 'email.send', { to: 'once@example.test', subject: 'Once', text: 'x' }),
    );
    const mail = await arriving;
    const row = await until('once@example.test', 'completed');
    expect(mail.raw).toContain(`Message-ID: <${row.id}@tandem.test>`);
    // A dead worker's job expires after 30 s; its first retry follows 5–10 s later.
    expect(row).toMatchObject({ expire: 30, delay: 5, backoff: true });
  });

  it('is not sent again when its worker died after sending', async () => {
    const before = await until('once@example.test', 'completed');
    // As if the worker sent the mail and died before pg-boss recorded the job as done.
    await t.database.sql(
      "UPDATE pgboss.job SET state = 'retry', start_after = now(), completed_on = NULL WHERE id = $1",
      [before.id],
    );
    await until('once@example.test', 'completed');
    expect(smtp.received.filter((m) => m.to.includes('once@example.test'))).toHaveLength(1);
  });
});

describe('deliverOnce', () => {
  it('sends once per delivery id, and again after a failed send', async () => {
    const sent: string[] = [];
    const send = (id: string) => async () => {
      sent.push(id);
    };
    expect(await deliverOnce(t.database, { channel: 'webhook', id: 'a' }, send('a'))).toBe('sent');
    expect(await deliverOnce(t.database, { channel: 'webhook', id: 'a' }, send('a'))).toBe(
      'already-sent',
    );
    // The same id on another channel is another delivery.
    expect(await deliverOnce(t.database, { channel: 'email', id: 'a' }, send('a'))).toBe('sent');
    await expect(
      deliverOnce(t.database, { channel: 'webhook', id: 'b' }, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await deliverOnce(t.database, { channel: 'webhook', id: 'b' }, send('b'))).toBe('sent');
    expect(sent).toEqual(['a', 'a', 'b']);
  });
});
