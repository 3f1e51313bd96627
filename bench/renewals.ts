/**
 * `npm run bench -- renewal-sweep`: the daily renewal job over 100 000 agreements that all fall
 * due (a third roll on by auto-renewal, a third start expiring, a third that were expiring
 * expire), divided by one set-based UPDATE over the same rows: what the audit events, the
 * timeline entries, the date arithmetic and the renewal reminders (their memory rows, in-app
 * notifications and queued mail, decision 059) add to moving the rows. Every agreement has an
 * owner, so every term in reach of a lead time is reminded: most rows get one or two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client';
import { pgArray } from '../src/server/db/pg-array';
import { sweepAgreements } from '../src/server/features/agreements/agreements.sweep';
import { directoryBlobStore } from '../src/server/files/directory-store';
import { createJobs } from '../src/server/jobs/queue';
import type { Dataset } from './dataset';
import { type Figure, median, type Say } from './measure';

const ROUNDS = 3;
/** Titles of the bench's agreements, so each round puts back only its own rows. */
const marker = 'Renewal bench';

export const renewalSizes = { full: { agreements: 100_000 }, small: { agreements: 2_000 } };

/**
 * The bench's agreements, written once in one INSERT … SELECT over generate_series. Every row
 * moves on the day the rounds sweep: ends spread over the last year and the next month.
 */
async function addAgreements(
  database: Database,
  workspaceId: string,
  ownerIds: readonly string[],
  say: Say,
  n: number,
) {
  const { rows } = await database.sql(
    'SELECT count(*)::int AS n FROM agreements WHERE workspace_id = $1 AND title = $2',
    [workspaceId, marker],
  );
  if ((rows[0] as { n: number }).n >= n) return;
  const started = performance.now();
  await database.db.execute(sql`
    INSERT INTO agreements (id, workspace_id, partner_id, type, title, status, effective_on,
      end_on, auto_renew, renewal_term_months, notice_days, value, currency, owner_id)
    SELECT gen_random_uuid(), ${workspaceId}::uuid, p.ids[1 + (g * 7919) % p.n], 'reseller',
      ${marker}, CASE WHEN g % 3 = 2 THEN 'expiring' ELSE 'active' END, current_date - 800,
      -- g % 3: 0 auto-renews (ended last year), 1 enters its notice period, 2 expiring has ended.
      CASE g % 3 WHEN 1 THEN current_date + 1 + g % 28 ELSE current_date - 1 - g % 365 END,
      g % 3 = 0, CASE WHEN g % 3 = 0 THEN 1 + g % 12 END, 30 + g % 60, 1000 * g, 'EUR',
      (${pgArray(ownerIds)}::uuid[])[1 + g % ${ownerIds.length}::int]
    FROM (SELECT array_agg(id) AS ids, count(*)::int AS n FROM partners
      WHERE workspace_id = ${workspaceId}) p, generate_series(1, ${n}::int) AS g`);
  await database.db.execute(sql`ANALYZE agreements`);
  say(`${n} agreements in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Puts the bench's rows back as they were before a sweep, and removes what it wrote (unmeasured). */
async function reset(database: Database, workspaceId: string) {
  await database.db.execute(sql`
    UPDATE agreements
    SET status = CASE WHEN (value / 1000) % 3 = 2 THEN 'expiring' ELSE 'active' END, end_on = coalesce(end_anchor_on, end_on),
      end_anchor_on = NULL
    WHERE workspace_id = ${workspaceId} AND title = ${marker}`);
  await database.db.execute(sql`
    DELETE FROM audit_events WHERE workspace_id = ${workspaceId}
      AND actor_name = 'job:agreement.sweep'`);
  await database.db.execute(sql`
    DELETE FROM timeline_entries WHERE workspace_id = ${workspaceId}
      AND actor_name = 'job:agreement.sweep'`);
  await database.db.execute(
    sql`DELETE FROM agreement_reminders WHERE workspace_id = ${workspaceId}`,
  );
  await database.db.execute(sql`
    DELETE FROM notifications WHERE workspace_id = ${workspaceId} AND kind = 'renewal'`);
  await database.db.execute(sql`DELETE FROM pgboss.job WHERE name = 'notification.email'`);
}

export async function renewalFigures(
  dataset: Dataset,
  figure: Figure,
  say: Say,
  sizes: { agreements: number } = renewalSizes.full,
): Promise<void> {
  const database = await dataset.open();
  // The job queue needs a file store; nothing is written to it.
  const filesDir = mkdtempSync(join(tmpdir(), 'tandem-bench-files-'));
  try {
    await addAgreements(database, dataset.workspaceId, dataset.ownerIds, say, sizes.agreements);
    // Queues only: the reminders' mail jobs are written, as the job does, and never sent.
    const files = directoryBlobStore(filesDir);
    const jobs = createJobs(database, { work: false, files, mailer: null, secret: 'bench' });
    const sweep = () =>
      sweepAgreements(database, new Date(), (tx, mail) =>
        jobs.enqueueMany(tx, 'notification.email', mail),
      );
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    // The baseline: the same rows moved by one plain UPDATE, with a new version each.
    const update = () =>
      database.db.execute(sql`
        UPDATE agreements SET status = 'expired', version = version + 1, updated_at = now()
        WHERE workspace_id = ${dataset.workspaceId} AND title = ${marker}`);
    // One unmeasured pair warms the caches.
    await sweep();
    await reset(database, dataset.workspaceId);
    await update();
    const rounds: Array<{ job: number; update: number; moved: number }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      await reset(database, dataset.workspaceId);
      const plain = await timed(update);
      await reset(database, dataset.workspaceId);
      let moved = 0;
      let reminded = 0;
      const job = await timed(async () => {
        const result = await sweep();
        moved = result.renewed + result.expiring + result.expired;
        reminded = result.reminded;
      });
      say(
        `round ${i + 1} of ${ROUNDS}: job ${job.toFixed(0)} ms (${moved} moves, ${reminded} reminders), update ${plain.toFixed(0)} ms`,
      );
      rounds.push({ job, update: plain, moved });
    }
    await reset(database, dataset.workspaceId);
    // Each round rewrites 100 000 rows twice: without this the dead rows it leaves slow every
    // later figure on the table (the agreements list read 700 000 pages for 50 rows).
    await database.sql('VACUUM ANALYZE agreements');
    const of = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    figure(
      'renewal-sweep',
      `${of((r) => r.job).toFixed(0)} ms`,
      of((r) => r.job / r.update),
      '<=3',
    );
    figure('renewal-sweep-update', `${of((r) => r.update).toFixed(0)} ms`, 1, 'baseline');
  } finally {
    rmSync(filesDir, { recursive: true, force: true });
    await database.close();
  }
}
