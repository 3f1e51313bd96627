import { describe, expect, it } from 'vitest';
import { type SeededPartnerUser, seedPartnerUser, signIn, TEST_PASSWORD } from '../factories';
import {
  anonymous,
  api,
  clientFor,
  cookieOf,
  etagOf,
  must,
  partnerId,
  t,
  tokenIn,
  world,
} from './shared';

/** The client test's groups for the workspace, its members, invitations and partner users, signing in, API keys and teams. */

export function describeWorkspaceAndMembers() {
  describe('workspace, members, invitations and partner users', () => {
    it('reads and renames the workspace', async () => {
      const workspace = await api.GET('/api/v1/workspace');
      expect(workspace.data?.name).toBe(world.a.name);
      const renamed = await api.PATCH('/api/v1/workspace', {
        params: { header: { 'if-match': etagOf(workspace.response) } },
        body: { name: 'Workspace A, renamed' },
      });
      expect(renamed.data?.name).toBe('Workspace A, renamed');
    });

    it('invites someone, renews the link, revokes another invitation, and the first accepts', async () => {
      const invited = await api.POST('/api/v1/invitations', {
        body: { email: 'newcomer@a.test', role: 'viewer' },
      });
      expect(invited.response.status).toBe(201);
      const invitation = must(invited.data, 'invitation');
      const other = await api.POST('/api/v1/invitations', {
        body: { email: 'never@a.test', role: 'member' },
      });
      const listed = await api.GET('/api/v1/invitations');
      expect(listed.data?.items.map((i) => i.email)).toEqual(
        expect.arrayContaining(['newcomer@a.test', 'never@a.test']),
      );
      const revoked = await api.DELETE('/api/v1/invitations/{id}', {
        params: { path: { id: must(other.data, 'invitation').id } },
      });
      expect(revoked.response.status).toBe(204);

      const renewed = await api.POST('/api/v1/invitations/{id}/link', {
        params: { path: { id: invitation.id } },
      });
      const accepted = await anonymous().POST('/api/v1/auth/invitations/accept', {
        body: {
          token: tokenIn(renewed.data?.inviteUrl),
          name: 'New Comer',
          password: 'a newcomer password',
        },
      });
      expect(accepted.data?.user.email).toBe('newcomer@a.test');
    });

    it('lists, reads and changes members, resets one password, and removes one', async () => {
      const listed = await api.GET('/api/v1/members');
      const newcomer = must(
        listed.data?.items.find((m) => m.email === 'newcomer@a.test'),
        'the newcomer',
      );
      const one = await api.GET('/api/v1/members/{id}', { params: { path: { id: newcomer.id } } });
      expect(one.data?.role).toBe('viewer');
      const promoted = await api.PATCH('/api/v1/members/{id}', {
        params: { path: { id: newcomer.id }, header: { 'if-match': etagOf(one.response) } },
        body: { role: 'member' },
      });
      expect(promoted.data?.role).toBe('member');

      // Without SMTP the admin is handed the link, and the member sets a new password with it.
      const reset = await api.POST('/api/v1/members/{id}/password-reset', {
        params: { path: { id: newcomer.id } },
      });
      expect(reset.data?.mailed).toBe(false);
      const confirmed = await anonymous().POST('/api/v1/auth/password-reset/confirm', {
        body: { token: tokenIn(reset.data?.resetUrl), password: 'the reset password' },
      });
      expect(confirmed.response.status).toBe(204);
      expect(await signIn(t.app, 'newcomer@a.test', 'the reset password')).toContain(
        'session_token',
      );

      const removed = await api.DELETE('/api/v1/members/{id}', {
        params: { path: { id: newcomer.id } },
      });
      expect(removed.response.status).toBe(204);
    });

    it("lists, reads, changes and removes a partner's users", async () => {
      const seeded: SeededPartnerUser = await seedPartnerUser(
        t.database,
        world.a,
        world.a.partners[1],
        'partner_member',
      );
      const listed = await api.GET('/api/v1/partner-users', {
        params: { query: { partnerId: world.a.partners[1] } },
      });
      expect(listed.data?.items.map((u) => u.id)).toEqual([seeded.partnerUserId]);
      const path = { id: seeded.partnerUserId };
      const one = await api.GET('/api/v1/partner-users/{id}', { params: { path } });
      const changed = await api.PATCH('/api/v1/partner-users/{id}', {
        params: { path, header: { 'if-match': etagOf(one.response) } },
        body: { role: 'partner_admin' },
      });
      expect(changed.data?.role).toBe('partner_admin');
      const removed = await api.DELETE('/api/v1/partner-users/{id}', { params: { path } });
      expect(removed.response.status).toBe(204);
    });
  });
}

export function describeAuth() {
  describe('auth', () => {
    it('signs in, reads the session, changes the password and signs out', async () => {
      const signedIn = await anonymous().POST('/api/v1/auth/sign-in', {
        body: { email: world.a.members.viewer.email, password: TEST_PASSWORD },
      });
      expect(signedIn.data?.role).toBe('viewer');
      const viewer = clientFor({ cookie: cookieOf(signedIn.response) });
      expect((await viewer.GET('/api/v1/auth/session')).data?.user.email).toBe(
        world.a.members.viewer.email,
      );
      const changed = await viewer.POST('/api/v1/auth/password', {
        body: { currentPassword: TEST_PASSWORD, newPassword: 'the viewer password now' },
      });
      expect(changed.response.status).toBe(204);
      const signedOut = await viewer.POST('/api/v1/auth/sign-out');
      expect(signedOut.response.status).toBe(204);
      expect((await viewer.GET('/api/v1/auth/session')).response.status).toBe(401);
    });

    it('accepts a password reset request without saying whether the address is known', async () => {
      const requested = await anonymous().POST('/api/v1/auth/password-reset/request', {
        body: { email: 'nobody@a.test' },
      });
      expect(requested.response.status).toBe(202);
    });
  });
}

export function describeApiKeys() {
  describe('api-keys', () => {
    it('makes, lists and revokes a key', async () => {
      const made = await api.POST('/api/v1/api-keys', { body: { name: 'Typed', role: 'viewer' } });
      expect(made.response.status).toBe(201);
      const key = must(made.data, 'key');
      expect((await clientFor({ key: key.key }).GET('/api/v1/workspace')).response.status).toBe(
        200,
      );
      const listed = await api.GET('/api/v1/api-keys');
      expect(listed.data?.items.map((k) => k.id)).toContain(key.id);
      const revoked = await api.DELETE('/api/v1/api-keys/{id}', {
        params: { path: { id: key.id } },
      });
      expect(revoked.response.status).toBe(204);
      expect((await clientFor({ key: key.key }).GET('/api/v1/workspace')).response.status).toBe(
        401,
      );
    });
  });
}

export function describeTeams() {
  describe('teams and partner-team', () => {
    it('creates, renames, staffs, retires and restores a team', async () => {
      const created = await api.POST('/api/v1/teams', { body: { name: 'Alliances' } });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'team').id;
      const renamed = await api.PATCH('/api/v1/teams/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { name: 'Alliances and channels' },
      });
      expect(renamed.data?.name).toBe('Alliances and channels');
      const member = { id, memberId: world.a.members.member.memberId };
      const staffed = await api.PUT('/api/v1/teams/{id}/members/{memberId}', {
        params: { path: member },
      });
      expect(staffed.data?.members.map((m) => m.id)).toEqual([member.memberId]);
      const one = await api.GET('/api/v1/teams/{id}', { params: { path: { id } } });
      expect(one.data?.members).toHaveLength(1);
      const unstaffed = await api.DELETE('/api/v1/teams/{id}/members/{memberId}', {
        params: { path: member },
      });
      expect(unstaffed.data?.members).toEqual([]);
      const retired = await api.POST('/api/v1/teams/{id}/retire', { params: { path: { id } } });
      expect(retired.data?.retiredAt).toBeTruthy();
      const restored = await api.POST('/api/v1/teams/{id}/restore', { params: { path: { id } } });
      expect(restored.data?.retiredAt).toBeNull();
      const listed = await api.GET('/api/v1/teams');
      expect(listed.data?.items.map((team) => team.id)).toContain(id);
    });

    it("adds, changes and removes an entry of a partner's team", async () => {
      const path = { id: partnerId };
      const added = await api.POST('/api/v1/partners/{id}/team', {
        params: { path },
        body: { memberId: world.a.members.manager.memberId, role: 'sponsor' },
      });
      expect(added.response.status).toBe(201);
      const entryId = must(added.data, 'entry').id;
      const changed = await api.PATCH('/api/v1/partners/{id}/team/{entryId}', {
        params: { path: { ...path, entryId }, header: { 'if-match': etagOf(added.response) } },
        body: { role: 'owner' },
      });
      expect(changed.data?.role).toBe('owner');
      const team = await api.GET('/api/v1/partners/{id}/team', { params: { path } });
      expect(team.data?.items.map((entry) => entry.id)).toEqual([entryId]);
      const removed = await api.DELETE('/api/v1/partners/{id}/team/{entryId}', {
        params: { path: { ...path, entryId } },
      });
      expect(removed.response.status).toBe(204);
    });
  });
}
