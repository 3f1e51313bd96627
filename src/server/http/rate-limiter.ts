import { sql } from 'drizzle-orm';
import type { RateLimit, RateLimitName, RateLimits } from '../config';
import type { Database } from '../db/client';

/** A request over its limit: how long until the window ends. */
export type Refusal = { retryAfterSeconds: number };

const SYNC_MS = 1000;

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super('over the limit');
  }
}

/**
 * Fixed-window request counts shared by every process on the database (`rate_limit_hits`, one
 * row per key and window; decision 016).
 *
 * - `hitShared` counts in the database on every call: for public endpoints, which are few and
 *   slow anyway. The increment is refused at the limit, so a refused request changes nothing.
 * - `hitLocal` counts in this process and writes its counts to the table about once a second
 *   (`sync`), reading back what all processes counted; a key's first request in a window reads
 *   the table once. For authenticated API use: no database round trip per request. Each process
 *   may overshoot by what it admits between two syncs.
 */
export function createRateLimiter(database: Database, rules: RateLimits) {
  type Entry = {
    key: string;
    windowStart: number;
    windowEnd: number;
    /** What every process had counted at the last sync (this one's included). */
    known: number;
    /** Admitted here since the last sync. */
    pending: number;
    loading: Promise<void> | null;
  };
  const entries = new Map<string, Entry>();
  let syncing: Promise<void> | null = null;

  const windowOf = (rule: RateLimit, now: number) => {
    const length = rule.windowSeconds * 1000;
    const start = Math.floor(now / length) * length;
    return { start, end: start + length };
  };
  const refusal = (end: number, now: number): Refusal => ({
    retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
  });

  /**
   * Counts one request against each limit, in one transaction: refused by any, it counts against
   * none (the transaction rolls back), so a refused request changes nothing.
   */
  async function hitShared(
    limits: Array<{ name: RateLimitName; subject: string }>,
  ): Promise<Refusal | null> {
    const now = Date.now();
    try {
      await database.transaction(async (tx) => {
        for (const { name, subject } of limits) {
          const rule = rules[name];
          const window = windowOf(rule, now);
          const result = (await tx.execute(sql`
            INSERT INTO rate_limit_hits (key, window_start, hits)
            VALUES (${`${name}:${subject}`}, ${new Date(window.start).toISOString()}::timestamptz, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
            WHERE rate_limit_hits.hits < ${rule.limit}
            RETURNING hits`)) as unknown as { rows: unknown[] };
          if (result.rows.length === 0) throw new Refused(refusal(window.end, now));
        }
      });
      return null;
    } catch (error) {
      if (error instanceof Refused) return error.refusal;
      throw error;
    }
  }

  async function load(entry: Entry) {
    try {
      const { rows } = await database.sql(
        'SELECT hits FROM rate_limit_hits WHERE key = $1 AND window_start = $2::timestamptz',
        [entry.key, new Date(entry.windowStart).toISOString()],
      );
      entry.known = Number((rows[0] as { hits?: number } | undefined)?.hits ?? 0);
    } catch {
      // The count starts from this process's own; the next sync brings the others'.
    } finally {
      entry.loading = null;
    }
  }

  async function hitLocal(name: RateLimitName, subject: string): Promise<Refusal | null> {
    const rule = rules[name];
    const now = Date.now();
    const window = windowOf(rule, now);
    const key = `${name}:${subject}`;
    const id = `${key}@${window.start}`;
    let entry = entries.get(id);
    if (!entry) {
      entry = {
        key,
        windowStart: window.start,
        windowEnd: window.end,
        known: 0,
        pending: 0,
        loading: null,
      };
      entry.loading = load(entry);
      entries.set(id, entry);
    }
    if (entry.loading) await entry.loading;
    if (entry.known + entry.pending >= rule.limit) return refusal(entry.windowEnd, Date.now());
    entry.pending += 1;
    return null;
  }

  /** Adds this process's new counts to the table and reads back the totals; drops ended windows. */
  async function syncOnce() {
    const now = Date.now();
    const due = [...entries.values()].filter(
      (e) => !e.loading && (e.pending > 0 || e.windowEnd > now),
    );
    for (let i = 0; i < due.length; i += 500) {
      const chunk = due.slice(i, i + 500);
      const sent = chunk.map((e) => e.pending);
      const params: unknown[] = [];
      const values = chunk.map((e, j) => {
        params.push(e.key, new Date(e.windowStart).toISOString(), sent[j]);
        const n = params.length;
        return `($${n - 2}, $${n - 1}::timestamptz, $${n}::int)`;
      });
      const { rows } = await database.sql(
        `INSERT INTO rate_limit_hits (key, window_start, hits) VALUES ${values.join(', ')}
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + excluded.hits
         RETURNING key, window_start, hits`,
        params,
      );
      const totals = new Map(
        (rows as Array<{ key: string; window_start: Date | string; hits: number }>).map((r) => [
          `${r.key}@${new Date(r.window_start).getTime()}`,
          Number(r.hits),
        ]),
      );
      chunk.forEach((e, j) => {
        e.pending -= sent[j] ?? 0;
        e.known = totals.get(`${e.key}@${e.windowStart}`) ?? e.known;
      });
    }
    for (const [id, e] of entries) if (e.windowEnd <= now && e.pending === 0) entries.delete(id);
  }

  /** One sync at a time; a caller arriving during one waits for it and then runs its own. */
  async function sync(): Promise<void> {
    while (syncing) await syncing;
    syncing = syncOnce().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    hitShared,
    hitLocal,
    sync,
    /** Syncs about once a second until `stop`. */
    start(onError: (error: unknown) => void) {
      timer ??= setInterval(() => {
        sync().catch(onError);
      }, SYNC_MS);
      timer.unref();
    },
    /** Stops syncing after writing what is left. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sync().catch(() => {});
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** Windows that ended before `before` no longer count: the longest window is one day. */
export async function purgeRateLimitHits(database: Database, before: Date): Promise<number> {
  const { rows } = await database.sql(
    'DELETE FROM rate_limit_hits WHERE window_start < $1::timestamptz RETURNING 1',
    [before.toISOString()],
  );
  return rows.length;
}
