import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import { CommentCreate } from '../../../domain/comments';
import type { WorkspaceId } from '../../../domain/ids';
import { Interaction, InteractionCreate, interactionKinds } from '../../../domain/interactions';
import { Issue, IssueCreate, issueStatuses } from '../../../domain/issues';
import { Task, TaskCreate, taskStatuses } from '../../../domain/tasks';
import { PartnerTeamEntryCreate } from '../../../domain/teams';
import { systemScope } from '../../access/scope';
import {
  commentMentions,
  comments,
  contacts,
  interactionParticipants,
  interactions,
  issues,
  members,
  partners,
  partnerTeamEntries,
  tasks,
  timelineEntries,
} from '../../db/schema';
import { createApiKey } from '../api-keys/api-keys.service';
import { DAY, demoReader, now } from './demo.fixture';
import { type SeedDemoResult, seedDemo } from './demo.service';

/**
 * Two small loads' relationship work, the same each time; its timeline and stories are in
 * demo.work.timeline.test.ts.
 */
let t: TestApp;
const { db, emptyWorkspace, rowsOf, readAll } = demoReader(() => t);

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
  }, 360_000);
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
