import { describe, expect, it } from 'vitest';
import type { MemberId, UserId, WorkspaceId } from '../../domain/ids';
import type { MemberRole } from '../../domain/roles';
import { can } from './permissions';
import { type MemberScope, systemScope } from './scope';

const workspaceId = '01900000-0000-7000-8000-000000000001' as WorkspaceId;
const me = '01900000-0000-7000-8000-0000000000a1' as MemberId;
const someoneElse = '01900000-0000-7000-8000-0000000000b2';

function member(role: MemberRole, memberId: MemberId | null = me): MemberScope {
  const userId = memberId ? ('01900000-0000-7000-8000-0000000000c3' as UserId) : null;
  return { kind: 'member', workspaceId, role, userId, memberId, apiKeyId: null };
}

describe('can', () => {
  it('grants what the permission table lists, whatever the record', () => {
    for (const role of ['admin', 'manager'] as const) {
      expect(can(member(role), 'partner.assign_owner')).toBe(true);
      expect(can(member(role), 'partner.assign_owner', { ownerId: someoneElse })).toBe(true);
    }
    expect(can(systemScope(workspaceId, 'cli'), 'partner.assign_owner')).toBe(true);
  });

  it('grants an owner rule only on records the caller owns or no one owns', () => {
    const m = member('member');
    expect(can(m, 'partner.assign_owner')).toBe(false);
    expect(can(m, 'partner.assign_owner', { ownerId: null })).toBe(true);
    expect(can(m, 'partner.assign_owner', { ownerId: me })).toBe(true);
    expect(can(m, 'partner.assign_owner', { ownerId: someoneElse })).toBe(false);
  });

  it('gives no owner rule to roles it does not name; a member-role API key owns nothing', () => {
    expect(can(member('viewer'), 'partner.assign_owner', { ownerId: null })).toBe(false);
    expect(can(member('member', null), 'partner.assign_owner', { ownerId: me })).toBe(false);
    expect(can(member('member', null), 'partner.assign_owner', { ownerId: null })).toBe(true);
  });
});
