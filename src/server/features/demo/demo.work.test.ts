import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import { CommentCreate } from '../../../domain/comments';
import type { WorkspaceId } from '../../../domain/ids';
import { Interaction, InteractionCreate, interactionKinds } from '../../../domain/interactions';
import { Issue, IssueCreate, issueMachine, issueStatuses } from '../../../domain/issues';
import { moveBetween } from '../../../domain/state-machine';
import { Task, TaskCreate, taskStatuses } from '../../../domain/tasks';
import { PartnerTeamEntryCreate } from '../../../domain/teams';
import { systemScope } from '../../access/scope';
import {
  commentMentions,
  comments,
  contacts,
  healthSnapshots,
  interactionParticipants,
  interactions,
  issues,
  members,
  partners,
  partnerTeamEntries,
  tasks,
  timelineEntries,
  users,
  workspaces,
} from '../../db/schema';
import { newId } from '../../ids';
import { createApiKey } from '../api-keys/api-keys.service';
import { excerptOf } from '../comments/comments.service';
import { timelineSummaryOf } from '../interactions/interactions.view';
import { type SeedDemoResult, seedDemo } from './demo.service';

let t: TestApp;
const now = new Date('2026-06-01T12:00:00Z');
const today = '2026-06-01';
const DAY = 24 * 60 * 60 * 1000;

async function emptyWorkspace(name: string): Promise<WorkspaceId> {
  const id = newId<WorkspaceId>();
  await t.database.db.insert(workspaces).values({ id, name });
  return id;
}

const db = () => t.database.db;
const rowsOf = <T extends typeof interactions | typeof issues | typeof tasks | typeof comments>(
  table: T,
  workspaceId: string,
) =>
  db()
    .select()
    .from(table as typeof interactions)
    .where(eq(table.workspaceId, workspaceId))
    .orderBy(asc(table.id)) as unknown as Promise<Array<T['$inferSelect']>>;
const entriesOf = (workspaceId: string, kind: string) =>
  db()
    .select()
    .from(timelineEntries)
    .where(and(eq(timelineEntries.workspaceId, workspaceId), eq(timelineEntries.kind, kind)))
    .orderBy(asc(timelineEntries.occurredAt), asc(timelineEntries.id));

/** Every page of a list, read through the API as the key's holder. */
async function readAll(url: string, key: string): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let cursor: string | null = null; ; ) {
    const res = await request(t.app, {
      method: 'GET',
      url: `${url}?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      key,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
}

describe('demo relationship work', () => {
  let first: WorkspaceId;
  let second: WorkspaceId;
  let seeded: SeedDemoResult;

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Demo one');
    second = await emptyWorkspace('Demo two');
    const ctx = { ...t.ctx, requestId: null };
    seeded = await seedDemo(ctx, { workspaceId: first, size: 'small', now });
    await seedDemo(ctx, { workspaceId: second, size: 'small', now });
  }, 180_000);
  afterAll(() => t.close());

  it('writes the counts it reports, with every kind and status', async () => {
    const [ints, iss, tks, cms] = await Promise.all([
      rowsOf(interactions, first),
      rowsOf(issues, first),
      rowsOf(tasks, first),
      rowsOf(comments, first),
    ]);
    expect(ints).toHaveLength(seeded.interactions);
    expect(iss).toHaveLength(seeded.issues);
    expect(tks).toHaveLength(seeded.tasks);
    expect(cms).toHaveLength(seeded.comments);
    expect(seeded.interactions).toBeGreaterThan(300);
    expect(seeded.tasks).toBeGreaterThan(100);
    expect(seeded.comments).toBeGreaterThan(15);
    expect(new Set(ints.map((i) => i.kind))).toEqual(new Set(interactionKinds));
    expect(new Set(ints.map((i) => i.sentiment))).toEqual(
      new Set(['positive', 'neutral', 'negative', null]),
    );
    expect(new Set(iss.map((i) => i.status))).toEqual(new Set(issueStatuses));
    expect(new Set(tks.map((task) => task.status))).toEqual(new Set(taskStatuses));
    // Six months of activity, none in the future.
    const times = ints.map((i) => i.occurredAt.getTime());
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 190 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    const entries = await db()
      .select()
      .from(partnerTeamEntries)
      .where(eq(partnerTeamEntries.workspaceId, first));
    expect(new Set(entries.map((e) => e.role))).toEqual(
      new Set(['owner', 'sponsor', 'contributor', 'informed']),
    );
    expect(new Set(entries.map((e) => e.partnerId)).size).toBe(50);
  });

  it('writes the same work every time', async () => {
    const story = async (workspaceId: string) => {
      const names = new Map(
        (
          await db()
            .select({ id: partners.id, name: partners.name })
            .from(partners)
            .where(eq(partners.workspaceId, workspaceId))
        ).map((p) => [p.id, p.name]),
      );
      return {
        interactions: (await rowsOf(interactions, workspaceId)).map((i) => [
          names.get(i.partnerId),
          i.kind,
          i.occurredAt.toISOString(),
          i.summary,
          i.sentiment,
        ]),
        issues: (await rowsOf(issues, workspaceId)).map((i) => [i.title, i.status, i.dueOn]),
        tasks: (await rowsOf(tasks, workspaceId)).map((task) => [
          task.title,
          task.status,
          task.dueDate,
        ]),
        comments: (await rowsOf(comments, workspaceId)).map((c) => [c.subjectType, c.body]),
      };
    };
    expect(await story(first)).toEqual(await story(second));
  });

  it('makes every record valid by its domain schema, as written and as the API shows it', async () => {
    for (const i of await rowsOf(interactions, first)) {
      const people = await db()
        .select()
        .from(interactionParticipants)
        .where(eq(interactionParticipants.interactionId, i.id));
      InteractionCreate.parse({
        partnerId: i.partnerId,
        kind: i.kind,
        occurredAt: i.occurredAt.toISOString(),
        timeZone: i.timeZone,
        durationMinutes: i.durationMinutes,
        summary: i.summary,
        outcome: i.outcome,
        sentiment: i.sentiment,
        visibility: i.visibility,
        nextSteps: i.nextSteps,
        memberIds: people.flatMap((p) => p.memberId ?? []),
        contactIds: people.flatMap((p) => p.contactId ?? []),
      });
    }
    for (const i of await rowsOf(issues, first)) {
      IssueCreate.parse({
        title: i.title,
        description: i.description,
        kind: i.kind,
        severity: i.severity,
        partnerId: i.partnerId,
        ownerId: i.ownerId,
        teamId: i.teamId,
        dueOn: i.dueOn,
        visibility: i.visibility,
      });
      // Resolved and closed issues carry their notes and when; the others neither.
      const finished = i.status === 'resolved' || i.status === 'closed';
      expect(i.resolutionNotes !== null && i.resolvedAt !== null).toBe(finished);
    }
    for (const task of await rowsOf(tasks, first)) {
      TaskCreate.parse({
        title: task.title,
        description: task.description,
        assigneeId: task.assigneeId,
        teamId: task.teamId,
        dueDate: task.dueDate,
        priority: task.priority,
        partnerId: task.partnerId,
        subjectType: task.subjectType,
        subjectId: task.subjectId,
        visibility: task.visibility,
      });
      expect(task.completedAt !== null).toBe(task.status === 'done');
      expect(task.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    for (const c of await rowsOf(comments, first)) {
      const mentioned = await db()
        .select()
        .from(commentMentions)
        .where(eq(commentMentions.commentId, c.id));
      CommentCreate.parse({
        subjectType: c.subjectType,
        subjectId: c.subjectId,
        body: c.body,
        mentionIds: mentioned.map((m) => m.memberId),
      });
      expect(mentioned.length).toBeGreaterThan(0);
    }
    for (const e of await db()
      .select()
      .from(partnerTeamEntries)
      .where(eq(partnerTeamEntries.workspaceId, first)))
      PartnerTeamEntryCreate.parse({ memberId: e.memberId, teamId: e.teamId, role: e.role });

    const { key } = await createApiKey({ ...t.ctx, requestId: null }, systemScope(first, 'cli'), {
      name: 'reader',
      role: 'viewer',
    });
    const shown = {
      interactions: await readAll('/api/v1/interactions', key),
      issues: await readAll('/api/v1/issues', key),
      tasks: await readAll('/api/v1/tasks', key),
    };
    expect(shown.interactions).toHaveLength(seeded.interactions);
    for (const item of shown.interactions) Interaction.parse(item);
    expect(shown.issues).toHaveLength(seeded.issues);
    for (const item of shown.issues) Issue.parse(item);
    expect(shown.tasks).toHaveLength(seeded.tasks);
    for (const item of shown.tasks) Task.parse(item);
  });

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

  it('keeps each demo workspace to its own partners, people and members', async () => {
    for (const [mine, other] of [
      [first, second],
      [second, first],
    ] as const) {
      const own = new Set([
        ...(
          await db()
            .select({ id: partners.id })
            .from(partners)
            .where(eq(partners.workspaceId, mine))
        ).map((r) => r.id),
        ...(
          await db()
            .select({ id: contacts.id })
            .from(contacts)
            .where(eq(contacts.workspaceId, mine))
        ).map((r) => r.id),
        ...(
          await db().select({ id: members.id }).from(members).where(eq(members.workspaceId, mine))
        ).map((r) => r.id),
      ]);
      const entries = await db()
        .select()
        .from(timelineEntries)
        .where(eq(timelineEntries.workspaceId, mine));
      for (const e of entries) {
        expect(own.has(e.partnerId ?? '')).toBe(true);
        for (const person of e.people) expect(own.has(person)).toBe(true);
      }
      // The other workspace's key sees none of these records.
      const { key } = await createApiKey({ ...t.ctx, requestId: null }, systemScope(other, 'cli'), {
        name: 'outsider',
        role: 'viewer',
      });
      const [sample] = await rowsOf(interactions, mine);
      const res = await request(t.app, {
        method: 'GET',
        url: `/api/v1/interactions/${sample?.id}`,
        key,
      });
      expect(res.statusCode).toBe(404);
      const theirs = (await readAll('/api/v1/interactions', key)) as Array<{ id: string }>;
      expect(theirs.some((i) => i.id === sample?.id)).toBe(false);
    }
  });
});

function todayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
