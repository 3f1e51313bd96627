import { describe, expect, it } from 'vitest';
import { lineDiff } from './line-diff';
import { PlanCreate, type PlanSnapshot, PlanTransition, planChanges, planMachine } from './plans';
import { allowedNext, checkTransition } from './state-machine';

const snapshot = (summary: string, texts: string[] = []): PlanSnapshot => ({
  summary,
  objectives: texts.map((text) => ({
    text,
    ownerSide: 'us',
    ownerMemberId: null,
    ownerContactId: null,
  })),
  kpis: [],
});

describe('the plan machine', () => {
  it('goes draft → proposed → agreed → active → closed, and back from proposed to draft', () => {
    expect(allowedNext(planMachine, 'draft')).toEqual(['proposed']);
    expect(allowedNext(planMachine, 'proposed')).toEqual(['agreed', 'draft']);
    expect(allowedNext(planMachine, 'agreed')).toEqual(['active', 'closed']);
    expect(allowedNext(planMachine, 'active')).toEqual(['closed']);
    expect(allowedNext(planMachine, 'closed')).toEqual([]);
  });

  it('never moves an agreed plan back to a draft: that is a new version', () => {
    expect(checkTransition(planMachine, 'agreed', 'draft', {}, {})).toMatchObject({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('needs who agreed and when to agree', () => {
    expect(checkTransition(planMachine, 'proposed', 'agreed', {}, {})).toMatchObject({
      reason: 'field_required',
      field: 'agreedBy',
    });
    expect(
      checkTransition(planMachine, 'proposed', 'agreed', {}, { agreedBy: 'Ada Lovelace' }),
    ).toMatchObject({ reason: 'field_required', field: 'agreedOn' });
    expect(
      checkTransition(
        planMachine,
        'proposed',
        'agreed',
        {},
        { agreedBy: 'Ada Lovelace', agreedOn: '2026-12-01' },
      ),
    ).toEqual({ ok: true });
  });
});

describe('plan schemas', () => {
  const partnerId = '01900000-0000-7000-8000-000000000001';

  it('take a period label and default the summary and objectives', () => {
    expect(PlanCreate.parse({ partnerId, period: 'FY2027-Q2' })).toEqual({
      partnerId,
      period: 'FY2027-Q2',
      summary: '',
      objectives: [],
    });
    expect(PlanCreate.safeParse({ partnerId, period: '2027-Q2' }).success).toBe(false);
  });

  it('refuse more than 50 objectives, an unknown owner side and unknown fields', () => {
    const objective = { text: 'Grow', ownerSide: 'us' };
    const many = Array.from({ length: 51 }, () => objective);
    expect(PlanCreate.safeParse({ partnerId, period: 'FY2027', objectives: many }).success).toBe(
      false,
    );
    expect(
      PlanCreate.safeParse({
        partnerId,
        period: 'FY2027',
        objectives: [{ text: 'Grow', ownerSide: 'them' }],
      }).success,
    ).toBe(false);
    expect(PlanCreate.safeParse({ partnerId, period: 'FY2027', status: 'agreed' }).success).toBe(
      false,
    );
  });

  it('take the agreement day as a calendar date only', () => {
    expect(
      PlanTransition.safeParse({ to: 'agreed', agreedBy: 'Ada', agreedOn: '2026-13-01' }).success,
    ).toBe(false);
  });
});

describe('lineDiff', () => {
  it('keeps the shared lines and marks the rest removed or added', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'equal', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
  });

  it('reads an empty text as no lines, and equal texts as all equal', () => {
    expect(lineDiff('', 'x')).toEqual([{ op: 'added', text: 'x' }]);
    expect(lineDiff('x', '')).toEqual([{ op: 'removed', text: 'x' }]);
    expect(lineDiff('x\ny', 'x\ny').every((line) => line.op === 'equal')).toBe(true);
  });

  it('rebuilds both texts from its lines', () => {
    const before = 'one\ntwo\nthree\nfour';
    const after = 'zero\ntwo\nthree and a half\nfour\nfive';
    const lines = lineDiff(before, after);
    const side = (ops: string[]) =>
      lines
        .filter((line) => ops.includes(line.op))
        .map((line) => line.text)
        .join('\n');
    expect(side(['equal', 'removed'])).toBe(before);
    expect(side(['equal', 'added'])).toBe(after);
  });
});

describe('planChanges', () => {
  it('finds nothing between equal versions', () => {
    expect(planChanges(snapshot('S', ['A']), snapshot('S', ['A']))).toEqual([]);
  });

  it('names each changed field, with a line diff for text', () => {
    const changes = planChanges(
      snapshot('Grow\nsell', ['A', 'B']),
      snapshot('Grow\nsell more', ['A', 'C']),
    );
    expect(changes.map((c) => [c.field, c.change])).toEqual([
      ['summary', 'changed'],
      ['objectives.1.text', 'changed'],
    ]);
    expect(changes[0]?.lines).toEqual([
      { op: 'equal', text: 'Grow' },
      { op: 'removed', text: 'sell' },
      { op: 'added', text: 'sell more' },
    ]);
  });

  it('shows an added or removed objective field by field', () => {
    const added = planChanges(snapshot('S'), snapshot('S', ['New']));
    expect(added.map((c) => [c.field, c.change, c.after])).toEqual([
      ['objectives.0.text', 'added', 'New'],
      ['objectives.0.ownerSide', 'added', 'us'],
    ]);
    const removed = planChanges(snapshot('S', ['Old']), snapshot('S'));
    expect(removed.map((c) => [c.field, c.change, c.before])).toEqual([
      ['objectives.0.text', 'removed', 'Old'],
      ['objectives.0.ownerSide', 'removed', 'us'],
    ]);
  });

  it('shows a change of owner side without a line diff', () => {
    const after = snapshot('S', ['A']);
    after.objectives = after.objectives.map((o) => ({ ...o, ownerSide: 'both' as const }));
    expect(planChanges(snapshot('S', ['A']), after)).toEqual([
      {
        field: 'objectives.0.ownerSide',
        change: 'changed',
        before: 'us',
        after: 'both',
        lines: null,
      },
    ]);
  });
});
