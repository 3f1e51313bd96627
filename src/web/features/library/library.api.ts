import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Clause = components['schemas']['Clause'];
export type AgreementTemplate = components['schemas']['AgreementTemplate'];

/** Every clause of the workspace, archived ones too (a library holds hundreds at most). */
export const clausesQuery = queryOptions({
  queryKey: ['clauses'],
  queryFn: async (): Promise<Clause[]> => {
    const all: Clause[] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(
        await api.GET('/api/v1/clauses', {
          params: { query: { archived: 'any', limit: 200, ...(cursor ? { cursor } : {}) } },
        }),
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
});

export const templatesQuery = queryOptions({
  queryKey: ['agreement-templates'],
  queryFn: async (): Promise<AgreementTemplate[]> => {
    const all: AgreementTemplate[] = [];
    let cursor: string | undefined;
    do {
      const page = unwrap(
        await api.GET('/api/v1/agreement-templates', {
          params: { query: { archived: 'any', limit: 200, ...(cursor ? { cursor } : {}) } },
        }),
      );
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
});

export const versionTag = (record: { version: number }) => `"${record.version}"`;
