import { describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/server/features/report-subscriptions/report-subscriptions.tokens';
import { api, clientFor, etagOf, must, partnerId, t, world } from './shared';

/** The client test's groups for the portfolio dashboard, PDF reports and scheduled reports. */

export function describeDashboard() {
  describe('dashboard', () => {
    it('reads the portfolio dashboard, filtered as the partner list is', async () => {
      const all = await api.GET('/api/v1/dashboard/portfolio');
      expect(all.data?.partners.count).toBeGreaterThan(0);
      const filtered = await api.GET('/api/v1/dashboard/portfolio', {
        params: { query: { type: ['reseller'], country: ['DE', 'FR'] } },
      });
      expect(filtered.data?.filters.type).toEqual(['reseller']);
      expect(filtered.data?.byType.map((row) => row.type)).toEqual(['reseller']);
    });
  });
}

export function describeReports() {
  describe('reports', () => {
    it('downloads the portfolio report as a PDF', async () => {
      const report = await api.GET('/api/v1/reports/portfolio', {
        params: { query: { type: ['reseller'] } },
        parseAs: 'arrayBuffer',
      });
      expect(report.response.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(report.data ?? new ArrayBuffer(0));
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    });

    it("downloads a plan's scorecard as a PDF", async () => {
      const plan = await api.POST('/api/v1/plans', { body: { partnerId, period: 'FY2029' } });
      const scorecard = await api.GET('/api/v1/plans/{id}/scorecard', {
        params: { path: { id: must(plan.data, 'plan').id } },
        parseAs: 'arrayBuffer',
      });
      expect(scorecard.response.headers.get('content-type')).toBe('application/pdf');
    });
  });
}

export function describeScheduledReports() {
  describe('scheduled reports', () => {
    it('schedules a report, changes, pauses and deletes it, with its recipients', async () => {
      const created = await api.POST('/api/v1/report-subscriptions', {
        body: {
          kind: 'portfolio',
          filters: { type: ['reseller'] },
          cadence: 'weekly',
          weekday: 'friday',
          memberIds: [world.a.members.admin.memberId],
        },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'subscription').id;
      const listed = await api.GET('/api/v1/report-subscriptions', {
        params: { query: { limit: 10 } },
      });
      expect(listed.data?.items.map((s) => s.id)).toContain(id);
      const one = await api.GET('/api/v1/report-subscriptions/{id}', { params: { path: { id } } });
      const paused = await api.PATCH('/api/v1/report-subscriptions/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(one.response) } },
        body: { status: 'paused' },
      });
      expect(paused.data?.nextRunAt).toBeNull();
      const added = await api.POST('/api/v1/report-subscriptions/{id}/recipients', {
        params: { path: { id } },
        body: { memberId: world.a.members.member.memberId },
      });
      expect(added.data?.name).toBe('A member');
      const recipientId = must(added.data, 'recipient').id;
      // This app has no mail server: sending now says so.
      const sent = await api.POST('/api/v1/report-subscriptions/{id}/send-now', {
        params: { path: { id } },
      });
      expect(sent.response.status).toBe(409);
      const token = unsubscribeToken(t.ctx.config.secret, world.a.workspaceId, recipientId);
      const anonymous = clientFor();
      const unsubscribed = await anonymous.POST('/api/v1/report-unsubscribe', { body: { token } });
      expect(unsubscribed.data?.report).toBe('Portfolio report');
      const removed = await api.DELETE(
        '/api/v1/report-subscriptions/{id}/recipients/{recipientId}',
        {
          params: { path: { id, recipientId } },
        },
      );
      expect(removed.response.status).toBe(204);
      const deleted = await api.DELETE('/api/v1/report-subscriptions/{id}', {
        params: { path: { id }, header: {} },
      });
      expect(deleted.response.status).toBe(204);
    });
  });
}
