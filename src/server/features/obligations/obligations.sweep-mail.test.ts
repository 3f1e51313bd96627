import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, switchMailOff, type World } from '../../../../test/factories';
import { createTestApp, PUBLIC_URL, request, type TestApp } from '../../../../test/harness';
import { mailQueueEmpty } from '../../../../test/jobs';
import { startSmtpServer } from '../../../../test/smtp';
import { newId } from '../../ids';
import type { JobQueue } from '../../jobs/queue';
import { deliverNotificationMail } from '../notifications/notifications.delivery';
import { sweepOverdueObligations } from './obligations.sweep';
import { sweepClient } from './obligations.sweep.fixture';

/** The overdue obligation sweep's mail: switched off, to an owner gone, and over SMTP. */
let t: TestApp;
let world: World;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

const { queued, sweepAt, noticesOf, mailed, createAgreement, createObligation } = sweepClient(
  () => t,
);

let agreementA: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  world = await seedWorld(t.database);
  agreementA = (
    await createAgreement(world.a.members.admin.key, world.a.partners[0], {
      ownerId: world.a.members.admin.memberId,
    })
  ).id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('the overdue obligation sweep', () => {
  it('writes the in-app notice but no mail when the owner switched obligation mail off', async () => {
    const viewer = world.a.members.viewer;
    expect(await switchMailOff(t.app, viewer.email, 'obligationOverdue')).toMatchObject({
      overdue: true,
      obligationOverdue: false,
    });
    await createObligation(world.a.members.admin.key, agreementA, {
      description: 'Quiet duty',
      ownerId: viewer.memberId,
      dueOn: '2035-01-01',
    });
    await sweepAt('2035-01-02T08:00:00Z');
    const [notice] = await noticesOf('Quiet duty');
    expect(notice?.recipient_id).toBe(viewer.memberId);
    expect(mailed(notice)).toBe(false);
  });

  it('mails nothing to an owner who left between the sweep and the send', async () => {
    const leaving = world.b.members.viewer;
    const agreementB = await createAgreement(world.b.members.admin.key, world.b.partners[0]);
    await createObligation(world.b.members.admin.key, agreementB.id, {
      description: 'Left-behind duty',
      ownerId: leaving.memberId,
      dueOn: '2038-01-01',
    });
    await sweepAt('2038-01-02T08:00:00Z');
    const [notice] = await noticesOf('Left-behind duty');
    const job = queued.find((j) => notice !== undefined && j.notificationIds.includes(notice.id));
    expect(job?.recipientId).toBe(leaving.memberId);
    const removed = await request(t.app, {
      method: 'DELETE',
      url: `/api/v1/members/${leaving.memberId}`,
      key: world.b.members.admin.key,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    if (!job) throw new Error('no mail job');
    expect(await deliverNotificationMail(t.database, null, PUBLIC_URL, job, newId())).toBe(
      'skipped',
    );
  });

  it('arrives over SMTP as plain text linking to the agreement, once', async () => {
    const queue = t.ctx.jobs as JobQueue;
    await queue.startWork();
    const owner = world.b.members.manager;
    const agreementB = await createAgreement(world.b.members.admin.key, world.b.partners[0], {
      title: 'Referral deal',
    });
    await createObligation(world.b.members.admin.key, agreementB.id, {
      description: 'Quarterly referral review',
      ownerId: owner.memberId,
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
      startsOn: '2037-01-01',
    });
    const sweepAndSend = async (instant: string) => {
      await sweepOverdueObligations(
        t.database,
        (tx, jobs) => queue.enqueueMany(tx, 'notification.email', jobs),
        new Date(instant),
      );
      await mailQueueEmpty(t.database);
      return smtp.received.filter((m) =>
        m.raw.includes('Subject: Obligation overdue: Quarterly referral review'),
      );
    };
    const [mail, ...more] = await sweepAndSend('2037-02-01T08:00:00Z');
    expect(more).toEqual([]);
    expect(mail?.to).toEqual([owner.email]);
    const parsed = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toBe('Obligation overdue: Quarterly referral review (Referral deal)');
    expect(parsed.html).toBe(false);
    expect(parsed.text).toContain(`Open it: ${PUBLIC_URL}/agreements/${agreementB.id}`);
    expect(await sweepAndSend('2037-02-02T08:00:00Z')).toHaveLength(1);
  });
});
