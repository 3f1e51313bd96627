import { median } from './measure';

const WARMUP = 5;
const REPEATS = 30;

/**
 * Keyset pagination should make page N cost what page 1 costs. Follows nextCursor to page `page`,
 * then times the first page and that page, alternately: the median of each over one keep-alive
 * connection.
 */
export async function deepPage(url: string, key: string, page: number) {
  const headers = { authorization: `Bearer ${key}` };
  const get = async (cursor: string | null) => {
    const query = cursor ? `limit=50&cursor=${encodeURIComponent(cursor)}` : 'limit=50';
    const started = performance.now();
    const res = await fetch(`${url}/api/v1/partners?${query}`, { headers });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`page request answered ${res.status}`);
    return { ms, body };
  };
  let cursor: string | null = null;
  for (let n = 1; n < page; n++) {
    const { body } = await get(cursor);
    if (!body.nextCursor) throw new Error(`the list ended at page ${n}, before page ${page}`);
    cursor = body.nextCursor;
  }
  // Interleaved, so warm-up and drift weigh on both pages alike.
  const first: number[] = [];
  const deep: number[] = [];
  for (let i = 0; i < WARMUP + REPEATS; i++) {
    const a = await get(null);
    const b = await get(cursor);
    if (i >= WARMUP) {
      first.push(a.ms);
      deep.push(b.ms);
    }
  }
  const firstMs = median(first);
  const deepMs = median(deep);
  return { firstMs, deepMs, page };
}
