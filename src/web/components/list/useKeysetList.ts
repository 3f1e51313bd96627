import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

/** One page of a keyset-paginated list, as every list operation of the API answers it. */
export type KeysetPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A keyset-paginated list: its loaded pages as one array, and a stable `loadMore` for tables
 * that fetch the next page as they scroll.
 */
export function useKeysetList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<KeysetPage<T>>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const { fetchNextPage } = query;
  const loadMore = useCallback(() => {
    void fetchNextPage();
  }, [fetchNextPage]);
  return {
    query,
    items,
    hasMore: Boolean(query.hasNextPage),
    loadingMore: query.isFetchingNextPage,
    loadMore,
  };
}

export type KeysetList<T> = ReturnType<typeof useKeysetList<T>>;
