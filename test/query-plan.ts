import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client';

/**
 * PostgreSQL's plan of a statement, with its `$n` parameters written in as it plans an unnamed
 * statement. Sequential scans are off: the test tables are tiny, and the planner would rather
 * scan them than use the index a large table needs.
 */
export async function queryPlan(
  database: Database,
  text: string,
  values: unknown[] = [],
): Promise<string> {
  const written = text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value)}'`;
  });
  return database.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    const explained = (await tx.execute(sql.raw(`EXPLAIN ${written}`))) as unknown as {
      rows: Array<Record<string, string>>;
    };
    return explained.rows.map((row) => Object.values(row)[0]).join('\n');
  });
}
