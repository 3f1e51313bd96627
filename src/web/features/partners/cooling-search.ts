/** The cooling list's URL search: one owner, or anyone. */
export type CoolingSearch = { ownerId?: string };

export function coolingSearch(search: Record<string, unknown>): CoolingSearch {
  return typeof search.ownerId === 'string' ? { ownerId: search.ownerId } : {};
}
