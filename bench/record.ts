import pg from 'pg';
import type { Database } from '../src/server/db/client';

export type Statement = { text: string; values: unknown[] };

/**
 * The statements `run` sends, recorded at the driver (so they are exactly what Drizzle sends,
 * parameters included), to be sent again through the bare driver as a baseline.
 */
export async function recordStatements(
  database: Database,
  run: () => Promise<unknown>,
): Promise<Statement[]> {
  const recorded: Statement[] = [];
  let restore: () => void;
  if (database.pglite) {
    const engine = database.pglite;
    const query = engine.query.bind(engine);
    engine.query = ((text: string, values?: unknown[], options?: unknown) => {
      recorded.push({ text, values: values ?? [] });
      return query(text, values, options as never);
    }) as typeof engine.query;
    restore = () => {
      engine.query = query;
    };
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config, values] = args as [string | { text: string; values?: unknown[] }, unknown[]];
      // Drizzle sends `query({ text, rowMode, types }, values)`; others put values in the config.
      if (typeof config === 'string') recorded.push({ text: config, values: values ?? [] });
      else recorded.push({ text: config.text, values: config.values ?? values ?? [] });
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    restore = () => {
      pg.Client.prototype.query = query;
    };
  }
  try {
    await run();
  } finally {
    restore();
  }
  return recorded;
}
