import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../../test/harness';
import { defaultHealthWeights, healthScore } from '../../../domain/health-score';
import { newId } from '../../ids';
import { daysBefore } from './health.queries';
import { snapshotWorkspace } from './health.service';

let t: TestApp;
let world: World;
let partnerUser: string;
const DAY = 86_400_000;
const now = new Date();
const today = now.toISOString().slice(0, 10);

/** A snapshot row as the job writes it, with a made-up breakdown naming `weakest`. */
async function putSnapshot(
  workspaceId: string,
  partnerId: string,
  day: string,
  score: number,
  weakest = 'engagement',
) {
  const components = ['engagement', 'momentum', 'sentiment', 'issues', 'followThrough'].map(
    (key) => ({
      key,
      weight: 0.2,
      score: key === weakest ? 0 : 90,
      reason: `${key} on ${day}`,
    }),
  );
  await t.database.sql(
    `INSERT INTO health_snapshots (workspace_id, partner_id, day, score, components)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, partner_id, day) DO UPDATE SET score = $4, components = $5`,
    [workspaceId, partnerId, day, score, JSON.stringify(components)],
  );
  if (day === today) {
    await t.database.sql('UPDATE partners SET health_score = $1 WHERE id = $2', [score, partnerId]);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  const user = await seedPartnerUser(t.database, world.a, world.a.partners[0], 'partner_admin');
  partnerUser = await signIn(t.app, user.email);
});
afterAll(() => t.close());

describe('GET /partners/{id}/health', () => {
  it('answers the live score with its reasons and the last 90 days of snapshots', async () => {
    const [one] = world.a.partners;
    await t.database.sql(
      `INSERT INTO interactions (id, workspace_id, partner_id, kind, occurred_at, time_zone, sentiment)
       VALUES ($1, $2, $3, 'call', $4, 'UTC', 'positive')`,
      [newId(), world.a.workspaceId, one, new Date(now.getTime() - 3 * DAY).toISOString()],
    );
    await putSnapshot(world.a.workspaceId, one, daysBefore(today, 120), 10);
    await putSnapshot(world.a.workspaceId, one, daysBefore(today, 89), 40);
    await putSnapshot(world.a.workspaceId, one, daysBefore(today, 1), 60);
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${one}/health`,
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const expected = healthScore(
      {
        daysSinceLastInteraction: 3,
        cadenceDays: 60,
        interactionsLast90: 1,
        interactionsPrevious90: 0,
        sentiment: { positive: 1, neutral: 0, negative: 0 },
        openIssues: [],
        tasks: { onTime: 0, late: 0, overdue: 0 },
      },
      defaultHealthWeights,
    );
    expect(body).toMatchObject({
      partnerId: one,
      score: expected.score,
      components: expected.components,
      weights: defaultHealthWeights,
    });
    expect(body.components[0].reason).toBe(
      'Last interaction 3 days ago, cadence 60 days: on schedule',
    );
    expect(body.trend).toEqual([
      { day: daysBefore(today, 89), score: 40 },
      { day: daysBefore(today, 1), score: 60 },
    ]);
  });

  it("measures engagement against the partner's effective cadence", async () => {
    const [, two] = world.a.partners;
    await t.database.sql('UPDATE partners SET contact_cadence_days = 7 WHERE id = $1', [two]);
    await t.database.sql(
      `INSERT INTO interactions (id, workspace_id, partner_id, kind, occurred_at, time_zone)
       VALUES ($1, $2, $3, 'call', $4, 'UTC')`,
      [newId(), world.a.workspaceId, two, new Date(now.getTime() - 10 * DAY).toISOString()],
    );
    const res = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${two}/health`,
      key: world.a.members.viewer.key,
    });
    expect(res.json().components[0]).toMatchObject({
      key: 'engagement',
      reason: 'Last interaction 10 days ago, cadence 7 days: 3 days overdue',
    });
    await t.database.sql('UPDATE partners SET contact_cadence_days = NULL WHERE id = $1', [two]);
  });

  it('is 404 for another workspace’s partner and for a partner user, 400 for a bad id', async () => {
    const url = `/api/v1/partners/${world.a.partners[0]}/health`;
    await expectDenied(t, 404, { method: 'GET', url, key: world.b.members.admin.key });
    await expectDenied(t, 404, {
      method: 'GET',
      url: `/api/v1/partners/${newId()}/health`,
      key: world.a.members.admin.key,
    });
    // Health is internal: not even the partner's own users read it (404 like any internal record).
    await expectDenied(t, 404, { method: 'GET', url, cookie: partnerUser });
    const bad = await expectDenied(t, 400, {
      method: 'GET',
      url: '/api/v1/partners/not-a-uuid/health',
      key: world.a.members.admin.key,
    });
    expect(bad.json().errors[0].field).toBe('id');
  });
});

describe('the weights setting', () => {
  const url = '/api/v1/workspace';

  it('refuses bad weights, naming the field, and changes nothing', async () => {
    const key = world.a.members.admin.key;
    const etag = String((await request(t.app, { method: 'GET', url, key })).headers.etag);
    const zero = { engagement: 0, momentum: 0, sentiment: 0, issues: 0, followThrough: 0 };
    for (const [healthWeights, field] of [
      [zero, 'healthWeights'],
      [{ ...defaultHealthWeights, momentum: 101 }, 'healthWeights.momentum'],
      [{ ...defaultHealthWeights, issues: 2.5 }, 'healthWeights.issues'],
      [{ ...defaultHealthWeights, reach: 3 }, 'healthWeights.reach'],
      [{ engagement: 10 }, 'healthWeights.momentum'],
    ] as const) {
      const res = await expectDenied(t, 400, {
        method: 'PATCH',
        url,
        key,
        headers: { 'if-match': etag },
        payload: { healthWeights },
      });
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    for (const role of ['manager', 'member', 'viewer'] as const) {
      await expectDenied(t, 403, {
        method: 'PATCH',
        url,
        key: world.a.members[role].key,
        headers: { 'if-match': etag },
        payload: { healthWeights: { ...defaultHealthWeights, momentum: 50 } },
      });
    }
  });

  it('lets the admin change them, audited, and the score follows', async () => {
    const key = world.a.members.admin.key;
    const current = await request(t.app, { method: 'GET', url, key });
    expect(current.json().healthWeights).toEqual(defaultHealthWeights);
    const weights = { engagement: 1, momentum: 0, sentiment: 0, issues: 0, followThrough: 0 };
    const res = await request(t.app, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': String(current.headers.etag) },
      payload: { healthWeights: weights },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().healthWeights).toEqual(weights);
    const audit = await t.database.sql(
      "SELECT before, after FROM audit_events WHERE action = 'workspace.updated' AND workspace_id = $1",
      [world.a.workspaceId],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ healthWeights: defaultHealthWeights }),
        after: expect.objectContaining({ healthWeights: weights }),
      }),
    ]);
    // Engagement alone: contacted 3 days ago against the default 60-day cadence is 100.
    const health = await request(t.app, {
      method: 'GET',
      url: `/api/v1/partners/${world.a.partners[0]}/health`,
      key,
    });
    expect(health.json()).toMatchObject({ score: 100, weights });
    // B keeps its own weights.
    const b = await request(t.app, { method: 'GET', url, key: world.b.members.admin.key });
    expect(b.json().healthWeights).toEqual(defaultHealthWeights);
  });
});

describe('GET /partners/at-risk', () => {
  it('lists the lowest and the fastest falling with the weakest component’s reason', async () => {
    const ws = world.a.workspaceId;
    const [one, two] = world.a.partners;
    const then = daysBefore(today, 30);
    // One: 80 → 30 (falls 50), weakest issues. Two: 55 → 50 (falls 5), weakest momentum.
    await putSnapshot(ws, one, then, 80);
    await putSnapshot(ws, one, today, 30, 'issues');
    await putSnapshot(ws, two, then, 55);
    await putSnapshot(ws, two, today, 50, 'momentum');
    // B's partner is lower and falls further, and must not show in A.
    await putSnapshot(world.b.workspaceId, world.b.partners[0], then, 100);
    await putSnapshot(world.b.workspaceId, world.b.partners[0], today, 1);
    const res = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners/at-risk?limit=5',
      key: world.a.members.viewer.key,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lowest.map((p: { partnerId: string }) => p.partnerId)).toEqual([one, two]);
    expect(body.falling).toEqual([
      expect.objectContaining({ partnerId: one, score: 30, previousScore: 80 }),
      expect.objectContaining({ partnerId: two, score: 50, previousScore: 55 }),
    ]);
    expect(body.lowest[0].weakest).toEqual({
      key: 'issues',
      weight: 0.2,
      score: 0,
      reason: `issues on ${today}`,
    });
    expect(body.falling[1].weakest.key).toBe('momentum');
    const limited = await request(t.app, {
      method: 'GET',
      url: '/api/v1/partners/at-risk?limit=1',
      key: world.a.members.viewer.key,
    });
    expect(limited.json().lowest).toHaveLength(1);
    await expectDenied(t, 400, {
      method: 'GET',
      url: '/api/v1/partners/at-risk?limit=0',
      key: world.a.members.viewer.key,
    });
    await expectDenied(t, 403, {
      method: 'GET',
      url: '/api/v1/partners/at-risk',
      cookie: partnerUser,
    });
  });
});

describe('the partner list by health', () => {
  const list = async (query: string, key = world.a.members.viewer.key) => {
    const res = await request(t.app, { method: 'GET', url: `/api/v1/partners?${query}`, key });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      items: Array<{ id: string; healthScore: number | null }>;
      nextCursor: string | null;
    };
  };

  it('sorts by health both ways, unscored first when ascending, page by page', async () => {
    const ws = world.a.workspaceId;
    const { rows } = await t.database.sql(
      `INSERT INTO partners (id, workspace_id, name, type, stage, search_text, health_score)
       SELECT gen_random_uuid(), $1, 'Scored ' || n, 'technology', 'active', 'scored ' || n,
         CASE WHEN n % 4 = 0 THEN NULL ELSE (n * 7) % 101 END
       FROM generate_series(1, 20) AS n RETURNING id, health_score`,
      [ws],
    );
    expect(rows).toHaveLength(20);
    const all = await t.database.sql(
      'SELECT id, health_score FROM partners WHERE workspace_id = $1 AND archived_at IS NULL',
      [ws],
    );
    const key = (r: { health_score: number | null }) => r.health_score ?? -1;
    const expected = (all.rows as Array<{ id: string; health_score: number | null }>)
      .sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id))
      .map((r) => r.id);
    // Pages of 5 follow the cursor through the unscored and the scored alike.
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await list(`sort=health&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(expected);
    const desc = await list('sort=-health&limit=200');
    expect(desc.items.map((p) => p.id)).toEqual([...expected].reverse());
    expect(desc.items[0]?.healthScore).toBe(Math.max(...all.rows.map((r) => key(r as never))));
  });

  it('filters by a health range, and never shows another workspace’s partners', async () => {
    const fair = await list('healthMin=40&healthMax=69&limit=200');
    expect(fair.items.length).toBeGreaterThan(0);
    for (const p of fair.items) {
      expect(p.healthScore).toBeGreaterThanOrEqual(40);
      expect(p.healthScore).toBeLessThanOrEqual(69);
    }
    const { rows } = await t.database.sql(
      `SELECT count(*)::int AS n FROM partners WHERE workspace_id = $1 AND archived_at IS NULL
         AND health_score BETWEEN 40 AND 69`,
      [world.a.workspaceId],
    );
    expect(fair.items).toHaveLength((rows[0] as { n: number }).n);
    // B's only scored partner (1) is not in A's lowest band.
    const low = await list('healthMax=5&limit=200');
    expect(low.items.map((p) => p.id)).not.toContain(world.b.partners[0]);
    const bLow = await list('healthMax=5', world.b.members.viewer.key);
    expect(bLow.items.map((p) => p.id)).toEqual([world.b.partners[0]]);
    const before = await databaseSnapshot(t.database);
    for (const query of ['healthMin=-1', 'healthMax=101', 'healthMin=abc', 'sort=healthy']) {
      await expectDenied(t, 400, {
        method: 'GET',
        url: `/api/v1/partners?${query}`,
        key: world.a.members.viewer.key,
      });
    }
    expect(await databaseSnapshot(t.database)).toBe(before);
  });

  it('a real snapshot run sets what the list sorts by', async () => {
    await snapshotWorkspace(t.database, world.a.workspaceId, now);
    const page = await list('sort=health&limit=1');
    expect(page.items[0]?.healthScore).not.toBeNull();
  });
});
