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
