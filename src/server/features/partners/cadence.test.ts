import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPartner, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { defaultContactCadence, effectiveCadenceDays } from '../../../domain/cadence';
import { interactions, partners, workspaces } from '../../db/schema';
import { newId } from '../../ids';
import { catchUpLastTouch, effectiveCadenceDaysSql, refreshLastTouch } from './cadence';

let t: TestApp;
let world: World;
const day = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterAll(() => t.close());

async function partnerWith(workspaceId: string, tier: string | null, override: number | null) {
  const id = await insertPartner(t.database, workspaceId as never, { name: `P ${newId()}` });
  await t.database.db
    .update(partners)
    .set({ tier, contactCadenceDays: override })
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, id)));
  return id;
}

async function interaction(workspaceId: string, partnerId: string, occurredAt: Date) {
  await t.database.db.insert(interactions).values({
    id: newId(),
    workspaceId,
    partnerId,
    kind: 'call',
    occurredAt,
    timeZone: 'UTC',
  });
}

async function row(workspaceId: string, id: string) {
  const [found] = await t.database.db
    .select({
      lastTouchAt: partners.lastTouchAt,
      touchDueAt: partners.touchDueAt,
      createdAt: partners.createdAt,
      cadence: effectiveCadenceDaysSql(),
    })
    .from(partners)
    .innerJoin(workspaces, eq(workspaces.id, partners.workspaceId))
    .where(and(eq(partners.workspaceId, workspaceId), eq(partners.id, id)));
  if (!found) throw new Error('no partner');
  return found;
}

describe('effective cadence in SQL', () => {
  it('agrees with the domain rule: override, tier, default, unknown tier', async () => {
    const ws = world.a.workspaceId;
    const cases = [
      { tier: 'gold', contactCadenceDays: 7 },
      { tier: 'platinum', contactCadenceDays: null },
      { tier: null, contactCadenceDays: null },
      { tier: 'renamed-away', contactCadenceDays: null },
    ];
    for (const c of cases) {
      const id = await partnerWith(ws, c.tier, c.contactCadenceDays);
      const expected = effectiveCadenceDays(c, defaultContactCadence);
      expect((await row(ws, id)).cadence, JSON.stringify(c)).toBe(expected);
    }
  });

  it("follows the workspace's own setting", async () => {
    const ws = world.b.workspaceId;
    await t.database.db
      .update(workspaces)
      .set({ contactCadenceDays: { default: 10, tiers: { gold: 5 } } })
      .where(eq(workspaces.id, ws));
    expect((await row(ws, await partnerWith(ws, 'gold', null))).cadence).toBe(5);
    expect((await row(ws, await partnerWith(ws, 'silver', null))).cadence).toBe(10);
  });
});

describe('refreshLastTouch', () => {
  it('takes the latest past interaction and the due time that follows; the future does not count', async () => {
    const ws = world.a.workspaceId;
    const id = await partnerWith(ws, 'platinum', null);
    const before = await row(ws, id);
    expect(before.lastTouchAt).toBeNull();

    const past = new Date(Date.now() - 20 * day);
    const older = new Date(Date.now() - 40 * day);
    await interaction(ws, id, older);
    await interaction(ws, id, past);
    await interaction(ws, id, new Date(Date.now() + 5 * day));
    expect(await refreshLastTouch(t.database.db, ws, [id])).toBe(1);
    const after = await row(ws, id);
    expect(after.lastTouchAt?.toISOString()).toBe(past.toISOString());
    expect(after.touchDueAt.getTime()).toBe(past.getTime() + 14 * day);
    // Nothing changed, nothing written.
    expect(await refreshLastTouch(t.database.db, ws, [id])).toBe(0);
  });

  it('is due since creation when never touched, and goes back there when touches go', async () => {
    const ws = world.a.workspaceId;
    const id = await partnerWith(ws, null, 30);
    await interaction(ws, id, new Date(Date.now() - day));
    await refreshLastTouch(t.database.db, ws);
    expect((await row(ws, id)).lastTouchAt).not.toBeNull();
    await t.database.db
      .delete(interactions)
      .where(and(eq(interactions.workspaceId, ws), eq(interactions.partnerId, id)));
    await refreshLastTouch(t.database.db, ws);
    const after = await row(ws, id);
    expect(after.lastTouchAt).toBeNull();
    expect(after.touchDueAt.toISOString()).toBe(after.createdAt.toISOString());
  });

  it("touches only the given workspace's partners", async () => {
    const other = world.b.partners[0];
    await interaction(world.b.workspaceId, other, new Date(Date.now() - day));
    await refreshLastTouch(t.database.db, world.a.workspaceId);
    expect((await row(world.b.workspaceId, other)).lastTouchAt).toBeNull();
    await refreshLastTouch(t.database.db, world.b.workspaceId);
    expect((await row(world.b.workspaceId, other)).lastTouchAt).not.toBeNull();
  });

  it('catches up when a planned interaction comes due, which no write marks', async () => {
    const ws = world.a.workspaceId;
    const id = await partnerWith(ws, 'gold', null);
    await interaction(ws, id, new Date(Date.now() + day));
    await refreshLastTouch(t.database.db, ws, [id]);
    expect((await row(ws, id)).lastTouchAt).toBeNull();
    // Time passes: the meeting is now an hour ago.
    const held = new Date(Date.now() - day / 24);
    await t.database.db
      .update(interactions)
      .set({ occurredAt: held })
      .where(and(eq(interactions.workspaceId, ws), eq(interactions.partnerId, id)));
    expect(await catchUpLastTouch(t.database)).toBeGreaterThanOrEqual(1);
    const after = await row(ws, id);
    expect(after.lastTouchAt?.toISOString()).toBe(held.toISOString());
    expect(after.touchDueAt.getTime()).toBe(held.getTime() + 30 * day);
    expect(await catchUpLastTouch(t.database)).toBe(0);
  });

  it('refuses an override out of range in the database too', async () => {
    const ws = world.a.workspaceId;
    await expect(
      t.database.db.execute(
        sql`UPDATE partners SET contact_cadence_days = 0 WHERE workspace_id = ${ws}`,
      ),
    ).rejects.toThrow();
  });
});
