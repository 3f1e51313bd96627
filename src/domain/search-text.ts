/** The lower-cased text a record is found by; written beside the record and trigram-indexed. */
export function searchText(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .toLowerCase();
}
