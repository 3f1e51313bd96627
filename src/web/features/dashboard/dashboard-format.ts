/** "1 KPI", "3 KPIs". */
export const plural = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

/** A ratio as a whole percentage; a dash when there is none. */
export const percent = (value: number | null) =>
  value === null ? '—' : `${Math.round(value * 100)}%`;
