import { describe, expect, it } from 'vitest';
import { adminSession, api, etagOf, memberSession, must, partnerId, world } from './shared';

/** The client test's group for comments and a member's notifications. */

export function describeCommentsAndNotifications() {
  describe('comments and notifications', () => {
    it('comments with a mention, edits, lists and deletes the comment', async () => {
      const subject = { subjectType: 'partner' as const, subjectId: partnerId };
      const created = await adminSession.POST('/api/v1/comments', {
        body: { ...subject, body: 'Over to you', mentionIds: [world.a.members.member.memberId] },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'comment').id;
      const edited = await adminSession.PATCH('/api/v1/comments/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { body: 'Over to you, please', mentionIds: [world.a.members.member.memberId] },
      });
      expect(edited.data?.body).toBe('Over to you, please');
      const listed = await api.GET('/api/v1/comments', { params: { query: subject } });
      expect(listed.data?.items.map((comment) => comment.id)).toEqual([id]);
      const removed = await adminSession.DELETE('/api/v1/comments/{id}', {
        params: { path: { id } },
      });
      expect(removed.response.status).toBe(204);
    });

    it("reads and marks the member's notifications and changes their email switches", async () => {
      const unread = await memberSession.GET('/api/v1/notifications/unread-count');
      expect(unread.data?.unread).toBeGreaterThanOrEqual(2);
      const listed = await memberSession.GET('/api/v1/notifications', {
        params: { query: { unread: 'true' } },
      });
      const first = must(listed.data?.items[0], 'notification');
      const read = await memberSession.POST('/api/v1/notifications/{id}/read', {
        params: { path: { id: first.id } },
      });
      expect(read.data?.readAt).toBeTruthy();
      const all = await memberSession.POST('/api/v1/notifications/read-all');
      expect(all.data?.marked).toBeGreaterThan(0);

      const preferences = await memberSession.GET('/api/v1/notifications/preferences');
      const changed = await memberSession.PATCH('/api/v1/notifications/preferences', {
        params: { header: { 'if-match': etagOf(preferences.response) } },
        body: { email: { digest: false } },
      });
      expect(changed.data?.email.digest).toBe(false);

      const outbox = await api.GET('/api/v1/outbox');
      expect(outbox.response.status).toBe(200);
    });
  });
}
