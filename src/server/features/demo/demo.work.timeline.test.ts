import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import { issueMachine } from '../../../domain/issues';
import { moveBetween } from '../../../domain/state-machine';
import {
  comments,
  healthSnapshots,
  interactionParticipants,
  interactions,
  issues,
  members,
  partners,
  tasks,
  type timelineEntries,
  users,
} from '../../db/schema';
import { excerptOf } from '../comments/comments.service';
import { timelineSummaryOf } from '../interactions/interactions.view';
import { DAY, demoReader, now } from './demo.fixture';
import { seedDemo } from './demo.service';

/** One small load's relationship work on the timeline, and the stories it tells. */
let t: TestApp;
const today = '2026-06-01';
const { db, emptyWorkspace, rowsOf, entriesOf } = demoReader(() => t);

describe('demo relationship work', () => {
  let first: WorkspaceId;

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Demo one');
    await seedDemo({ ...t.ctx, requestId: null }, { workspaceId: first, size: 'small', now });
  }, 180_000);
  afterAll(() => t.close());

  it('puts each record on the timeline as the app would have, by the member who made it', async () => {
    const people = await db()
      .select({ memberId: members.id, userId: users.id, name: users.name })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, first));
    const byUser = new Map(people.map((p) => [p.userId, p]));
    const checkActor = (e: typeof timelineEntries.$inferSelect) => {
      expect(e.actorType).toBe('member');
      const member = byUser.get(e.actorId ?? '');
      expect(e.actorName).toBe(member?.name);
      expect(e.people).toContain(member?.memberId);
    };

    const interactionEntries = new Map(
      (await entriesOf(first, 'interaction')).map((e) => [e.subjectId, e]),
    );
    const ints = await rowsOf(interactions, first);
    expect(interactionEntries.size).toBe(ints.length);
    for (const i of ints) {
      const entry = interactionEntries.get(i.id);
      expect(entry).toMatchObject({
        partnerId: i.partnerId,
        occurredAt: i.occurredAt,
        subjectType: 'interaction',
        summary: timelineSummaryOf(i),
        visibility: i.visibility,
      });
      const participants = await db()
        .select()
        .from(interactionParticipants)
        .where(eq(interactionParticipants.interactionId, i.id));
      expect([...(entry?.people ?? [])].sort()).toEqual(
        participants.map((p) => p.memberId ?? p.contactId).sort(),
      );
      if (entry) checkActor(entry);
    }

    const taskEntries = await entriesOf(first, 'task');
    for (const task of await rowsOf(tasks, first)) {
      const mine = taskEntries.filter((e) => e.subjectId === task.id);
      expect(mine.map((e) => e.summary)).toEqual([
        { event: 'created', title: task.title, status: 'todo', dueDate: task.dueDate },
        ...(task.status === 'done'
          ? [{ event: 'completed', title: task.title, status: 'done', dueDate: task.dueDate }]
          : []),
      ]);
      expect(mine[0]?.occurredAt).toEqual(task.createdAt);
      if (task.completedAt) expect(mine[1]?.occurredAt).toEqual(task.completedAt);
      for (const e of mine) checkActor(e);
    }

    // An issue's entries replay legal moves of its machine and end in its status.
    const issueEntries = await entriesOf(first, 'issue');
    for (const issue of await rowsOf(issues, first)) {
      const mine = issueEntries.filter((e) => e.subjectId === issue.id);
      expect(mine[0]?.summary).toEqual({
        title: issue.title,
        severity: issue.severity,
        event: 'created',
        to: 'open',
      });
      expect(mine[0]?.occurredAt).toEqual(issue.createdAt);
      const moves = mine.map((e) => e.summary as { from?: 'open'; to: 'open' });
      for (const [n, { from, to }] of moves.entries()) {
        if (n === 0) continue;
        expect(from).toBe(moves[n - 1]?.to);
        expect(moveBetween(issueMachine, from ?? 'open', to)).toBeDefined();
      }
      expect(moves.at(-1)?.to).toBe(issue.status);
      expect(mine).toHaveLength(issue.version);
      for (const e of mine) checkActor(e);
    }

    const commentEntries = new Map(
      (await entriesOf(first, 'comment')).map((e) => [e.subjectId, e]),
    );
    const cms = await rowsOf(comments, first);
    expect(commentEntries.size).toBe(cms.length);
    for (const c of cms) {
      const entry = commentEntries.get(c.id);
      expect(entry?.summary).toMatchObject({
        subjectType: c.subjectType,
        excerpt: excerptOf(c.body),
      });
      expect(entry?.occurredAt).toEqual(c.createdAt);
      expect(byUser.get(entry?.actorId ?? '')?.memberId).toBe(c.authorId);
    }
  });

  it('tells believable stories: warming, cooling and a few partners clearly at risk', async () => {
    const ps = await db().select().from(partners).where(eq(partners.workspaceId, first));
    const ints = await rowsOf(interactions, first);
    const iss = await rowsOf(issues, first);
    const tks = await rowsOf(tasks, first);
    const daysAgo = (d: Date) => (now.getTime() - d.getTime()) / DAY;
    const atRisk = ps.filter((p) => {
      const mine = ints.filter((i) => i.partnerId === p.id);
      const last = mine.reduce((a, b) => (a.occurredAt > b.occurredAt ? a : b), mine[0] as never);
      return (
        last !== undefined &&
        daysAgo(last.occurredAt) > 45 &&
        last.sentiment === 'negative' &&
        iss.some(
          (i) =>
            i.partnerId === p.id &&
            i.severity === 'critical' &&
            ['open', 'escalated'].includes(i.status) &&
            i.dueOn < today,
        ) &&
        tks.some(
          (task) =>
            task.partnerId === p.id &&
            ['todo', 'in_progress'].includes(task.status) &&
            (task.dueDate ?? '9999') < today,
        )
      );
    });
    // Each partner's last touch is its latest interaction (the cadence's maintained column).
    for (const p of ps) {
      const latest = ints
        .filter((i) => i.partnerId === p.id)
        .reduce<Date | null>((a, i) => (a && a > i.occurredAt ? a : i.occurredAt), null);
      expect(p.lastTouchAt).toEqual(latest);
    }
    expect(atRisk.length).toBeGreaterThanOrEqual(2);
    expect(atRisk.length).toBeLessThanOrEqual(8);
    // The load ends with the day's health scores: the at-risk partners score low.
    const snapshots = await db()
      .select()
      .from(healthSnapshots)
      .where(eq(healthSnapshots.workspaceId, first));
    expect(snapshots).toHaveLength(ps.length);
    const scoreOf = new Map(ps.map((p) => [p.id, p.healthScore]));
    const average = (list: typeof ps) =>
      list.reduce((sum, p) => sum + (scoreOf.get(p.id) ?? 0), 0) / list.length;
    const steady = ps.filter((p) => p.stage === 'active');
    expect(average(atRisk)).toBeLessThan(average(steady) - 15);

    const momentum = ps.map((p) => {
      const mine = ints.filter((i) => i.partnerId === p.id).map((i) => daysAgo(i.occurredAt));
      return mine.filter((d) => d < 90).length - mine.filter((d) => d >= 90).length;
    });
    expect(momentum.filter((m) => m >= 4).length).toBeGreaterThanOrEqual(5);
    expect(momentum.filter((m) => m <= -4).length).toBeGreaterThanOrEqual(5);
    const doneLate = tks.filter(
      (task) => task.completedAt && todayOf(task.completedAt) > (task.dueDate ?? ''),
    );
    const doneOnTime = tks.filter(
      (task) => task.completedAt && todayOf(task.completedAt) <= (task.dueDate ?? ''),
    );
    expect(doneLate.length).toBeGreaterThan(5);
    expect(doneOnTime.length).toBeGreaterThan(doneLate.length);
  });
});

function todayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
