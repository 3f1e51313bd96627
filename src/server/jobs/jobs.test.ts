import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness';
import { startSmtpServer } from '../../../test/smtp';
import { createMailer } from '../mail/mailer';
import { createJobs, type JobQueue, type RetryPolicy } from './queue';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

async function jobCount(): Promise<number> {
  const { rows } = await t.database.sql(
    "SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send'",
  );
  return (rows[0] as { n: number }).n;
}

/** A queue of its own, sending mail to the SMTP server at `smtpUrl` (the mailer closes with it). */
function queueMailingTo(smtpUrl: string, options: { work: boolean; retry?: RetryPolicy }) {
  const mailer = createMailer({ smtpUrl, mailFrom: 'Tandem <t@tandem.test>' });
  return createJobs(t.database, {
    ...options,
    files: t.ctx.files,
    mailer,
    secret: t.ctx.config.secret,
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('the email job', () => {
  it('is not written when the transaction rolls back', async () => {
    const before = await jobCount();
    await expect(
      t.database.transaction(async (tx) => {
        await t.ctx.jobs.enqueue(tx, 'email.send', {
          to: 'nobody@example.test',
          subject: 'never',
          text: 'never sent',
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await jobCount()).toBe(before);
  });

  it('is queued by a committed transaction and delivered over SMTP by the worker', async () => {
    const before = await jobCount();
    await t.database.transaction(async (tx) => {
      await t.ctx.jobs.enqueue(tx, 'email.send', {
        to: 'someone@example.test',
        subject: 'Hello from Tandem',
        text: 'The queue works <b>as text</b>',
      });
    });
    expect(await jobCount()).toBe(before + 1);
    expect(smtp.received).toHaveLength(0); // nothing runs until a worker starts
    const arriving = smtp.next();
    await (t.ctx.jobs as JobQueue).startWork();
    const mail = await arriving;
    expect(mail.to).toEqual(['someone@example.test']);
    expect(mail.raw).toContain('Subject: Hello from Tandem');
    expect(mail.raw).toContain('The queue works <b>as text</b>');
    expect(smtp.received).toHaveLength(1);
  });

  it('stops gracefully', async () => {
    await t.ctx.jobs.stop();
    await t.ctx.jobs.stop(); // twice is harmless
  });

  it('retries a mail the server refused for now, as pg-boss schedules it', async () => {
    const flaky = await startSmtpServer({ failFirst: 1 });
    const queue = queueMailingTo(flaky.url, {
      work: true,
      retry: { limit: 2, delaySeconds: 1, backoff: false },
    });
    try {
      // The file's own queue stopped above, so only this worker takes the job.
      await queue.start();
      const arriving = flaky.next(20_000);
      await t.database.transaction((tx) =>
        queue.enqueue(tx, 'email.send', { to: 'retry@example.test', subject: 'Retry', text: 'x' }),
      );
      const mail = await arriving;
      expect(mail.to).toEqual(['retry@example.test']);
      const { rows } = await t.database.sql(
        "SELECT retry_count, state FROM pgboss.job WHERE data->>'to' = 'retry@example.test'",
      );
      expect(rows).toHaveLength(1);
      expect((rows[0] as { retry_count: number }).retry_count).toBe(1);
    } finally {
      await queue.stop();
      await flaky.close();
    }
  });

  it('sends a burst in batches back to back: a full batch fetches again without waiting', async () => {
    const burst = await startSmtpServer();
    const queue = queueMailingTo(burst.url, { work: false });
    try {
      await queue.start();
      const boss = await queue.boss();
      const fetchAgain = vi.spyOn(boss, 'notifyWorker');
      const to = Array.from({ length: 25 }, (_, i) => `burst-${i}@example.test`);
      await t.database.transaction((tx) =>
        queue.enqueueMany(
          tx,
          'email.send',
          to.map((address) => ({ to: address, subject: 'Burst', text: 'x' })),
        ),
      );
      await queue.startWork();
      await vi.waitFor(() => expect(burst.received).toHaveLength(25), { timeout: 20_000 });
      // Batches of 10, 10 and 5: the two full ones asked for the next fetch at once.
      expect(fetchAgain.mock.calls.length).toBeGreaterThanOrEqual(2);
      expect(burst.received.flatMap((mail) => mail.to).sort()).toEqual([...to].sort());
    } finally {
      await queue.stop();
      await burst.close();
    }
  });
});
