import { describe, expect, it } from 'vitest';
import { api, etagOf, must, world } from './shared';

/** The client test's group for the clause library and the agreement templates made of it. */

export function describeClausesAndAgreementTemplates() {
  describe('clauses and agreement templates', () => {
    it('adds, changes, archives and restores a clause, and lists the library', async () => {
      const created = await api.POST('/api/v1/clauses', {
        body: {
          title: 'Parties',
          text: 'Between {{workspace.name}} and {{partner.name}}.',
          category: 'General',
        },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'clause').id;
      const changed = await api.PATCH('/api/v1/clauses/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { fallbackPositions: ['Between the parties named below.'] },
      });
      expect(changed.data?.fallbackPositions).toHaveLength(1);
      const one = await api.GET('/api/v1/clauses/{id}', { params: { path: { id } } });
      expect(one.data?.variables).toEqual(['workspace.name', 'partner.name']);
      const archived = await api.POST('/api/v1/clauses/{id}/archive', { params: { path: { id } } });
      expect(archived.data?.archivedAt).toBeTruthy();
      const restored = await api.POST('/api/v1/clauses/{id}/restore', { params: { path: { id } } });
      expect(restored.data?.archivedAt).toBeNull();
      const listed = await api.GET('/api/v1/clauses', {
        params: { query: { category: 'general' } },
      });
      expect(listed.data?.items.map((c) => c.id)).toContain(id);
    });

    it('makes a template of clauses, reorders, previews, archives and restores it', async () => {
      const clause = must(
        (
          await api.POST('/api/v1/clauses', {
            body: { title: 'Term', text: 'Ends {{agreement.end_date}}.', category: 'Term' },
          })
        ).data,
        'clause',
      );
      const parties = must((await api.GET('/api/v1/clauses')).data, 'clauses').items[0];
      const created = await api.POST('/api/v1/agreement-templates', {
        body: { name: 'NDA', agreementType: 'nda', clauseIds: [clause.id] },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'template').id;
      const changed = await api.PATCH('/api/v1/agreement-templates/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { clauseIds: [must(parties, 'clause').id, clause.id] },
      });
      expect(changed.data?.clauses).toHaveLength(2);
      const one = await api.GET('/api/v1/agreement-templates/{id}', { params: { path: { id } } });
      expect(one.data?.agreementType).toBe('nda');
      const preview = await api.POST('/api/v1/agreement-templates/{id}/preview', {
        params: { path: { id } },
        body: { partnerId: world.a.partners[0], endDate: '2028-02-29' },
      });
      expect(preview.data?.text).toContain('Ends 2028-02-29.');
      const missing = await api.POST('/api/v1/agreement-templates/{id}/preview', {
        params: { path: { id } },
        body: { partnerId: world.a.partners[0] },
      });
      expect(missing.error?.errors?.map((e) => e.field)).toEqual(['agreement.end_date']);
      const archived = await api.POST('/api/v1/agreement-templates/{id}/archive', {
        params: { path: { id } },
      });
      expect(archived.data?.archivedAt).toBeTruthy();
      const restored = await api.POST('/api/v1/agreement-templates/{id}/restore', {
        params: { path: { id } },
      });
      expect(restored.data?.archivedAt).toBeNull();
      const listed = await api.GET('/api/v1/agreement-templates', {
        params: { query: { agreementType: 'nda' } },
      });
      expect(listed.data?.items.map((x) => x.id)).toContain(id);
    });
  });
}
