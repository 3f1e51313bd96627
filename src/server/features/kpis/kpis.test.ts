import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, signIn, type World } from '../../../../test/factories';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import { ifMatch, planClient } from '../../../../test/plans';
import { dateAt } from '../../../domain/periods';
import { refreshOpenKpis } from './kpis.refresh';

let t: TestApp;
let world: World;
let admin: string;

const { send, newPlan, newKpi, planVersion } = planClient(
  () => t,
  () => admin,
);

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  admin = world.a.members.admin.key;
});
afterAll(() => t.close());

describe('KPI definitions', () => {
  it('are added, read, changed and deleted on a draft plan, each with an audit event', async () => {
    const planId = await newPlan(world.a.partners[0], 'FY2025');
    const before = await planVersion(planId);
    const made = await send('POST', `/api/v1/plans/${planId}/kpis`, {
      name: 'Sourced pipeline',
      unit: 'currency',
      currency: 'eur',
      target: 120_000_00,
      ownerMemberId: world.a.members.member.memberId,
    });
    expect(made.statusCode).toBe(201);
    const kpi = made.json();
    expect(kpi).toMatchObject({
      planId,
      position: 0,
      unit: 'currency',
      currency: 'EUR',
      target: 12_000_000,
      baseline: null,
      direction: 'higher',
      cadence: 'monthly',
      aggregation: 'sum',
      source: 'manual',
      version: 1,
    });
    // A year gone by with nothing recorded is at risk, as the status rule says.
    expect(kpi.progress).toMatchObject({ actual: null, attainment: null, status: 'at_risk' });
    expect(made.headers.location).toBe(`/api/v1/kpis/${kpi.id}`);
    // The KPIs are part of the plan's content: its ETag moves.
    expect(await planVersion(planId)).toBe(before + 1);

    const second = await newKpi(planId, { name: 'Win rate', unit: 'percent', target: 3000 });
    expect(second.position).toBe(1);
    const listed = (await send('GET', `/api/v1/plans/${planId}/kpis`)).json().items;
    expect(listed.map((k: { name: string }) => k.name)).toEqual(['Sourced pipeline', 'Win rate']);

    const changed = await send(
      'PATCH',
      `/api/v1/kpis/${second.id}`,
      { target: 3500, baseline: 2500, aggregation: 'last' },
      ifMatch(1),
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ target: 3500, baseline: 2500, version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    await expectDenied(t, 412, {
      method: 'PATCH',
      url: `/api/v1/kpis/${second.id}`,
      key: admin,
      headers: ifMatch(1),
      payload: { name: 'x' },
    });
    await expectDenied(t, 428, {
      method: 'DELETE',
      url: `/api/v1/kpis/${second.id}`,
      key: admin,
    });
    expect(
      (await send('DELETE', `/api/v1/kpis/${second.id}`, undefined, ifMatch(2))).statusCode,
    ).toBe(204);
    expect((await send('GET', `/api/v1/kpis/${second.id}`)).statusCode).toBe(404);
    const actions = (
      await t.database.sql(
        `SELECT action FROM audit_events WHERE entity_type = 'kpi' AND entity_id = $1 ORDER BY id`,
        [second.id],
      )
    ).rows.map((row) => (row as { action: string }).action);
    expect(actions).toEqual(['kpi.created', 'kpi.updated', 'kpi.deleted']);
  });

  it('refuse bad definitions naming the field, writing nothing', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2025-M03');
    const url = `/api/v1/plans/${planId}/kpis`;
    const bad = async (payload: object, field: string, status = 422) => {
      const res = await expectDenied(t, status, { method: 'POST', url, key: admin, payload });
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ name: 'Revenue', unit: 'currency', target: 100 }, 'currency');
    await bad({ name: 'Deals', unit: 'count', currency: 'EUR', target: 100 }, 'currency');
    await bad({ name: 'Deals', unit: 'count', target: -5 }, 'target');
    await bad({ name: 'Deals', unit: 'count', target: 2.5 }, 'target');
    await bad(
      { name: 'Churn', unit: 'percent', target: 300, baseline: 400, aggregation: 'last' },
      'target',
    );
    await bad({ name: 'Deals', unit: 'count', target: 5, cadence: 'quarterly' }, 'cadence');
    await bad({ name: 'Deals', unit: 'currency', currency: 'EURO', target: 5 }, 'currency', 400);
    await bad(
      { name: 'Deals', unit: 'count', target: 5, ownerMemberId: world.b.members.admin.memberId },
      'ownerMemberId',
    );
  });
});

describe('owners and recorders who go', () => {
  it('leave the KPI and its values when the contact is deleted or the member leaves', async () => {
    const contact = (
      await send('POST', '/api/v1/contacts', {
        partnerId: world.a.partners[0],
        firstName: 'Grace',
        lastName: 'Leaving',
      })
    ).json().id;
    const planId = await newPlan(world.a.partners[0], 'FY2030');
    const manager = world.a.members.manager;
    const kpi = await newKpi(planId, {
      name: 'Deals',
      unit: 'count',
      target: 5,
      ownerMemberId: manager.memberId,
      ownerContactId: contact,
    });
    const recorded = await request(t.app, {
      method: 'PUT',
      url: `/api/v1/plans/${planId}/measurements`,
      cookie: await signIn(t.app, manager.email),
      payload: { measurements: [{ kpiId: kpi.id, period: 'FY2030-M01', value: 2 }] },
    });
    expect(recorded.statusCode).toBe(200);
    const [value] = (await send('GET', `/api/v1/kpis/${kpi.id}/measurements`)).json().items;
    expect(value).toMatchObject({ source: 'manual', recordedById: manager.memberId });
    expect((await send('DELETE', `/api/v1/contacts/${contact}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/members/${manager.memberId}`)).statusCode).toBe(204);
    const after = (await send('GET', `/api/v1/kpis/${kpi.id}`)).json();
    expect(after).toMatchObject({ ownerMemberId: null, ownerContactId: null });
    const [kept] = (await send('GET', `/api/v1/kpis/${kpi.id}/measurements`)).json().items;
    expect(kept).toMatchObject({ value: 2, recordedById: null });
  });
});

describe('the daily refresh', () => {
  it('recomputes the progress of open plans whose day has passed, once a day', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2023');
    const kpi = await newKpi(planId, { name: 'Deals', unit: 'count', target: 12 });
    await t.database.sql(
      "UPDATE kpis SET progress_on = '2000-01-01', status = NULL, attainment = NULL WHERE id = $1",
      [kpi.id],
    );
    const refreshed = await refreshOpenKpis(t.database, new Date());
    expect(refreshed).toBeGreaterThanOrEqual(1);
    const [row] = (
      await t.database.sql('SELECT status, progress_on::text AS day FROM kpis WHERE id = $1', [
        kpi.id,
      ])
    ).rows as Array<{ status: string; day: string }>;
    expect(row?.status).toBe('at_risk');
    expect(row?.day).toBe(new Date().toISOString().slice(0, 10));
    // Done for the day: a second run finds nothing to do.
    expect(await refreshOpenKpis(t.database, new Date())).toBe(0);
  });

  it('recomputes a workspace whose fiscal year or time zone changed', async () => {
    const planId = await newPlan(world.a.partners[1], 'FY2022');
    const kpi = await newKpi(planId, { name: 'Deals', unit: 'count', target: 12 });
    const workspace = await send('GET', '/api/v1/workspace');
    const changed = await send(
      'PATCH',
      '/api/v1/workspace',
      { timeZone: 'Pacific/Kiritimati' },
      { 'if-match': workspace.headers.etag as string },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const day = async () =>
      (
        (await t.database.sql('SELECT progress_on::text AS day FROM kpis WHERE id = $1', [kpi.id]))
          .rows[0] as { day: string | null }
      ).day;
    expect(await day()).toBeNull();
    const now = new Date();
    await refreshOpenKpis(t.database, now);
    expect(await day()).toBe(dateAt(now.getTime(), 'Pacific/Kiritimati'));
  });
});
