import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertManyPartners, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';
import {
  defaultHealthWeights,
  type HealthInputs,
  type HealthWeights,
  healthScore,
} from '../../../domain/health-score';
import type { PartnerId, WorkspaceId } from '../../../domain/ids';
import type { Database } from '../../db/client';
import { newId } from '../../ids';
import { snapshotDueWorkspaces, snapshotWorkspace } from './health.service';

let t: TestApp;
let world: World;
const DAY = 86_400_000;
/** The run's "now": data is placed relative to it, and the job runs at it. */
const now = new Date();
const today = now.toISOString().slice(0, 10);
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const dayAgo = (days: number) => ago(days).toISOString().slice(0, 10);

async function addInteraction(
  database: Database,
  workspaceId: string,
  partnerId: string,
  at: Date,
  sentiment: string | null = null,
) {
  await database.sql(
    `INSERT INTO interactions (id, workspace_id, partner_id, kind, occurred_at, time_zone, sentiment)
     VALUES ($1, $2, $3, 'meeting', $4, 'UTC', $5)`,
    [newId(), workspaceId, partnerId, at.toISOString(), sentiment],
  );
}

async function addIssue(
  database: Database,
  workspaceId: string,
  partnerId: string,
  fields: { severity: string; rank: number; status: string; createdAt: Date },
) {
  await database.sql(
    `INSERT INTO issues (id, workspace_id, partner_id, title, kind, severity, severity_rank, status,
       due_on, search_text, created_at)
     VALUES ($1, $2, $3, 'Issue', 'delivery', $4, $5, $6, $7, 'issue', $8)`,
    [
      newId(),
      workspaceId,
      partnerId,
      fields.severity,
      fields.rank,
      fields.status,
      today,
      fields.createdAt.toISOString(),
    ],
  );
}

async function addTask(
  database: Database,
  workspaceId: string,
  partnerId: string,
  fields: { status: string; dueDate: string; completedAt?: Date },
) {
  await database.sql(
    `INSERT INTO tasks (id, workspace_id, title, priority, status, partner_id, visibility,
       search_text, due_date, completed_at)
     VALUES ($1, $2, 'Task', 'normal', $3, $4, 'internal', 'task', $5, $6)`,
    [
      newId(),
      workspaceId,
      fields.status,
      partnerId,
      fields.dueDate,
      fields.completedAt?.toISOString() ?? null,
    ],
  );
}

/** What the hand-built data of A's first partner amounts to, counted by hand. */
const builtInputs: HealthInputs = {
  daysSinceLastInteraction: 5,
  cadenceDays: 60,
  interactionsLast90: 3,
  interactionsPrevious90: 1,
  sentiment: { positive: 2, neutral: 0, negative: 1 },
  openIssues: [{ severity: 'high', ageDays: 10 }],
  tasks: { onTime: 1, late: 1, overdue: 1 },
};
const emptyInputs: HealthInputs = {
  daysSinceLastInteraction: null,
  cadenceDays: 60,
  interactionsLast90: 0,
  interactionsPrevious90: 0,
  sentiment: { positive: 0, neutral: 0, negative: 0 },
  openIssues: [],
  tasks: { onTime: 0, late: 0, overdue: 0 },
};

async function snapshots(workspaceId: string) {
  const { rows } = await t.database.sql(
    `SELECT partner_id, to_char(day, 'YYYY-MM-DD') AS day, score, components
     FROM health_snapshots WHERE workspace_id = $1 ORDER BY partner_id, day`,
    [workspaceId],
  );
  return rows as Array<{ partner_id: string; day: string; score: number; components: unknown }>;
}

async function scoreOnPartner(partnerId: string): Promise<number | null> {
  const { rows } = await t.database.sql('SELECT health_score FROM partners WHERE id = $1', [
    partnerId,
  ]);
  return (rows[0] as { health_score: number | null }).health_score;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const ws = world.a.workspaceId;
  const [one] = world.a.partners;
  // Three interactions in the last 90 days, one in the 90 before, one too old, one planned.
  await addInteraction(t.database, ws, one, ago(5), 'positive');
  await addInteraction(t.database, ws, one, ago(20), 'positive');
  await addInteraction(t.database, ws, one, ago(40), 'negative');
  await addInteraction(t.database, ws, one, ago(100), 'negative');
  await addInteraction(t.database, ws, one, ago(200), 'negative');
  await addInteraction(t.database, ws, one, new Date(now.getTime() + 2 * DAY), 'negative');
  // One open high issue ten days old; a resolved critical one does not count.
  await addIssue(t.database, ws, one, {
    severity: 'high',
    rank: 2,
    status: 'investigating',
    createdAt: ago(10),
  });
  await addIssue(t.database, ws, one, {
    severity: 'critical',
    rank: 3,
    status: 'resolved',
    createdAt: ago(30),
  });
  // On time, late, overdue; one not yet due and one done long ago do not count.
  await addTask(t.database, ws, one, { status: 'done', dueDate: dayAgo(10), completedAt: ago(12) });
  await addTask(t.database, ws, one, { status: 'done', dueDate: dayAgo(20), completedAt: ago(15) });
  await addTask(t.database, ws, one, { status: 'todo', dueDate: dayAgo(3) });
  await addTask(t.database, ws, one, { status: 'in_progress', dueDate: dayAgo(-5) });
  await addTask(t.database, ws, one, {
    status: 'done',
    dueDate: dayAgo(200),
    completedAt: ago(150),
  });
  // B's partner has plenty going on; none of it may reach A's scores.
  for (const days of [1, 2, 3]) {
    await addInteraction(
      t.database,
      world.b.workspaceId,
      world.b.partners[0],
      ago(days),
      'negative',
    );
  }
});
afterAll(() => t.close());

describe('the daily snapshot job', () => {
  it('scores every partner as the pure function does on hand-counted inputs', async () => {
    const [one, two] = world.a.partners;
    expect(await snapshotWorkspace(t.database, world.a.workspaceId, now)).toBe(2);
    const rows = await snapshots(world.a.workspaceId);
    const expectedOne = healthScore(builtInputs, defaultHealthWeights);
    const expectedTwo = healthScore(emptyInputs, defaultHealthWeights);
    expect(rows).toEqual(
      [
        {
          partner_id: one,
          day: today,
          score: expectedOne.score,
          components: expectedOne.components,
        },
        {
          partner_id: two,
          day: today,
          score: expectedTwo.score,
          components: expectedTwo.components,
        },
      ].sort((a, b) => a.partner_id.localeCompare(b.partner_id)),
    );
    expect(await scoreOnPartner(one)).toBe(expectedOne.score);
    expect(await scoreOnPartner(two)).toBe(expectedTwo.score);
    // B was not touched by A's run.
    expect(await snapshots(world.b.workspaceId)).toEqual([]);
    expect(await scoreOnPartner(world.b.partners[0])).toBeNull();
  });

  it('is idempotent per day: a second run overwrites, one row per partner per day', async () => {
    const [one] = world.a.partners;
    await snapshotWorkspace(t.database, world.a.workspaceId, now);
    expect(await snapshots(world.a.workspaceId)).toHaveLength(2);
    // A new positive interaction today changes the score on a rerun, in place.
    await addInteraction(t.database, world.a.workspaceId, one, ago(1), 'positive');
    await snapshotWorkspace(t.database, world.a.workspaceId, now);
    const rows = await snapshots(world.a.workspaceId);
    expect(rows).toHaveLength(2);
    const expected = healthScore(
      {
        ...builtInputs,
        daysSinceLastInteraction: 1,
        interactionsLast90: 4,
        sentiment: { positive: 3, neutral: 0, negative: 1 },
      },
      defaultHealthWeights,
    );
    expect(rows.find((r) => r.partner_id === one)?.score).toBe(expected.score);
    expect(await scoreOnPartner(one)).toBe(expected.score);
  });

  it('takes each workspace once a day, each with its own data and weights', async () => {
    // A is done for today; B is due, with its own weights.
    const weights: HealthWeights = {
      engagement: 0,
      momentum: 0,
      sentiment: 1,
      issues: 0,
      followThrough: 0,
    };
    await t.database.sql('UPDATE workspaces SET health_weights = $1 WHERE id = $2', [
      JSON.stringify(weights),
      world.b.workspaceId,
    ]);
    expect(await snapshotDueWorkspaces(t.database, now)).toBe(2);
    const rows = await snapshots(world.b.workspaceId);
    const expected = healthScore(
      {
        ...emptyInputs,
        daysSinceLastInteraction: 1,
        interactionsLast90: 3,
        sentiment: { positive: 0, neutral: 0, negative: 3 },
      },
      weights,
    );
    expect(rows.find((r) => r.partner_id === world.b.partners[0])?.score).toBe(expected.score);
    expect(expected.score).toBe(20);
    // Nothing is due any more today; tomorrow everything is.
    expect(await snapshotDueWorkspaces(t.database, now)).toBe(0);
    const tomorrow = new Date(now.getTime() + DAY);
    expect(await snapshotDueWorkspaces(t.database, tomorrow)).toBe(4);
    await t.database.sql('DELETE FROM health_snapshots WHERE day > $1', [today]);
  });

  it('is one pass: the same statements for 2 partners as for 52', async () => {
    const counting = async () => {
      const spy = vi.spyOn(t.database.db, 'execute');
      try {
        await snapshotWorkspace(t.database, world.a.workspaceId, now);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const few = await counting();
    const workspaceId = world.a.workspaceId as WorkspaceId;
    const many = await insertManyPartners(t.database, workspaceId, 50, { namePrefix: 'Many' });
    expect(await counting()).toBe(few);
    expect(few).toBe(2); // the aggregate read and the write
    expect(await scoreOnPartner(many[0] as PartnerId)).toBe(
      healthScore(emptyInputs, defaultHealthWeights).score,
    );
    await t.database.sql(
      "UPDATE partners SET archived_at = now() WHERE workspace_id = $1 AND name LIKE 'Many %'",
      [workspaceId],
    );
  });
});
