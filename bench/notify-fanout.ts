import type { MemberScope } from '../src/server/access/scope';
import { loadConfig } from '../src/server/config';
import type { ServiceContext } from '../src/server/context';
import { createComment } from '../src/server/features/comments/comments.service';
import { openBlobStore } from '../src/server/files/open';
import { createJobs } from '../src/server/jobs/queue';
import { createMailer } from '../src/server/mail/mailer';
import { startSmtpServer } from '../test/smtp';
import type { Dataset } from './dataset';

const publicUrl = 'http://tandem.bench';
const mailFrom = 'Tandem <tandem@tandem.bench>';

async function until(done: () => boolean, what: string, timeoutMs = 600_000) {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * `count` comments, each mentioning one member, made through the comments service (so each
 * queues its mail as the API does), then delivered by the real job worker to an SMTP server in
 * this process: messages per second from the first comment to the last mail received. The
 * baseline is the same mailer sending as many messages straight to the same server, one after
 * another as the worker does.
 */
export async function notifyFanout(
  dataset: Dataset,
  count: number,
  say: (line: string) => void,
): Promise<{ perSecond: number; smtpPerSecond: number }> {
  const smtp = await startSmtpServer();
  const mailer = createMailer({ smtpUrl: smtp.url, mailFrom });
  const database = await dataset.open();
  const secret = dataset.serverEnv.TANDEM_SECRET ?? '';
  const files = openBlobStore(loadConfig({ ...dataset.serverEnv, LOG_LEVEL: 'silent' }));
  const jobs = createJobs(database, { work: false, files, mailer, secret, publicUrl });
  try {
    const author = dataset.members.find((m) => m.role === 'admin');
    const others = dataset.members.filter((m) => m !== author);
    if (!author || others.length === 0) throw new Error('the demo data set lacks members');

    let started = performance.now();
    for (let i = 0; i < count; i++) {
      const to = others[i % others.length];
      await mailer?.send({ to: to?.email ?? '', subject: `Direct ${i}`, text: 'Benchmark' });
    }
    const smtpPerSecond = count / ((performance.now() - started) / 1000);
    const before = smtp.received.length;

    const ctx = {
      config: { secret, publicUrl },
      database,
      jobs,
      files,
      requestId: null,
    } as unknown as ServiceContext;
    const scope: MemberScope = {
      kind: 'member',
      workspaceId: dataset.workspaceId,
      role: 'admin',
      userId: author.userId,
      memberId: author.memberId,
      apiKeyId: null,
    };
    const { rows } = await database.sql(
      'SELECT id FROM partners WHERE workspace_id = $1 ORDER BY id LIMIT 1',
      [dataset.workspaceId],
    );
    const partnerId = (rows[0] as { id: string }).id;
    await jobs.start();
    started = performance.now();
    for (let i = 0; i < count; i++) {
      const mentioned = others[i % others.length];
      await createComment(ctx, scope, {
        subjectType: 'partner',
        subjectId: partnerId,
        body: `Benchmark note ${i} for @${mentioned?.name}`,
        mentionIds: [mentioned?.memberId ?? ''],
      });
    }
    const queuedMs = performance.now() - started;
    await jobs.startWork();
    await until(() => smtp.received.length - before >= count, `${count} mails`);
    const seconds = (performance.now() - started) / 1000;
    say(
      `notify-fanout: ${count} mentions queued in ${(queuedMs / 1000).toFixed(1)} s, all delivered in ${seconds.toFixed(1)} s`,
    );
    return { perSecond: count / seconds, smtpPerSecond };
  } finally {
    await jobs.stop();
    await database.close();
    await smtp.close();
  }
}
