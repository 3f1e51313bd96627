import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/harness';
import type { WorkspaceId } from '../../../domain/ids';
import { InteractionCreate } from '../../../domain/interactions';
import { TaskCreate } from '../../../domain/tasks';
import {
  contacts,
  interactionParticipants,
  interactions,
  members,
  partners,
  tasks,
  timelineEntries,
  users,
  workspaces,
} from '../../db/schema';
import { newId } from '../../ids';
import { timelineSummaryOf } from '../interactions/interactions.view';
import { type SeedDemoResult, seedDemo } from './demo.service';

/**
 * The large set at a two-hundredth of its size: 50 partners, 500 contacts, 5 000 interactions
 * and 500 tasks, written by the same set-based statements as the full set.
 */
const scale = 0.005;
let t: TestApp;
const now = new Date('2026-06-01T12:00:00Z');
const today = '2026-06-01';
const db = () => t.database.db;

async function emptyWorkspace(name: string): Promise<WorkspaceId> {
  const id = newId<WorkspaceId>();
  await db().insert(workspaces).values({ id, name });
  return id;
}

const interactionsOf = (workspaceId: string) =>
  db()
    .select()
    .from(interactions)
    .where(eq(interactions.workspaceId, workspaceId))
    .orderBy(asc(interactions.id));
const tasksOf = (workspaceId: string) =>
  db().select().from(tasks).where(eq(tasks.workspaceId, workspaceId)).orderBy(asc(tasks.id));

describe('the large demo set, scaled down', () => {
  let first: WorkspaceId;
  let second: WorkspaceId;
  let seeded: SeedDemoResult;
  const progress: Array<[number, number]> = [];

  beforeAll(async () => {
    t = await createTestApp();
    first = await emptyWorkspace('Large one');
    second = await emptyWorkspace('Large two');
    const ctx = { ...t.ctx, requestId: null };
    seeded = await seedDemo(ctx, {
      workspaceId: first,
      size: 'large',
      scale,
      now,
      onProgress: (done, total) => progress.push([done, total]),
    });
    await seedDemo(ctx, { workspaceId: second, size: 'large', scale, now });
  }, 240_000);
  afterAll(() => t.close());

  it('writes its share of 1 000 000 interactions and 100 000 tasks, each with its people', async () => {
    expect(seeded).toMatchObject({
      partners: 50,
      contacts: 500,
      interactions: 5000,
      tasks: 500,
      issues: 0,
    });
    const ints = await interactionsOf(first);
    expect(ints).toHaveLength(5000);
    expect(await tasksOf(first)).toHaveLength(500);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    // The first partner carries a long timeline (10 000 at full size) for the benchmark.
    const [flagship] = await db()
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.workspaceId, first))
      .orderBy(asc(partners.id))
      .limit(1);
    expect(ints.filter((i) => i.partnerId === flagship?.id).length).toBeGreaterThanOrEqual(50);
    const times = ints.map((i) => i.occurredAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 366 * 24 * 3600 * 1000);
  });

  it('gives every member who edits the same number of open tasks, half of them overdue', async () => {
    const open = (await tasksOf(first)).filter((task) =>
      ['todo', 'in_progress'].includes(task.status),
    );
    const editors = seeded.members.filter((m) => m.role !== 'viewer');
    for (const m of editors) {
      const mine = open.filter((task) => task.assigneeId === m.memberId);
      expect(mine).toHaveLength(10);
      expect(mine.filter((task) => (task.dueDate ?? '') < today)).toHaveLength(5);
    }
    expect(open).toHaveLength(40);
  });

  it('makes valid records, with the timeline entries the services would write', async () => {
    const ints = await interactionsOf(first);
    const people = await db()
      .select()
      .from(interactionParticipants)
      .where(eq(interactionParticipants.workspaceId, first));
    const partnerOfContact = new Map(
      (
        await db()
          .select({ id: contacts.id, partnerId: contacts.partnerId })
          .from(contacts)
          .where(eq(contacts.workspaceId, first))
      ).map((c) => [c.id, c.partnerId]),
    );
    const byInteraction = new Map<string, string[]>();
    for (const p of people)
      byInteraction.set(p.interactionId, [
        ...(byInteraction.get(p.interactionId) ?? []),
        p.memberId ?? p.contactId ?? '',
      ]);
    const entries = new Map(
      (
        await db()
          .select()
          .from(timelineEntries)
          .where(
            and(eq(timelineEntries.workspaceId, first), eq(timelineEntries.kind, 'interaction')),
          )
      ).map((e) => [e.subjectId, e]),
    );
    const team = await db()
      .select({ memberId: members.id, userId: users.id, name: users.name })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, first));
    const memberOfUser = new Map(team.map((m) => [m.userId, m]));
    expect(entries.size).toBe(ints.length);
    for (const i of ints) {
      const mine = byInteraction.get(i.id) ?? [];
      const memberIds = mine.filter((id) => !partnerOfContact.has(id));
      const contactIds = mine.filter((id) => partnerOfContact.has(id));
      for (const c of contactIds) expect(partnerOfContact.get(c)).toBe(i.partnerId);
      expect(memberIds).toHaveLength(1);
      expect(contactIds).toHaveLength(i.kind === 'note' ? 0 : 1);
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
        memberIds,
        contactIds,
      });
      const entry = entries.get(i.id);
      expect(entry).toMatchObject({
        partnerId: i.partnerId,
        occurredAt: i.occurredAt,
        summary: timelineSummaryOf(i),
        people: [...memberIds, ...contactIds],
        actorType: 'member',
      });
      const actor = memberOfUser.get(entry?.actorId ?? '');
      expect(actor?.memberId).toBe(memberIds[0]);
      expect(entry?.actorName).toBe(actor?.name);
    }

    const taskEntries = await db()
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.workspaceId, first), eq(timelineEntries.kind, 'task')))
      .orderBy(asc(timelineEntries.occurredAt));
    for (const task of await tasksOf(first)) {
      TaskCreate.parse({
        title: task.title,
        assigneeId: task.assigneeId,
        teamId: task.teamId,
        dueDate: task.dueDate,
        priority: task.priority,
        partnerId: task.partnerId,
      });
      expect(task.searchText).toBe(task.title.toLowerCase());
      expect(task.completedAt !== null).toBe(task.status === 'done');
      expect(task.createdAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (task.completedAt) expect(task.completedAt.getTime()).toBeLessThan(now.getTime());
      const mine = taskEntries.filter((e) => e.subjectId === task.id);
      const base = { title: task.title, dueDate: task.dueDate };
      expect(mine.map((e) => e.summary)).toEqual([
        { event: 'created', status: 'todo', ...base },
        ...(task.status === 'done' ? [{ event: 'completed', status: 'done', ...base }] : []),
      ]);
      expect(mine[0]?.occurredAt).toEqual(task.createdAt);
      expect(mine[0]?.people).toEqual([task.assigneeId]);
    }
  }, 120_000);

  it('writes the same activity every time, in its own workspace only', async () => {
    const story = async (workspaceId: string) => {
      const order = new Map(
        (
          await db()
            .select({ id: partners.id })
            .from(partners)
            .where(eq(partners.workspaceId, workspaceId))
            .orderBy(asc(partners.id))
        ).map((p, n) => [p.id, n]),
      );
      return {
        interactions: (await interactionsOf(workspaceId)).map((i) => [
          order.get(i.partnerId),
          i.kind,
          i.occurredAt.toISOString(),
          i.summary,
          i.sentiment,
          i.outcome,
        ]),
        tasks: (await tasksOf(workspaceId)).map((task) => [
          order.get(task.partnerId ?? ''),
          task.title,
          task.status,
          task.dueDate,
          task.completedAt?.toISOString(),
        ]),
      };
    };
    // Ids made by the database in the same millisecond do not keep the order: compare as sets.
    const sorted = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();
    const [a, b] = [await story(first), await story(second)];
    expect(sorted(a.interactions)).toEqual(sorted(b.interactions));
    expect(sorted(a.tasks)).toEqual(sorted(b.tasks));
    // No row of one workspace points at the other's partners or people.
    const theirs = await db()
      .select({ id: partners.id })
      .from(partners)
      .where(eq(partners.workspaceId, second));
    const [crossing] = await db()
      .select({ n: count() })
      .from(timelineEntries)
      .where(
        and(
          eq(timelineEntries.workspaceId, first),
          inArray(
            timelineEntries.partnerId,
            theirs.map((p) => p.id),
          ),
        ),
      );
    expect(crossing?.n).toBe(0);
  });
});
