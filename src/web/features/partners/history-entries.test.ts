import { describe, expect, it } from 'vitest';
import { describeActor, describeEvent } from './history-entries';
import { formatDateTime } from './partner-labels';

const partner = {
  id: '0190a000-0000-7000-8000-000000000001',
  name: 'Acme',
  domains: ['acme.com'],
  website: null,
  type: 'strategic_alliance',
  tier: 'gold',
  stage: 'prospect',
  ownerId: 'm1',
  industry: null,
  country: 'US',
  size: null,
  tags: [],
  description: null,
  version: 1,
  archivedAt: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};
const members = (id: string) => (id === 'm1' ? 'Ada Admin' : id === 'm2' ? 'Bo Manager' : '?');

describe('history entries', () => {
  it('names changed fields with the form labels and formats their values', () => {
    const entry = describeEvent(
      {
        action: 'partner.updated',
        entityType: 'partner',
        before: partner,
        after: {
          ...partner,
          stage: 'at_risk',
          country: 'DE',
          ownerId: 'm2',
          tags: ['emea', 'cloud'],
          version: 2,
          updatedAt: '2026-12-02T10:00:00.000Z',
        },
      },
      members,
    );
    expect(entry.title).toBe('Partner updated');
    expect(entry.kind).toBe('partner_updated');
    expect(entry.lines.map(({ label, before, after }) => [label, before, after])).toEqual([
      ['Stage', 'Prospect', 'At risk'],
      ['Owner', 'Ada Admin', 'Bo Manager'],
      ['Country', 'United States', 'Germany'],
      ['Tags', null, 'emea, cloud'],
    ]);
  });

  it('lists what a new record was given, and nothing for archiving, which the title says', () => {
    const created = describeEvent(
      { action: 'partner.created', entityType: 'partner', before: null, after: partner },
      members,
    );
    expect(created.lines.map((line) => `${line.label}: ${line.after}`)).toEqual([
      'Name: Acme',
      'Type: Strategic alliance',
      'Stage: Prospect',
      'Tier: Gold',
      'Owner: Ada Admin',
      'Domains: acme.com',
      'Country: United States',
    ]);
    const archivedAt = '2026-12-02T02:27:45.308Z';
    const archived = describeEvent(
      {
        action: 'partner.archived',
        entityType: 'partner',
        before: partner,
        after: { ...partner, archivedAt },
      },
      members,
    );
    expect(archived).toEqual({ kind: 'partner_archived', title: 'Partner archived', lines: [] });
    expect(formatDateTime(archivedAt)).not.toContain('T02:27');
  });

  it('names the contact, the partner a contact moved to, and contact fields by their labels', () => {
    const contact = {
      firstName: 'Grace',
      lastName: 'Hopper',
      role: 'executive_sponsor',
      partnerId: 'p1',
      partnerName: 'Acme',
      email: null,
    };
    const updated = describeEvent(
      {
        action: 'contact.updated',
        entityType: 'contact',
        before: contact,
        after: { ...contact, role: 'technical', email: 'grace@acme.com' },
      },
      members,
    );
    expect(updated.title).toBe('Contact updated: Grace Hopper');
    expect(updated.lines.map(({ label, before, after }) => [label, before, after])).toEqual([
      ['Role in the partnership', 'Executive sponsor', 'Technical'],
      ['Email', null, 'grace@acme.com'],
    ]);
    const moved = describeEvent(
      {
        action: 'contact.moved_away',
        entityType: 'contact',
        before: contact,
        after: { ...contact, partnerId: 'p2', partnerName: 'Globex' },
      },
      members,
    );
    expect(moved).toEqual({
      kind: 'contact_moved',
      title: 'Grace Hopper moved to Globex',
      lines: [],
    });
  });

  it('tells portal invitations and partner users in words', () => {
    const invited = describeEvent(
      {
        action: 'invitation.created',
        entityType: 'invitation',
        before: null,
        after: { email: 'pia@acme.com', role: 'partner_admin', partnerId: 'p1', mailed: false },
      },
      members,
    );
    expect(invited.title).toBe('Portal invitation for pia@acme.com');
    expect(invited.lines.map((line) => [line.label, line.after])).toEqual([
      ['Role', 'Partner admin'],
    ]);
    const changed = describeEvent(
      {
        action: 'partner_user.updated',
        entityType: 'partner_user',
        before: { role: 'partner_admin' },
        after: { role: 'partner_member', sessionsEnded: true },
      },
      members,
    );
    expect(changed.lines.map(({ before, after }) => [before, after])).toEqual([
      ['Partner admin', 'Partner member'],
    ]);
  });

  it('names every kind of actor', () => {
    expect(describeActor({ kind: 'member', id: 'u', name: 'Ada Admin' })).toBe('Ada Admin');
    expect(describeActor({ kind: 'api_key', id: 'k', name: 'CRM sync' })).toBe(
      'API key “CRM sync”',
    );
    expect(describeActor({ kind: 'api_key', id: 'k', name: 'A deleted API key' })).toBe(
      'A deleted API key',
    );
    expect(describeActor({ kind: 'partner_user', id: 'u', name: 'Pat Partner' })).toBe(
      'Pat Partner (partner user)',
    );
    expect(describeActor({ kind: 'system', id: null, name: 'Demo data' })).toBe('Demo data');
    expect(describeActor({ kind: 'system', id: null, name: 'Command line' })).toBe('Command line');
    expect(describeActor({ kind: 'system', id: null, name: 'Job: reminders' })).toBe(
      'Job: reminders',
    );
  });
});

describe('issue events', () => {
  it('read with the issue form’s labels and values', () => {
    const entry = describeEvent(
      {
        action: 'issue.status_changed',
        entityType: 'issue',
        before: { title: 'Late', status: 'open', severity: 'high' },
        after: { title: 'Late', status: 'resolved', severity: 'high', resolutionNotes: 'Shipped' },
      },
      () => 'Someone',
    );
    expect(entry.title).toBe('Issue status changed: Late');
    expect(entry.lines.map((line) => [line.label, line.before, line.after])).toEqual([
      ['Status', 'Open', 'Resolved'],
      ['Resolution notes', null, 'Shipped'],
    ]);
  });

  it("names a plan's events by the plan's period, in words", () => {
    const entry = describeEvent(
      {
        action: 'plan.status_changed',
        entityType: 'plan',
        before: { period: 'FY2027-Q2', status: 'draft' },
        after: { period: 'FY2027-Q2', status: 'proposed' },
      },
      members,
    );
    expect(entry).toEqual({ kind: 'other', title: 'Q2 FY2027 plan: Draft → Proposed', lines: [] });
  });
});
