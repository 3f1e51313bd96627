/**
 * Sort keys as the API takes them: `name` ascending, `-name` descending. Pure, so the header
 * buttons and the sort menu agree and can be tested without a browser.
 */
export type SortDirection = 'ascending' | 'descending' | 'none';

/** How the list is sorted by a column whose ascending key is `key`. */
export function sortDirection(current: string, key: string): SortDirection {
  if (current === key) return 'ascending';
  if (current === `-${key}`) return 'descending';
  return 'none';
}

/**
 * The sort after a click on a column's header: the other direction when the list is already
 * sorted by it, else the column's first direction (newest first suits dates).
 */
export function nextSort(current: string, key: string, first: 'asc' | 'desc' = 'asc'): string {
  const direction = sortDirection(current, key);
  if (direction === 'ascending') return `-${key}`;
  if (direction === 'descending') return key;
  return first === 'asc' ? key : `-${key}`;
}

/** How many of a list's filters hold a value (the search box and the sort do not count). */
export function activeFilterCount(
  search: Record<string, unknown>,
  keys: readonly string[],
): number {
  return keys.filter((key) => {
    const value = search[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
  }).length;
}

/** `12 partners`, `100+ partners match`: the same words under every list. */
export function resultCount(
  count: number,
  more: boolean,
  noun: readonly [singular: string, plural: string],
  filtered: boolean,
): string {
  const word = count === 1 && !more ? noun[0] : noun[1];
  return `${count}${more ? '+' : ''} ${word}${filtered ? (count === 1 && !more ? ' matches' : ' match') : ''}`;
}
