/** A list's filters and sort as its API takes them; arrays repeat the parameter. */
export type ExportQuery = Record<string, string | number | readonly string[] | undefined>;

/** The export URL of a list with its current filters: a plain same-origin GET with the cookie. */
export function exportHref(list: string, format: 'csv' | 'xlsx', query: ExportQuery): string {
  const params = new URLSearchParams({ format });
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const one of typeof value === 'object' ? value : [value]) params.append(name, String(one));
  }
  return `/api/v1/${list}/export?${params}`;
}
