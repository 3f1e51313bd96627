import { describe, expect, it } from 'vitest';
import { permissions, roleCan } from './permissions';
import { memberRoles, partnerRoles } from './roles';

describe('the permission table', () => {
  it('lets viewers read but not create, change or archive', () => {
    expect(roleCan('viewer', 'partner.read')).toBe(true);
    expect(roleCan('viewer', 'partner.create')).toBe(false);
    expect(roleCan('viewer', 'contact.update')).toBe(false);
    expect(roleCan('member', 'partner.archive')).toBe(false);
    expect(roleCan('manager', 'partner.archive')).toBe(true);
    expect(roleCan('manager', 'workspace.update')).toBe(false);
  });

  it('gives partner roles no internal permission at all', () => {
    for (const role of partnerRoles) {
      const held = Object.keys(permissions).filter((p) =>
        roleCan(role, p as keyof typeof permissions),
      );
      expect(held).toEqual(['portal.read', 'portal.sign']);
    }
    for (const role of memberRoles) {
      expect(roleCan(role, 'portal.read')).toBe(false);
      expect(roleCan(role, 'portal.sign')).toBe(false);
    }
  });
});
