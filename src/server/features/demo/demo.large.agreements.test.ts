import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededWorkspace, seedPartnerUser, signIn } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { agreementStatuses } from '../../../domain/agreements';
import type { WorkspaceId } from '../../../domain/ids';
import { systemScope } from '../../access/scope';
import { agreements, workspaces } from '../../db/schema';
import { newId } from '../../ids';
import { createApiKey } from '../api-keys/api-keys.service';
import { type SeedDemoResult, seedDemo } from './demo.service';

/**
 * The large set's agreements at a two-hundredth of its size (50 partners, 500 agreements),
 * written by the same set-based statements as the full set, around a fixed day.
 */
const scale = 0.005;
const now = new Date('2026-06-01T12:00:00Z');
const today = '2026-06-01';
let t: TestApp;
const db = () => t.database.db;

async function emptyWorkspace(name: string): Promise<WorkspaceId> {
  const id = newId<WorkspaceId>();
  await db().insert(workspaces).values({ id, name });
  return id;
}

const rowsOf = async <T>(text: string, params: unknown[]) =>
  (await t.database.sql(text, params)).rows as T[];

describe('the large demo set’s agreements, scaled down', () => {
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

  it('writes its share of 100 000 agreements, ten a partner, in every status', async () => {
    expect(seeded.agreements).toBe(500);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    const byStatus = await rowsOf<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM agreements WHERE workspace_id = $1 GROUP BY 1`,
      [first],
    );
    expect(new Set(byStatus.map((r) => r.status))).toEqual(new Set(agreementStatuses));
    for (const r of byStatus) expect(r.n).toBeGreaterThanOrEqual(5);
    // Most are in force; a tenth or more are inside their notice period.
    const count = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
    expect(count('active')).toBeGreaterThan(150);
    expect(count('expiring')).toBeGreaterThan(40);
    const perPartner = await rowsOf<{ n: number }>(
      `SELECT count(*)::int AS n FROM agreements WHERE workspace_id = $1 GROUP BY partner_id`,
      [first],
    );
    expect(perPartner).toHaveLength(50);
    for (const r of perPartner) expect(r.n).toBe(10);
    const types = await rowsOf<{ type: string }>(
      `SELECT DISTINCT type FROM agreements WHERE workspace_id = $1`,
      [first],
    );
    expect(types.length).toBeGreaterThanOrEqual(7);
  });

  it('gives every agreement our signer and the partner’s from its own contacts', async () => {
    const signers = await rowsOf<{
      side: string;
      n: number;
      foreign: number;
      notSigning: number;
    }>(
      `SELECT s.side, count(*)::int AS n,
         count(*) FILTER (WHERE s.side = 'partner' AND c.partner_id <> a.partner_id)::int AS foreign,
         count(*) FILTER (WHERE s.side = 'us' AND m.role NOT IN ('admin', 'manager'))::int
           AS "notSigning"
       FROM agreement_signers s
       JOIN agreements a ON a.workspace_id = s.workspace_id AND a.id = s.agreement_id
       LEFT JOIN contacts c ON c.workspace_id = s.workspace_id AND c.id = s.contact_id
       LEFT JOIN members m ON m.workspace_id = s.workspace_id AND m.id = s.member_id
       WHERE s.workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [first],
    );
    const side = (name: string) => signers.find((s) => s.side === name);
    expect(side('us')).toMatchObject({ n: 500, notSigning: 0 });
    expect(side('partner')?.n).toBeGreaterThan(400);
    expect(side('partner')?.foreign).toBe(0);
    const unsigned = await rowsOf<{ n: number }>(
      `SELECT count(*)::int AS n FROM agreements a WHERE a.workspace_id = $1 AND NOT EXISTS (
         SELECT 1 FROM agreement_signers s WHERE s.workspace_id = a.workspace_id
           AND s.agreement_id = a.id AND s.side = 'us')`,
      [first],
    );
    expect(unsigned[0]?.n).toBe(0);
  });

  it('puts SOWs under the same partner’s master, in force or still drafts', async () => {
    const sows = await rowsOf<{ status: string; parent: string; type: string; same: boolean }>(
      `SELECT a.status, p.status AS parent, p.type, p.partner_id = a.partner_id AS same
       FROM agreements a JOIN agreements p ON p.workspace_id = a.workspace_id AND p.id = a.parent_id
       WHERE a.workspace_id = $1`,
      [first],
    );
    expect(sows).toHaveLength(200);
    for (const s of sows) {
      expect(s.same).toBe(true);
      expect(s.type).not.toBe('sow');
      if (!['active', 'expiring'].includes(s.parent)) expect(s.status).toBe('draft');
    }
  });

  it('dates each agreement as its status says, with renewals due in the next 30, 60 and 90 days', async () => {
    const wrong = await rowsOf<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM agreements WHERE workspace_id = $1 AND NOT CASE
         WHEN status IN ('draft', 'in_negotiation', 'pending_signature') THEN effective_on > $2::date
         WHEN status = 'active' THEN effective_on <= $2::date
           AND (end_on IS NULL OR end_on > $2::date + notice_days)
         WHEN status = 'expiring' THEN end_on BETWEEN $2::date AND $2::date + notice_days
         WHEN status IN ('expired', 'renewed') THEN end_on < $2::date
         ELSE effective_on <= $2::date END
       GROUP BY 1`,
      [first, today],
    );
    expect(wrong).toEqual([]);
    // An auto-renewing agreement rolls on rather than expiring (decision 054); each renewed term
    // is the previous term of its partner's master.
    const links = await rowsOf<{ autoExpiring: number; renewed: number; linked: number }>(
      `SELECT count(*) FILTER (WHERE auto_renew AND status IN ('expiring', 'expired'))::int
           AS "autoExpiring",
         count(*) FILTER (WHERE status = 'renewed')::int AS renewed,
         (SELECT count(*)::int FROM agreements n JOIN agreements r
            ON r.workspace_id = n.workspace_id AND r.id = n.renewed_from_id
          WHERE n.workspace_id = $1 AND r.status = 'renewed') AS linked
       FROM agreements WHERE workspace_id = $1`,
      [first],
    );
    expect(links[0]?.autoExpiring).toBe(0);
    expect(links[0]?.linked).toBeGreaterThan(20);
    const due = await rowsOf<{ d30: number; d60: number; d90: number }>(
      `SELECT count(*) FILTER (WHERE end_on <= $2::date + 30)::int AS d30,
         count(*) FILTER (WHERE end_on <= $2::date + 60)::int AS d60,
         count(*) FILTER (WHERE end_on <= $2::date + 90)::int AS d90
       FROM agreements WHERE workspace_id = $1 AND status IN ('active', 'expiring')
         AND end_on >= $2::date`,
      [first, today],
    );
    const [d] = due;
    expect(d?.d30).toBeGreaterThan(5);
    expect(d?.d60).toBeGreaterThan(d?.d30 ?? 0);
    expect(d?.d90).toBeGreaterThan(d?.d60 ?? 0);
    // Values are in the partner's currency, and only where the type carries one.
    const money = await rowsOf<{ n: number; unpriced: number }>(
      `SELECT count(*) FILTER (WHERE a.currency IS NOT NULL AND a.currency NOT IN ('EUR', 'GBP', 'USD'))::int AS n,
         count(*) FILTER (WHERE a.type IN ('nda', 'dpa', 'mou') AND a.value IS NOT NULL)::int AS unpriced
       FROM agreements a WHERE a.workspace_id = $1`,
      [first],
    );
    expect(money[0]).toEqual({ n: 0, unpriced: 0 });
  });

  it('writes the same agreements every time, in its own workspace only, and serves them', async () => {
    const shapeOf = (workspaceId: string) =>
      rowsOf(
        `SELECT p.name, a.type, a.title, a.status, a.effective_on::text, a.end_on::text, a.value
         FROM agreements a JOIN partners p ON p.workspace_id = a.workspace_id AND p.id = a.partner_id
         WHERE a.workspace_id = $1 ORDER BY 1, 3, 5, 6`,
        [workspaceId],
      );
    const mine = await shapeOf(first);
    expect(mine).toHaveLength(500);
    expect(await shapeOf(second)).toEqual(mine);

    const ctx = { ...t.ctx, requestId: null };
    const { key } = await createApiKey(ctx, systemScope(first, 'cli'), {
      name: 'test',
      role: 'viewer',
    });
    const list = await request(t.app, {
      method: 'GET',
      url: `/api/v1/agreements?status=active&status=expiring&endFrom=${today}&sort=endOn&limit=50`,
      key,
    });
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as Array<{ status: string; endOn: string }>;
    expect(items).toHaveLength(50);
    expect(items.map((i) => i.endOn)).toEqual(items.map((i) => i.endOn).toSorted());

    // Another workspace's key and the partner's own users see none of them; nothing changes.
    const [theirs] = await db()
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.workspaceId, second), eq(agreements.status, 'active')))
      .limit(1);
    await expectDenied(t, 404, { method: 'GET', url: `/api/v1/agreements/${theirs?.id}`, key });
    const [own] = await db()
      .select()
      .from(agreements)
      .where(eq(agreements.workspaceId, first))
      .orderBy(asc(agreements.id))
      .limit(1);
    const user = await seedPartnerUser(
      t.database,
      { workspaceId: first } as SeededWorkspace,
      own?.partnerId as SeededWorkspace['partners'][0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, user.email);
    await expectDenied(t, 404, { method: 'GET', url: `/api/v1/agreements/${own?.id}`, cookie });
    await expectDenied(t, 403, { method: 'GET', url: '/api/v1/agreements', cookie });
    // Each denial compares a snapshot of the whole database before and after.
  }, 300_000);
});
