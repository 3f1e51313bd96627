/**
 * `npm run bench -- health`: the daily health job over every partner of the large workspace
 * (10 000 partners, 1 000 000 interactions, 100 000 tasks), divided by its one aggregate query
 * alone: what scoring in memory and the one batched write add to the read.
 */
import { sql } from 'drizzle-orm';
import { systemScope } from '../src/server/access/scope';
import type { Database } from '../src/server/db/client';
import { healthInputs } from '../src/server/features/health/health.queries';
import { snapshotWorkspace } from '../src/server/features/health/health.service';
import type { Dataset } from './dataset';
import { type Figure, median, type Say } from './measure';

const ROUNDS = 3;

/** What the workspace is topped up to: the issue's sizes, or a small run that proves it works. */
export const healthSizes = {
  full: { interactions: 1_000_000, tasks: 100_000, issues: 10_000 },
  small: { interactions: 5_000, tasks: 1_000, issues: 100 },
};
type HealthSizes = (typeof healthSizes)['full'];

async function count(database: Database, table: string, workspaceId: string): Promise<number> {
  const { rows } = await database.sql(
    `SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`,
    [workspaceId],
  );
  return (rows[0] as { n: number }).n;
}

/**
 * Tops the workspace up to the issue's sizes, each table in one set-based INSERT … SELECT over
 * generate_series: interactions over the last year with mixed sentiment, tasks due around
 * today (done on time, late, open), open and closed issues.
 */
async function addHealthData(
  database: Database,
  workspaceId: string,
  say: Say,
  sizes: HealthSizes,
) {
  const partners = sql`(SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n
    FROM partners WHERE workspace_id = ${workspaceId})`;
  const missing = sizes.interactions - (await count(database, 'interactions', workspaceId));
  if (missing > 0) {
    const started = performance.now();
    await database.db.execute(sql`
      INSERT INTO interactions (id, workspace_id, partner_id, kind, occurred_at, time_zone, sentiment)
      SELECT gen_random_uuid(), ${workspaceId}, p.ids[(1 + (g::bigint * 7919) % p.n)::int], 'meeting',
        now() - make_interval(secs => random() * 365 * 86400), 'UTC',
        (ARRAY['positive', 'neutral', 'negative', NULL])[1 + g % 4]
      FROM ${partners} p, generate_series(1, ${missing}::int) AS g`);
    say(`${missing} interactions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const missingTasks = sizes.tasks - (await count(database, 'tasks', workspaceId));
  if (missingTasks > 0) {
    await database.db.execute(sql`
      INSERT INTO tasks (id, workspace_id, title, priority, status, partner_id, visibility,
        search_text, due_date, completed_at)
      SELECT gen_random_uuid(), ${workspaceId}, 'Task ' || g, 'normal',
        (ARRAY['done', 'done', 'todo', 'in_progress'])[1 + g % 4], p.ids[1 + (g * 31) % p.n],
        'internal', 'task ' || g, to_char(current_date - (g % 120) + 20, 'YYYY-MM-DD'),
        CASE WHEN g % 4 < 2 THEN now() - make_interval(days => g % 130) END
      FROM ${partners} p, generate_series(1, ${missingTasks}::int) AS g`);
    say(`${missingTasks} tasks`);
  }
  const missingIssues = sizes.issues - (await count(database, 'issues', workspaceId));
  if (missingIssues > 0) {
    await database.db.execute(sql`
      INSERT INTO issues (id, workspace_id, partner_id, title, kind, severity, severity_rank,
        status, due_on, search_text, created_at)
      SELECT gen_random_uuid(), ${workspaceId}, p.ids[1 + (g * 13) % p.n], 'Issue ' || g,
        'delivery', (ARRAY['low', 'medium', 'high', 'critical'])[1 + g % 4], g % 4,
        (ARRAY['open', 'investigating', 'resolved', 'closed'])[1 + g % 4], current_date,
        'issue ' || g, now() - make_interval(days => g % 200)
      FROM ${partners} p, generate_series(1, ${missingIssues}::int) AS g`);
    say(`${missingIssues} issues`);
  }
  // Fresh statistics, as autovacuum would have them on a database that grew over months.
  await database.db.execute(sql`ANALYZE interactions, tasks, issues, partners`);
}

export async function healthFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: HealthSizes = healthSizes.full,
): Promise<void> {
  const database = await dataset.open();
  try {
    await addHealthData(database, dataset.workspaceId, say, sizes);
    const scope = systemScope(dataset.workspaceId, 'job:health.snapshot');
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    // One unmeasured pair warms the caches and writes the day's first snapshots.
    await healthInputs(database.db, scope, new Date(), { activeOnly: true });
    await snapshotWorkspace(database, dataset.workspaceId, new Date());
    const rounds: Array<{ job: number; query: number }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const query = await timed(() =>
        healthInputs(database.db, scope, new Date(), { activeOnly: true }),
      );
      const job = await timed(() => snapshotWorkspace(database, dataset.workspaceId, new Date()));
      say(`round ${i + 1} of ${ROUNDS}: job ${job.toFixed(0)} ms, query ${query.toFixed(0)} ms`);
      rounds.push({ job, query });
    }
    const of = (pick: (r: { job: number; query: number }) => number) => median(rounds.map(pick));
    figure(
      'health-snapshot',
      `${of((r) => r.job).toFixed(0)} ms`,
      of((r) => r.job / r.query),
      '<=3',
    );
    figure('health-snapshot-query', `${of((r) => r.query).toFixed(0)} ms`, 1, 'baseline');
  } finally {
    await database.close();
  }
}
