import { describe, expect, it } from 'vitest';
import { describePlanEvent } from './plan-history';

const objective = (text: string) => ({
  text,
  ownerSide: 'us' as const,
  ownerMemberId: null,
  ownerContactId: null,
});

describe('describePlanEvent', () => {
  it('says which fields an edit changed, objectives by number', () => {
    const before = { versionNumber: 2, summary: 'A', objectives: [objective('x'), objective('y')] };
    const after = {
      versionNumber: 2,
      summary: 'B',
      objectives: [objective('x'), objective('z'), objective('new')],
    };
    expect(describePlanEvent({ action: 'plan.updated', before, after })).toEqual({
      title: 'Version 2 edited',
      lines: ['Summary changed', 'Objectives added: 1', 'Objectives changed: 2'],
    });
  });

  it('names the statuses of a move and who agreed', () => {
    expect(
      describePlanEvent({
        action: 'plan.status_changed',
        before: { status: 'draft' },
        after: { status: 'proposed' },
      }).title,
    ).toBe('Draft → Proposed');
    const agreed = describePlanEvent({
      action: 'plan.agreed',
      before: { status: 'proposed' },
      after: {
        status: 'agreed',
        versionNumber: 1,
        agreement: { versionNumber: 1, agreedBy: 'Carla', agreedOn: '2026-12-01' },
      },
    });
    expect(agreed.title).toBe('Version 1 agreed');
    expect(agreed.lines[0]).toMatch(/^Agreed by Carla on /);
  });

  it('shows an unknown action as it is', () => {
    expect(describePlanEvent({ action: 'plan.kpi_added', before: null, after: null })).toEqual({
      title: 'plan.kpi_added',
      lines: [],
    });
  });
});
