import { describe, expect, it } from 'vitest';
import { exportHref } from './export-href';

describe('exportHref', () => {
  it('carries the format and every filter, repeating list values, skipping unset ones', () => {
    expect(
      exportHref('partners', 'xlsx', {
        q: 'café & co',
        stage: ['active', 'prospect'],
        healthMin: 40,
        sort: undefined,
      }),
    ).toBe(
      '/api/v1/partners/export?format=xlsx&q=caf%C3%A9+%26+co&stage=active&stage=prospect&healthMin=40',
    );
    expect(exportHref('contacts', 'csv', {})).toBe('/api/v1/contacts/export?format=csv');
  });
});
