import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './timeline.api';
import { describeEntry } from './timeline-entries';

const entry = (summary: TimelineEntry['summary']) =>
  ({ kind: 'task', summary }) as unknown as TimelineEntry;

describe('task entries', () => {
  it('read as added or done, with the title', () => {
    expect(describeEntry(entry({ event: 'created', title: 'Call back' }), String)).toBe(
      'Task added: Call back',
    );
    expect(describeEntry(entry({ event: 'completed', title: 'Call back' }), String)).toBe(
      'Task done: Call back',
    );
  });
});

describe('comment entries', () => {
  it('read as a comment on the record, with its first line', () => {
    const comment = { kind: 'comment', summary: { on: 'Quarterly review', excerpt: 'Looks good' } };
    expect(describeEntry(comment as unknown as TimelineEntry, String)).toBe(
      'Comment on Quarterly review: Looks good',
    );
  });
});

describe('plan entries', () => {
  const plan = (summary: TimelineEntry['summary']) =>
    ({ kind: 'plan', summary }) as unknown as TimelineEntry;

  it('name the plan by its period and say what happened', () => {
    expect(
      describeEntry(plan({ event: 'created', period: 'FY2027', versionNumber: 1 }), String),
    ).toBe('FY2027 plan started');
    expect(
      describeEntry(
        plan({ event: 'status_changed', period: 'FY2027-Q2', from: 'draft', to: 'proposed' }),
        String,
      ),
    ).toBe('Q2 FY2027 plan: draft → proposed');
    expect(
      describeEntry(
        plan({ event: 'agreed', period: 'FY2027', versionNumber: 2, agreedBy: 'Carla Diaz' }),
        String,
      ),
    ).toBe('FY2027 plan: version 2 agreed by Carla Diaz');
    expect(
      describeEntry(plan({ event: 'revised', period: 'FY2027', versionNumber: 3 }), String),
    ).toBe('FY2027 plan: version 3 started');
  });
});

describe('agreement obligation entries', () => {
  const agreement = (summary: TimelineEntry['summary']) =>
    ({ kind: 'agreement', summary }) as unknown as TimelineEntry;

  it('name the agreement and the obligation, added, done or waived', () => {
    const summary = { title: 'Reseller 2027', obligation: 'Monthly sales report' };
    expect(describeEntry(agreement({ ...summary, event: 'obligation_added' }), String)).toBe(
      'Agreement Reseller 2027: obligation added: Monthly sales report',
    );
    expect(describeEntry(agreement({ ...summary, event: 'obligation_waived' }), String)).toBe(
      'Agreement Reseller 2027: obligation waived: Monthly sales report',
    );
  });
});
