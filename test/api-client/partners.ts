import { describe, expect, it } from 'vitest';
import { databaseSnapshot } from '../harness';
import { api, etagOf, must, partnerId, t, world } from './shared';

/** The client test's groups for partners and their contacts. */

export function describePartners() {
  describe('partners', () => {
    it('creates, lists, reads, changes, archives and restores a partner, with its history', async () => {
      const created = await api.POST('/api/v1/partners', {
        body: { name: 'Typed Partner', domains: ['typed.example'], stage: 'active' },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'partner').id;

      const list = await api.GET('/api/v1/partners', {
        params: { query: { stage: ['active'], sort: 'name', limit: 10 } },
      });
      expect(list.data?.items.map((p) => p.id)).toContain(id);

      const one = await api.GET('/api/v1/partners/{id}', { params: { path: { id } } });
      expect(one.data?.name).toBe('Typed Partner');

      // Active and never contacted: overdue for contact.
      const cooling = await api.GET('/api/v1/partners/cooling', {
        params: { query: { limit: 50 } },
      });
      expect(cooling.data?.items.map((p) => p.id)).toContain(id);

      const health = await api.GET('/api/v1/partners/{id}/health', { params: { path: { id } } });
      expect(health.data?.partnerId).toBe(id);
      expect(health.data?.score).toBeGreaterThanOrEqual(0);
      // No daily snapshot has been taken yet, so no partner has a latest score to be at risk by.
      const atRisk = await api.GET('/api/v1/partners/at-risk', { params: { query: { limit: 5 } } });
      expect(atRisk.data).toEqual({ lowest: [], falling: [] });

      const changed = await api.PATCH('/api/v1/partners/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { tier: null, country: 'DE' },
      });
      expect(changed.data?.country).toBe('DE');

      const archived = await api.DELETE('/api/v1/partners/{id}', { params: { path: { id } } });
      expect(archived.data?.archivedAt).toBeTruthy();
      const restored = await api.POST('/api/v1/partners/{id}/restore', {
        params: { path: { id } },
      });
      expect(restored.data?.archivedAt).toBeNull();

      const history = await api.GET('/api/v1/partners/{id}/history', {
        params: { path: { id }, query: { limit: 5 } },
      });
      expect(history.data?.items.map((event) => event.action)).toContain('partner.created');
    });

    it("reads a problem, typed, for another workspace's partner, changing nothing", async () => {
      const before = await databaseSnapshot(t.database);
      const res = await api.PATCH('/api/v1/partners/{id}', {
        params: { path: { id: world.b.partners[0] }, header: { 'if-match': '"1"' } },
        body: { name: 'Taken over' },
      });
      expect(res.response.status).toBe(404);
      expect(res.error?.code).toBe('not_found');
      expect(await databaseSnapshot(t.database)).toBe(before);
    });
  });
}

export function describeContacts() {
  describe('contacts', () => {
    it('creates, lists, reads, changes and deletes a contact', async () => {
      const created = await api.POST('/api/v1/contacts', {
        body: { partnerId, firstName: 'Ada', lastName: 'Typed', email: 'ada@typed.example' },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'contact').id;
      const listed = await api.GET('/api/v1/contacts', {
        params: { query: { partnerId: [partnerId] } },
      });
      expect(listed.data?.items.map((c) => c.id)).toEqual([id]);
      expect(
        (await api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })).data?.email,
      ).toBe('ada@typed.example');
      const changed = await api.PATCH('/api/v1/contacts/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { role: 'champion' },
      });
      expect(changed.data?.role).toBe('champion');
      const removed = await api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } });
      expect(removed.response.status).toBe(204);
    });
  });
}
