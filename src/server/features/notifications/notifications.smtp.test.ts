import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../../../../test/factories';
import { createTestApp, PUBLIC_URL, type TestApp } from '../../../../test/harness';
import { startSmtpServer } from '../../../../test/smtp';
import type { MemberScope } from '../../access/scope';
import { notificationPreferences, users } from '../../db/schema';
import type { JobQueue } from '../../jobs/queue';
import { queueDigests } from './notifications.delivery';
import { notify } from './notifications.service';

let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let scope: MemberScope;

const hostileName = 'Eve\r\nBcc: victim@example.test\r\nX-Injected: yes';

function notifyMember(title: string, kind: 'assignment' | 'mention' | 'overdue' = 'assignment') {
  return t.database.transaction((tx) =>
    notify(tx, { ...t.ctx, requestId: null, tx }, scope, {
      recipientId: world.a.members.member.memberId,
      kind,
      subjectType: 'partner',
      subjectId: world.a.partners[0],
      title,
    }),
  );
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
  // The actor's name tries to add headers; so does the title below.
  await t.database.db
    .update(users)
    .set({ name: hostileName })
    .where(eq(users.id, world.a.members.admin.userId));
  scope = {
    kind: 'member',
    workspaceId: world.a.workspaceId,
    role: 'admin',
    userId: world.a.members.admin.userId,
    memberId: world.a.members.admin.memberId,
    apiKeyId: null,
  };
  await (t.ctx.jobs as JobQueue).startWork();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('notification mail over SMTP', () => {
  it('arrives as plain text, with names and titles unable to add headers', async () => {
    const arriving = smtp.next();
    const made = await notifyMember('Renewal\r\nBcc: victim@example.test <script>x</script>');
    const mail = await arriving;
    expect(mail.to).toEqual([world.a.members.member.email]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe(
      world.a.members.member.email,
    );
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.subject).toBe(
      'Eve Bcc: victim@example.test X-Injected: yes assigned you: Renewal Bcc: victim@example.test <script>x</script>',
    );
    expect(parsed.html).toBe(false);
    expect(parsed.text).toContain(`Open it: ${PUBLIC_URL}/partners/${world.a.partners[0]}`);
    expect(parsed.text).toContain('<script>x</script>');
    expect(parsed.text).toContain(`${PUBLIC_URL}/notifications#email-preferences`);
    expect(made?.id).toBeDefined();
  });

  it('sends the daily digest of unread notifications to a member who asked for it', async () => {
    await t.database.db.insert(notificationPreferences).values({
      workspaceId: world.a.workspaceId,
      memberId: world.a.members.member.memberId,
      emailAssignment: false,
      emailMention: false,
      emailOverdue: false,
      emailDigest: true,
    });
    await notifyMember('Overdue onboarding', 'overdue');
    await notifyMember('Mentioned in a note', 'mention');
    const arriving = smtp.next();
    const queued = await queueDigests(
      t.database,
      (tx, job) => t.ctx.jobs.enqueue(tx, 'notification.email', job),
      new Date(),
    );
    expect(queued).toBe(1);
    const parsed = await simpleParser((await arriving).raw);
    // The first notification was mailed alone but is still unread: the digest lists all three.
    expect(parsed.subject).toBe('Your Tandem digest: 3 unread notifications');
    expect(parsed.text).toContain('- Overdue: Overdue onboarding');
    expect(parsed.text).toContain('mentioned you: Mentioned in a note');
    expect(smtp.received).toHaveLength(2);
  });
});
