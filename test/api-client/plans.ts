import { describe, expect, it } from 'vitest';
import { api, etagOf, must, partnerId } from './shared';

/** The client test's groups for plans, their KPIs and measurements, copies and templates. */

export function describePlans() {
  describe('plans', () => {
    it('starts, edits, lists, agrees, revises a plan and shows its versions and changes', async () => {
      const created = await api.POST('/api/v1/plans', {
        body: {
          partnerId,
          period: 'FY2027',
          summary: 'Grow together',
          objectives: [{ text: 'Launch the joint offer', ownerSide: 'both' }],
        },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'plan').id;
      const changed = await api.PATCH('/api/v1/plans/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { summary: 'Grow together in EMEA' },
      });
      expect(changed.data?.summary).toBe('Grow together in EMEA');
      const proposed = await api.POST('/api/v1/plans/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
        body: { to: 'proposed' },
      });
      const agreed = await api.POST('/api/v1/plans/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(proposed.response) } },
        body: { to: 'agreed', agreedBy: 'Ada Lovelace', agreedOn: '2026-12-01' },
      });
      expect(agreed.data?.agreement?.agreedBy).toBe('Ada Lovelace');
      const revised = await api.POST('/api/v1/plans/{id}/revisions', {
        params: { path: { id }, header: { 'if-match': etagOf(agreed.response) } },
      });
      expect(revised.data).toMatchObject({ status: 'draft', versionNumber: 2 });
      expect((await api.GET('/api/v1/plans/{id}', { params: { path: { id } } })).data?.status).toBe(
        'draft',
      );
      const listed = await api.GET('/api/v1/plans', {
        params: { query: { partnerId: [partnerId], period: ['FY2027'] } },
      });
      expect(listed.data?.items.map((plan) => plan.id)).toEqual([id]);
      const versions = await api.GET('/api/v1/plans/{id}/versions', { params: { path: { id } } });
      expect(versions.data?.items.map((version) => version.versionNumber)).toEqual([1]);
      const changes = await api.GET('/api/v1/plans/{id}/changes', { params: { path: { id } } });
      expect(changes.data).toMatchObject({
        againstVersionNumber: 1,
        versionNumber: 2,
        changes: [],
      });
      const history = await api.GET('/api/v1/plans/{id}/history', {
        params: { path: { id }, query: { limit: 2 } },
      });
      expect(history.data?.items.map((event) => event.action)).toEqual([
        'plan.revised',
        'plan.agreed',
      ]);
      expect(history.data?.nextCursor).not.toBeNull();
    });
  });
}

export function describeKpisAndMeasurements() {
  describe('KPIs and measurements', () => {
    it('adds, changes and deletes a KPI, records measurements and lists them', async () => {
      const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2028' } });
      const planId = must(plan.data, 'plan').id;
      const created = await api.POST('/api/v1/plans/{id}/kpis', {
        params: { path: { id: planId } },
        body: { name: 'Revenue', unit: 'currency', currency: 'EUR', target: 1_000_000 },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'KPI').id;
      const changed = await api.PATCH('/api/v1/kpis/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { target: 2_000_000 },
      });
      expect(changed.data?.target).toBe(2_000_000);
      const recorded = await api.PUT('/api/v1/plans/{id}/measurements', {
        params: { path: { id: planId } },
        body: { measurements: [{ kpiId: id, period: 'FY2028-M01', value: 150_000 }] },
      });
      expect(recorded.data?.items[0]?.progress.actual).toBe(150_000);
      const listed = await api.GET('/api/v1/plans/{id}/kpis', { params: { path: { id: planId } } });
      expect(listed.data?.items.map((kpi) => kpi.id)).toEqual([id]);
      const one = await api.GET('/api/v1/kpis/{id}', { params: { path: { id } } });
      const values = await api.GET('/api/v1/kpis/{id}/measurements', { params: { path: { id } } });
      expect(values.data?.items.map((m) => m.value)).toEqual([150_000]);
      const planValues = await api.GET('/api/v1/plans/{id}/measurements', {
        params: { path: { id: planId } },
      });
      expect(planValues.data?.items.map((m) => [m.kpiId, m.value])).toEqual([[id, 150_000]]);
      const preview = await api.POST('/api/v1/plans/{id}/measurements/import', {
        params: { path: { id: planId }, query: { dryRun: 'true' } },
        body: 'kpi,period,value\nRevenue,FY2028-M02,1999.99\n',
        bodySerializer: (body) => body,
        headers: { 'content-type': 'text/csv' },
      });
      expect(preview.data?.rows.map((row) => row.value)).toEqual([199_999]);
      const removed = await api.DELETE('/api/v1/kpis/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
      });
      expect(removed.response.status).toBe(204);
    });
  });
}

export function describePlanCopies() {
  describe('copying a plan', () => {
    it('copies a plan into the next period with new targets', async () => {
      const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2032' } });
      const copy = await api.POST('/api/v1/plans/{id}/copies', {
        params: { path: { id: must(plan.data, 'plan').id } },
        body: {},
      });
      expect(copy.response.status).toBe(201);
      expect(copy.data?.period).toBe('FY2033');
    });
  });
}

export function describePlanTemplates() {
  describe('plan templates', () => {
    it('adds, lists, reads, changes and deletes a template, and starts a plan from it', async () => {
      const created = await api.POST('/api/v1/plan-templates', {
        body: {
          name: 'Reseller plan',
          partnerType: 'reseller',
          isDefault: true,
          summary: 'Sell more together',
          objectives: [{ text: 'Train the sales team', ownerSide: 'us' }],
          kpis: [{ name: 'Deals', unit: 'count' }],
        },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'template').id;
      const listed = await api.GET('/api/v1/plan-templates', {
        params: { query: { partnerType: 'reseller' } },
      });
      expect(listed.data?.items.map((template) => template.id)).toEqual([id]);
      const one = await api.GET('/api/v1/plan-templates/{id}', { params: { path: { id } } });
      const changed = await api.PATCH('/api/v1/plan-templates/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
        body: { name: 'Reseller plan FY' },
      });
      expect(changed.data?.name).toBe('Reseller plan FY');
      const plan = await api.POST('/api/v1/plans', {
        body: { partnerId, period: 'FY2034', templateId: id, kpiTargets: [40] },
      });
      expect(plan.data?.summary).toBe('Sell more together');
      const removed = await api.DELETE('/api/v1/plan-templates/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
      });
      expect(removed.response.status).toBe(204);
    });
  });
}
