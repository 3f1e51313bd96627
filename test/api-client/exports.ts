import { describe, expect, it } from 'vitest';
import { adminSession, anonymous, api, must } from './shared';

/** The client test's groups for what other tools read: the calendar feed and the CSV and Excel exports. */

export function describeCalendar() {
  describe('calendar', () => {
    it('makes a feed URL that serves iCalendar, then revokes it', async () => {
      expect((await adminSession.GET('/api/v1/me/calendar-feed')).data?.active).toBe(false);
      const made = await adminSession.POST('/api/v1/me/calendar-feed');
      expect(made.response.status).toBe(201);
      const token = must(/\/calendar\/([^/]+)$/.exec(made.data?.url ?? '')?.[1], 'feed token');
      const feed = await anonymous().GET('/api/v1/calendar/{token}', {
        params: { path: { token } },
        parseAs: 'text',
      });
      expect(feed.data).toContain('BEGIN:VCALENDAR');
      const revoked = await adminSession.DELETE('/api/v1/me/calendar-feed');
      expect(revoked.response.status).toBe(204);
    });
  });
}

export function describeExports() {
  describe('exports', () => {
    it('downloads every list as CSV and as Excel, with the list filters', async () => {
      const csv = await api.GET('/api/v1/partners/export', {
        params: { query: { format: 'csv', stage: ['prospect', 'active'], sort: '-name' } },
        parseAs: 'text',
      });
      expect(csv.response.headers.get('content-disposition')).toMatch(/tandem-partners-.*\.csv/);
      expect(csv.data?.split('\r\n')[0]).toMatch(/^\uFEFF?ID,Name,/);
      const xlsx = await api.GET('/api/v1/partners/export', {
        params: { query: { format: 'xlsx' } },
        parseAs: 'arrayBuffer',
      });
      expect(Buffer.from(must(xlsx.data, 'workbook')).subarray(0, 2).toString()).toBe('PK');
      const text = { parseAs: 'text' } as const;
      for (const answer of [
        await api.GET('/api/v1/contacts/export', { params: { query: { format: 'csv' } }, ...text }),
        await api.GET('/api/v1/interactions/export', {
          params: { query: { kind: ['call'] } },
          ...text,
        }),
        await api.GET('/api/v1/issues/export', {
          params: { query: { status: ['open'] } },
          ...text,
        }),
        await api.GET('/api/v1/tasks/export', { params: { query: { overdue: 'false' } }, ...text }),
        await api.GET('/api/v1/plans/export', { params: { query: { format: 'csv' } }, ...text }),
        await api.GET('/api/v1/timeline/export', {
          params: { query: { kind: ['interaction'] } },
          ...text,
        }),
        await api.GET('/api/v1/measurements/export', { params: { query: {} }, ...text }),
        await api.GET('/api/v1/agreements/export', {
          params: { query: { status: ['draft'] } },
          ...text,
        }),
        await api.GET('/api/v1/agreements/renewals/export', {
          params: { query: { within: '60' } },
          ...text,
        }),
      ]) {
        expect(answer.response.status).toBe(200);
        expect(answer.data).toMatch(/^\uFEFF?(ID|Partner|Next key date),/);
      }
    });
  });
}
