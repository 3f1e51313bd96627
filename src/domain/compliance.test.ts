import { describe, expect, it } from 'vitest';
import {
  AgreementRequirementUpdate,
  blockingRequirements,
  blocksMove,
  ComplianceRequirementCreate,
  defaultRequirements,
  type RequirementState,
  requirementUpdateProblems,
  satisfyingAgreement,
} from './compliance';

const requirement = (over: Partial<RequirementState>): RequirementState => ({
  id: 'r',
  title: 'Security review',
  blocks: 'pending_signature',
  status: 'open',
  satisfied: false,
  ...over,
});

describe('blocksMove', () => {
  it('holds back active as well when it blocks pending_signature', () => {
    expect(blocksMove('pending_signature', 'pending_signature')).toBe(true);
    expect(blocksMove('pending_signature', 'active')).toBe(true);
    expect(blocksMove('active', 'active')).toBe(true);
  });

  it('stops no other move', () => {
    expect(blocksMove('active', 'pending_signature')).toBe(false);
    expect(blocksMove(null, 'active')).toBe(false);
    for (const to of ['draft', 'in_negotiation', 'terminated', 'expiring', 'renewed'] as const)
      expect(blocksMove('pending_signature', to)).toBe(false);
  });
});

describe('blockingRequirements', () => {
  it('lists the open blocking requirements by title', () => {
    const list = [
      requirement({ id: 'b', title: 'NDA in place' }),
      requirement({ id: 'a', title: 'Anti-bribery attestation', blocks: 'active' }),
      requirement({ id: 'c', title: 'Reminder', blocks: null }),
    ];
    expect(blockingRequirements(list, 'pending_signature').map((r) => r.id)).toEqual(['b']);
    expect(blockingRequirements(list, 'active').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('lets the move go once each is met, waived or met by another agreement', () => {
    const list = [
      requirement({ id: 'a', status: 'met' }),
      requirement({ id: 'b', status: 'waived' }),
      requirement({ id: 'c', satisfied: true }),
    ];
    expect(blockingRequirements(list, 'active')).toEqual([]);
  });
});

describe('satisfyingAgreement', () => {
  const nda = { type: 'nda' as const, statuses: ['active' as const, 'expiring' as const] };
  it('finds another agreement of the type in one of the statuses', () => {
    const others = [
      { id: '1', type: 'nda', status: 'draft' },
      { id: '2', type: 'dpa', status: 'active' },
      { id: '3', type: 'nda', status: 'expiring' },
    ];
    expect(satisfyingAgreement(nda, others, 'self')?.id).toBe('3');
    expect(satisfyingAgreement(null, others, 'self')).toBeNull();
  });

  it('never counts the agreement itself', () => {
    expect(satisfyingAgreement(nda, [{ id: 'self', type: 'nda', status: 'active' }], 'self')).toBe(
      null,
    );
  });
});

describe('requirementUpdateProblems', () => {
  it('needs evidence to mark met and a reason to waive', () => {
    expect(requirementUpdateProblems({ status: 'met' })).toEqual([
      expect.objectContaining({ field: 'evidence', code: 'required' }),
    ]);
    expect(requirementUpdateProblems({ status: 'waived' })).toEqual([
      expect.objectContaining({ field: 'reason', code: 'required' }),
    ]);
    expect(requirementUpdateProblems({ status: 'met', evidence: 'Signed 3 May' })).toEqual([]);
    expect(requirementUpdateProblems({ status: 'open' })).toEqual([]);
  });

  it('refuses evidence or a reason that does not go with the status', () => {
    expect(
      requirementUpdateProblems({ status: 'open', evidence: 'x', reason: 'y' }).map((p) => p.field),
    ).toEqual(['evidence', 'reason']);
  });

  it('trims and refuses blank text', () => {
    expect(AgreementRequirementUpdate.safeParse({ status: 'waived', reason: '  ' }).success).toBe(
      false,
    );
  });
});

describe('ComplianceRequirementCreate', () => {
  it('accepts the default set', () => {
    for (const d of defaultRequirements) expect(ComplianceRequirementCreate.parse(d)).toEqual(d);
    expect(defaultRequirements.map((d) => d.title)).toEqual([
      'NDA in place',
      'Data processing agreement',
      'Security review',
      'Anti-bribery attestation',
    ]);
  });

  it('refuses repeated types, no types and a title past 200', () => {
    const base = { title: 'A', appliesTo: ['nda'] };
    expect(ComplianceRequirementCreate.safeParse({ ...base, appliesTo: [] }).success).toBe(false);
    expect(
      ComplianceRequirementCreate.safeParse({ ...base, appliesTo: ['nda', 'nda'] }).success,
    ).toBe(false);
    expect(ComplianceRequirementCreate.safeParse({ ...base, title: 'x'.repeat(201) }).success).toBe(
      false,
    );
    expect(
      ComplianceRequirementCreate.safeParse({ ...base, blocks: 'in_negotiation' }).success,
    ).toBe(false);
  });
});
