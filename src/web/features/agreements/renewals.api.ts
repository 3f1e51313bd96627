import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type RenewalItem = components['schemas']['RenewalItem'];
export type RenewalPage = components['schemas']['RenewalPage'];

import { type RenewalSearch, renewalWindow } from './agreement-list-search';

export type { RenewalWindow } from './agreement-list-search';

const PAGE_SIZE = 50;

/** One page of the renewals coming up in the window, with the window's totals. */
export async function listRenewals(
  search: RenewalSearch,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  return unwrap(
    await api.GET('/api/v1/agreements/renewals', {
      params: {
        query: {
          within: renewalWindow(search),
          ...(search.partnerId ? { partnerId: [search.partnerId] } : {}),
          limit: PAGE_SIZE,
          cursor,
        },
      },
      signal,
    }),
  );
}
