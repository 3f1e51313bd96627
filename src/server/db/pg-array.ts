/** A PostgreSQL array literal of `values`, sent as one parameter and cast by the query (`::uuid[]`). */
export function pgArray(values: ReadonlyArray<string | number | null>): string {
  const item = (v: string | number | null) =>
    v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, '\\$&')}"`;
  return `{${values.map(item).join(',')}}`;
}
