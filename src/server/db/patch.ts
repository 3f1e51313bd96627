/**
 * The one way a PATCH becomes a change (decision 014): `patchOf` keeps the fields given (empty
 * text clears to null), `changedIn` says which of them differ from the stored row by one
 * equality rule, and the service writes the change and its audit event only when one does.
 */
export function patchOf<Row>(input: Record<string, unknown>): Partial<Row> {
  const set: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    set[key] = value === '' ? null : value;
  }
  return set as Partial<Row>;
}

/** Equal as stored values: arrays and objects by content, dates by instant, null as null. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The fields of `set` whose value differs from the row's; none means the PATCH changes nothing. */
export function changedIn<Row>(set: Partial<Row>, row: Row): Array<keyof Row> {
  return (Object.keys(set) as Array<keyof Row>).filter((key) => !sameValue(set[key], row[key]));
}
