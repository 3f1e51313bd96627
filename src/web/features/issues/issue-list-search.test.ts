import { describe, expect, it } from 'vitest';
import { issueListSearch } from './issue-list-search';

describe('the register’s URL search', () => {
  it('keeps known filters and drops anything else', () => {
    expect(
      issueListSearch({
        q: 'conflict',
        status: ['open', 'nonsense', 'escalated'],
        severity: 'critical',
        kind: 'legal',
        overdue: 'true',
        partnerId: '01900000-0000-7000-8000-000000000000',
        ownerId: 'not-an-id',
        sort: '-severity',
      }),
    ).toEqual({
      q: 'conflict',
      status: ['open', 'escalated'],
      severity: ['critical'],
      kind: ['legal'],
      overdue: 'true',
      partnerId: '01900000-0000-7000-8000-000000000000',
      sort: '-severity',
    });
    expect(issueListSearch({ overdue: 'false', sort: 'title', q: '  ' })).toEqual({});
  });
});
