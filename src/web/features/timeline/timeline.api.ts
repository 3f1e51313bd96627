import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type TimelineEntry = components['schemas']['TimelineEntry'];
export type TimelineKind = TimelineEntry['kind'];
export type TimelineFilters = { kind: TimelineKind[]; person: string[] };

const PAGE_SIZE = 30;

/** One page of a partner's timeline, or of the workspace's activity when no partner is given. */
export async function timelinePage(
  partnerId: string | null,
  filters: TimelineFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
) {
  const query = { ...filters, limit: PAGE_SIZE, cursor };
  if (partnerId === null)
    return unwrap(await api.GET('/api/v1/timeline', { params: { query }, signal }));
  return unwrap(
    await api.GET('/api/v1/partners/{id}/timeline', {
      params: { path: { id: partnerId }, query },
      signal,
    }),
  );
}
