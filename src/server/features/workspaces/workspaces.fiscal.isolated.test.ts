import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedPartnerUser, seedWorld, signIn, type World } from '../../../../test/factories';
import {
  createTestApp,
  databaseSnapshot,
  expectDenied,
  request,
  type TestApp,
} from '../../../../test/harness';

let t: TestApp;
let world: World;
const url = '/api/v1/workspace';

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
});
afterEach(() => vi.useRealTimers());
afterAll(() => t.close());

async function etagOf(key: string) {
  return String((await request(t.app, { method: 'GET', url, key })).headers.etag);
}

/** Reads the workspace as if it were that instant (only `Date` is faked). */
async function readAt(instant: string, key: string) {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(instant) });
  const res = await request(t.app, { method: 'GET', url, key });
  vi.useRealTimers();
  return res;
}

describe('fiscal year and time zone settings', () => {
  it('start in January in UTC, with the current period', async () => {
    const res = await readAt('2027-05-10T12:00:00Z', world.b.members.viewer.key);
    expect(res.json()).toMatchObject({
      fiscalYearStartMonth: 1,
      timeZone: 'UTC',
      currentPeriod: { year: 'FY2027', quarter: 'FY2027-Q2' },
    });
  });

  it('lets the admin change both, audited, and the current period follows', async () => {
    const key = world.a.members.admin.key;
    const res = await request(t.app, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': await etagOf(key) },
      payload: { fiscalYearStartMonth: 7, timeZone: 'Pacific/Auckland' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fiscalYearStartMonth: 7, timeZone: 'Pacific/Auckland' });

    // 13:30 UTC on 30 June is already 1 July in Auckland: the first quarter of FY2028 there.
    const july = await readAt('2027-06-30T13:30:00Z', key);
    expect(july.json()).toMatchObject({
      fiscalYearStartMonth: 7,
      timeZone: 'Pacific/Auckland',
      currentPeriod: { year: 'FY2028', quarter: 'FY2028-Q1' },
    });
    // A day earlier it is still the last quarter of FY2027 (July 2026 to June 2027).
    const june = await readAt('2027-06-29T13:30:00Z', key);
    expect(june.json().currentPeriod).toEqual({ year: 'FY2027', quarter: 'FY2027-Q4' });
    // In October it is the second quarter.
    const october = await readAt('2026-10-15T00:00:00Z', key);
    expect(october.json().currentPeriod).toEqual({ year: 'FY2027', quarter: 'FY2027-Q2' });

    const audit = await t.database.sql(
      "SELECT before, after FROM audit_events WHERE action = 'workspace.updated' AND workspace_id = $1",
      [world.a.workspaceId],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      before: { fiscalYearStartMonth: 1, timeZone: 'UTC' },
      after: { fiscalYearStartMonth: 7, timeZone: 'Pacific/Auckland' },
    });
  });

  it('stores a time zone as the runtime spells it', async () => {
    const key = world.a.members.admin.key;
    const res = await request(t.app, {
      method: 'PATCH',
      url,
      key,
      headers: { 'if-match': await etagOf(key) },
      payload: { timeZone: 'europe/berlin' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fiscalYearStartMonth: 7, timeZone: 'Europe/Berlin' });
  });

  it('refuses a month outside 1–12 or an unknown time zone, naming the field', async () => {
    const key = world.a.members.admin.key;
    const etag = await etagOf(key);
    for (const [payload, field] of [
      [{ fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: 6.5 }, 'fiscalYearStartMonth'],
      [{ fiscalYearStartMonth: '7' }, 'fiscalYearStartMonth'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '' }, 'timeZone'],
    ] as const) {
      const res = await expectDenied(t, 400, {
        method: 'PATCH',
        url,
        key,
        headers: { 'if-match': etag },
        payload,
      });
      expect(res.json().code).toBe('validation_failed');
      const fields = res.json().errors.map((e: { field: string }) => e.field);
      expect(new Set(fields)).toEqual(new Set([field]));
    }
  });

  it('refuses managers, members, viewers and partner users (403)', async () => {
    const payload = { fiscalYearStartMonth: 4, timeZone: 'Asia/Tokyo' };
    const etag = await etagOf(world.b.members.admin.key);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      await expectDenied(t, 403, {
        method: 'PATCH',
        url,
        key: world.b.members[role].key,
        headers: { 'if-match': etag },
        payload,
      });
    }
    const partnerUser = await seedPartnerUser(
      t.database,
      world.b,
      world.b.partners[0],
      'partner_admin',
    );
    const cookie = await signIn(t.app, partnerUser.email);
    await expectDenied(t, 403, {
      method: 'PATCH',
      url,
      cookie,
      headers: { 'if-match': etag },
      payload,
    });
  });

  it("lets one workspace's admin change only their own workspace", async () => {
    const read = () =>
      t.database.sql(
        'SELECT fiscal_year_start_month, time_zone, version FROM workspaces WHERE id = $1',
        [world.a.workspaceId],
      );
    const before = await read();
    const snapshot = await databaseSnapshot(t.database);
    const res = await request(t.app, {
      method: 'PATCH',
      url,
      key: world.b.members.admin.key,
      headers: { 'if-match': await etagOf(world.b.members.admin.key) },
      payload: { fiscalYearStartMonth: 10, timeZone: 'America/New_York' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: world.b.workspaceId, fiscalYearStartMonth: 10 });
    expect((await read()).rows).toEqual(before.rows);
    expect(await databaseSnapshot(t.database)).not.toBe(snapshot);
  });

  it('keeps the month within 1–12 in the database too', async () => {
    await expect(
      t.database.sql('UPDATE workspaces SET fiscal_year_start_month = 13 WHERE id = $1', [
        world.a.workspaceId,
      ]),
    ).rejects.toThrow(/workspaces_fiscal_year_start_month_range/);
  });
});
