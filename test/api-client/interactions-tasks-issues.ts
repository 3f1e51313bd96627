import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, etagOf, memberSession, must, partnerId, world } from './shared';

/** The client test's groups for interactions and the timeline, tasks and issues. */

export function describeInteractionsAndTimeline() {
  describe('interactions and timeline', () => {
    it('reads a dropped file, logs the interaction, makes tasks of its next steps and deletes it', async () => {
      const fixture = readFileSync(join(import.meta.dirname, '../fixtures/kickoff.ics'));
      const parsed = await api.POST('/api/v1/partners/{id}/interactions/parse', {
        params: { path: { id: partnerId } },
        body: { fileName: 'kickoff.ics', content: fixture.toString('base64') },
      });
      expect(parsed.data?.partnerId).toBe(partnerId);

      const created = await api.POST('/api/v1/interactions', {
        body: {
          partnerId,
          kind: 'meeting',
          occurredAt: '2026-03-02T10:00:00.000Z',
          summary: 'Kick-off',
          nextSteps: ['Send the deck'],
        },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'interaction').id;
      const changed = await api.PATCH('/api/v1/interactions/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { sentiment: 'positive' },
      });
      expect(changed.data?.sentiment).toBe('positive');
      expect(
        (await api.GET('/api/v1/interactions/{id}', { params: { path: { id } } })).data?.kind,
      ).toBe('meeting');
      const listed = await api.GET('/api/v1/interactions', {
        params: { query: { partnerId: [partnerId] } },
      });
      expect(listed.data?.items.map((i) => i.id)).toContain(id);

      const tasks = await api.POST('/api/v1/interactions/{id}/tasks', {
        params: { path: { id } },
        body: {},
      });
      expect(tasks.data?.items.map((task) => task.title)).toEqual(['Send the deck']);

      const timeline = await api.GET('/api/v1/partners/{id}/timeline', {
        params: { path: { id: partnerId } },
      });
      expect(timeline.data?.items.length).toBeGreaterThan(0);
      const everything = await api.GET('/api/v1/timeline', { params: { query: { limit: 5 } } });
      expect(everything.data?.items.length).toBeGreaterThan(0);

      const removed = await api.DELETE('/api/v1/interactions/{id}', { params: { path: { id } } });
      expect(removed.response.status).toBe(204);
    });
  });
}

export function describeTasks() {
  describe('tasks', () => {
    it('creates, reads, changes, reassigns, completes, lists and deletes tasks', async () => {
      const created = await api.POST('/api/v1/tasks', {
        body: { title: 'Typed task', partnerId, assigneeId: world.a.members.member.memberId },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'task').id;
      expect((await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })).data?.title).toBe(
        'Typed task',
      );
      const changed = await api.PATCH('/api/v1/tasks/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { priority: 'high', dueDate: '2026-01-02' },
      });
      expect(changed.data?.priority).toBe('high');

      const mine = await memberSession.GET('/api/v1/tasks/my-work');
      expect(mine.data?.overdue.items.map((task) => task.id)).toContain(id);
      const more = await memberSession.GET('/api/v1/tasks/my-work/{group}', {
        params: { path: { group: 'overdue' }, query: { limit: 1 } },
      });
      expect(more.data?.items).toHaveLength(1);

      const reassigned = await api.POST('/api/v1/tasks/bulk-reassign', {
        body: { ids: [id], assigneeId: world.a.members.manager.memberId },
      });
      expect(reassigned.data?.items[0]?.assignee?.id).toBe(world.a.members.manager.memberId);
      const completed = await api.POST('/api/v1/tasks/bulk-complete', { body: { ids: [id] } });
      expect(completed.data?.items[0]?.status).toBe('done');
      const listed = await api.GET('/api/v1/tasks', {
        params: { query: { partnerId: [partnerId], status: ['done'] } },
      });
      expect(listed.data?.items.map((task) => task.id)).toContain(id);

      const removed = await api.DELETE('/api/v1/tasks/{id}', { params: { path: { id } } });
      expect(removed.response.status).toBe(204);
    });
  });
}

export function describeIssues() {
  describe('issues', () => {
    it('registers, reads, changes, moves, lists and deletes an issue', async () => {
      const created = await api.POST('/api/v1/issues', {
        body: { title: 'Channel conflict', partnerId, kind: 'channel_conflict', severity: 'high' },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'issue').id;
      const changed = await api.PATCH('/api/v1/issues/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { description: 'Two resellers quote the same customer' },
      });
      expect(changed.data?.description).toBe('Two resellers quote the same customer');
      const moved = await api.POST('/api/v1/issues/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
        body: { to: 'investigating' },
      });
      expect(moved.data?.status).toBe('investigating');
      expect(
        (await api.GET('/api/v1/issues/{id}', { params: { path: { id } } })).data?.status,
      ).toBe('investigating');
      const listed = await api.GET('/api/v1/issues', {
        params: { query: { status: ['investigating'] } },
      });
      expect(listed.data?.items.map((issue) => issue.id)).toEqual([id]);
      const removed = await api.DELETE('/api/v1/issues/{id}', { params: { path: { id } } });
      expect(removed.response.status).toBe(204);
    });
  });
}
