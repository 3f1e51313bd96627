import { sql } from 'drizzle-orm';
import {
  dateAt,
  type FiscalSettings,
  formatPeriod,
  periodAt,
  periodRange,
  previousPeriod,
  subPeriods,
} from '../../../domain/periods';
import type { Scope } from '../../access/scope';
import type { Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import {
  kpiMeasurements,
  kpis,
  planObjectives,
  plans,
  planVersions,
  timelineEntries,
} from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import { refreshWorkspaceKpis } from '../kpis/kpis.refresh';
import type { ContactRow, PartnerRow } from './demo.generate';
import { currencyOf, objectiveTexts, summaries } from './demo.plans';

/**
 * The large set's plans (issue 9, decision 047), written by the database with `generate_series`:
 * for every partner last fiscal year's plan, closed, and this year's, active, each with five
 * monthly KPIs and a value for every month so far (24 months in a year's last month). Every
 * value comes from a hash of the partner's number, so the same partners give the same plans.
 */
export const bulkPlanKpis = 5;

/** KPIs whose values one statement writes: bounded memory, and progress to show between them. */
const KPI_CHUNK = 10_000;

export type BulkPlanOptions = {
  partners: PartnerRow[];
  contacts: ContactRow[];
  /** The workspace's fiscal year and time zone, which say what last and this year are. */
  settings: FiscalSettings;
  now: Date;
  onBatch: (written: number) => void;
};

export type BulkPlanCounts = { plans: number; kpis: number; measurements: number };

/**
 * The fiscal months of last year and this year that have begun by `now`, oldest first, each with
 * the share of it that has passed (1 once it has ended): last year's twelve and this year's so
 * far, the current month's value being the month to date. 24 months in a year's last month.
 */
export function monthsSoFar(settings: FiscalSettings, now: Date) {
  const today = dateAt(now.getTime(), settings.timeZone);
  const thisYear = periodAt(now.getTime(), 'year', settings);
  const years = [previousPeriod(thisYear), thisYear];
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return {
    years: years.map((year) => ({
      label: formatPeriod(year),
      start: periodRange(year, settings).start,
      end: periodRange(year, settings).endExclusive,
    })),
    months: years.flatMap((year, y) =>
      subPeriods(year, 'month').flatMap((month, i) => {
        const { start, endExclusive } = periodRange(month, settings);
        if (start > today) return [];
        const share = Math.min(1, (days(start, today) + 1) / days(start, endExclusive));
        return [{ y, i, label: formatPeriod(month), ends: endExclusive, share }];
      }),
    ),
  };
}

/** What the load writes for `partners` partners on `now`: for the progress count and the tests. */
export function bulkPlanCounts(partners: number, settings: FiscalSettings, now: Date) {
  const months = monthsSoFar(settings, now).months.length;
  return {
    plans: partners * 2,
    kpis: partners * 2 * bulkPlanKpis,
    measurements: partners * bulkPlanKpis * months,
  };
}

/** A uniform number in [0, 1) from the row number `n` (an SQL expression) and a stream number. */
const r = (n: string, stream: number) =>
  sql.raw(`((hashint8extended((${n})::bigint, ${stream}) & 2147483647)::float8 / 2147483648)`);

/**
 * The five KPIs of every plan, in order, with their yearly target and baseline for a partner of
 * `size` (0 to 1): revenue and deals add up over the months, win rate and response time are
 * averages (response time lower is better), certified engineers count what is reached so far.
 */
const kpiTemplates = sql.raw(`(VALUES
  (0, 'Partner-sourced revenue', 'currency', 'higher', 'sum'),
  (1, 'Deals closed', 'count', 'higher', 'sum'),
  (2, 'Win rate', 'percent', 'higher', 'average'),
  (3, 'First response time', 'duration', 'lower', 'average'),
  (4, 'Certified engineers', 'count', 'higher', 'last')
) AS t(k, name, unit, direction, aggregation)`);

/** `greatest(step, round(value / step) * step)`, as the small demo rounds its targets. */
const stepped = (value: string, step: number) =>
  `greatest(${step}, round((${value}) / ${step}) * ${step})`;

const targetSql = sql.raw(`CASE t.k
  WHEN 0 THEN ${stepped('120000 + p.size * 2280000', 10000)} * 100
  WHEN 1 THEN ${stepped('12 + p.size * 108', 6)}
  WHEN 2 THEN ${stepped('2500 + p.size * 2000', 100)}
  WHEN 3 THEN ${stepped('(24 - p.size * 20) * 3600', 1800)}
  ELSE ${stepped('6 + p.size * 24', 1)} END`);

export async function loadBulkPlans(
  tx: Tx,
  scope: Scope,
  options: BulkPlanOptions,
): Promise<BulkPlanCounts> {
  const ws = sql`${scope.workspaceId}::uuid`;
  const { years, months } = monthsSoFar(options.settings, options.now);
  const firstContact = new Map<string, ContactRow>();
  for (const c of options.contacts)
    if (!firstContact.has(c.partnerId)) firstContact.set(c.partnerId, c);
  const partners = options.partners.filter((p) => !p.archivedAt);
  const contactOf = (p: PartnerRow) => firstContact.get(p.id) ?? null;
  const sponsorOf = (p: PartnerRow) => {
    const c = contactOf(p);
    return c ? `${c.firstName} ${c.lastName}` : 'Partner sponsor';
  };

  // The partners by number, with what their plans need to know about them.
  await tx.execute(sql`
    CREATE TEMP TABLE demo_plan_partners ON COMMIT DROP AS
    SELECT (n - 1)::int AS n, id, stage, currency, owner_id, contact_id, sponsor,
      ${r('n', 101)} AS size, ${r('n', 102)} AS draw
    FROM unnest(${pgArray(partners.map((p) => p.id))}::uuid[],
      ${pgArray(partners.map((p) => p.stage))}::text[],
      ${pgArray(partners.map((p) => currencyOf(p.country)))}::text[],
      ${pgArray(partners.map((p) => p.ownerId))}::uuid[],
      ${pgArray(partners.map((p) => contactOf(p)?.id ?? null))}::uuid[],
      ${pgArray(partners.map(sponsorOf))}::text[])
      WITH ORDINALITY AS t(id, stage, currency, owner_id, contact_id, sponsor, n)`);
  await tx.execute(sql`
    CREATE TEMP TABLE demo_plan_months ON COMMIT DROP AS
    SELECT y, i, label, ends, share
    FROM unnest(${pgArray(months.map((m) => m.y))}::int[], ${pgArray(months.map((m) => m.i))}::int[],
      ${pgArray(months.map((m) => m.label))}::text[], ${pgArray(months.map((m) => m.ends))}::date[],
      ${pgArray(months.map((m) => m.share))}::float8[])
      AS t(y, i, label, ends, share)`);

  // Two plans a partner: y = 0 last year's (closed), y = 1 this year's (active). How the year goes:
  // most partners at or above target, some behind, a few far behind; a partner at risk was on
  // target last year and slips through this one. Last year's targets were 15 % lower.
  await tx.execute(sql`
    CREATE TEMP TABLE demo_plans ON COMMIT DROP AS
    SELECT p.n, y, ${uuidv7Sql} AS id, p.id AS partner_id, p.currency, p.owner_id, p.contact_id,
      p.sponsor, (${pgArray(years.map((y) => y.label))}::text[])[y + 1] AS period,
      CASE WHEN y = 0 THEN 'closed' ELSE 'active' END AS status,
      CASE WHEN y = 0 THEN p.size * 0.85 ELSE p.size END AS size,
      CASE WHEN p.stage = 'at_risk' THEN CASE WHEN y = 0 THEN 1.0 ELSE 0.85 END
        WHEN p.draw < 0.84 THEN 1.08 + 0.12 * p.size
        WHEN p.draw < 0.96 THEN 0.87 ELSE 0.62 END AS level,
      CASE WHEN p.stage = 'at_risk' AND y = 1 THEN -0.35 ELSE 0 END AS slope,
      (${pgArray(years.map((y) => y.start))}::date[])[y + 1]
        + floor(${r('p.n * 2 + y', 103)} * 51)::int - 30 AS agreed_on,
      (${pgArray(years.map((y) => y.end))}::date[])[y + 1] AS year_end,
      (${pgArray(summaries)}::text[])[1 + floor(${r('p.n * 2 + y', 104)} * ${summaries.length})::int]
        AS summary,
      floor(${r('p.n * 2 + y', 105)} * ${objectiveTexts.length})::int AS first_objective,
      1 + floor(${r('p.n * 2 + y', 106)} * ${objectiveTexts.length - 1})::int AS objective_step
    FROM demo_plan_partners p CROSS JOIN generate_series(0, 1) AS y`);
  await tx.execute(sql`ALTER TABLE demo_plans ADD PRIMARY KEY (n, y)`);

  await tx.execute(sql`
    INSERT INTO ${plans} (id, workspace_id, partner_id, period, status, summary, version_number,
      agreed_version_number, version, created_at, updated_at)
    SELECT id, ${ws}, partner_id, period, status, summary, 1, 1, 1,
      (agreed_on - 14)::timestamp AT TIME ZONE 'UTC',
      CASE WHEN y = 0 THEN year_end::timestamp ELSE agreed_on::timestamp END AT TIME ZONE 'UTC'
    FROM demo_plans`);
  await tx.execute(sql`
    INSERT INTO ${planObjectives} (id, workspace_id, plan_id, position, text, owner_side,
      owner_member_id, owner_contact_id)
    SELECT ${uuidv7Sql}, ${ws}, p.id, j,
      (${pgArray(objectiveTexts)}::text[])[1 + (p.first_objective + j * p.objective_step) % ${objectiveTexts.length}],
      (ARRAY['us', 'partner', 'both'])[1 + (p.n + j) % 3], NULL, NULL
    FROM demo_plans p CROSS JOIN generate_series(0, 1) AS j`);
  await tx.execute(sql`
    CREATE TEMP TABLE demo_plan_kpis ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY p.n, p.y, t.k)::int AS kn, ${uuidv7Sql} AS id,
      p.n, p.y, p.id AS plan_id, t.k, t.name, t.unit, t.direction, t.aggregation,
      CASE WHEN t.unit = 'currency' THEN p.currency END AS currency, p.owner_id, p.contact_id,
      p.level, p.slope, x.target::bigint AS target,
      CASE t.k WHEN 2 THEN x.target - 600 WHEN 3 THEN round(x.target * 1.6)
        WHEN 4 THEN floor(x.target / 3) END::bigint AS baseline
    FROM demo_plans p CROSS JOIN ${kpiTemplates}
    CROSS JOIN LATERAL (SELECT ${targetSql} AS target) AS x`);
  await tx.execute(sql`
    INSERT INTO ${kpis} (id, workspace_id, plan_id, position, name, unit, currency, target,
      baseline, direction, cadence, aggregation, owner_member_id, owner_contact_id, source,
      version, created_at, updated_at)
    SELECT k.id, ${ws}, k.plan_id, k.k, k.name, k.unit, k.currency, k.target, k.baseline,
      k.direction, 'monthly', k.aggregation, k.owner_id, k.contact_id, 'manual', 1,
      pl.created_at, pl.created_at
    FROM demo_plan_kpis k JOIN ${plans} pl ON pl.workspace_id = ${ws} AND pl.id = k.plan_id`);
  options.onBatch(partners.length * 2 * (1 + bulkPlanKpis));

  // The agreed version of every plan, as agreeing it keeps it, and its milestones on the timeline.
  await tx.execute(sql`
    INSERT INTO ${planVersions} (workspace_id, plan_id, number, snapshot, agreed_by, agreed_on,
      agreed_at, recorded_by)
    SELECT ${ws}, p.id, 1, jsonb_build_object('summary', p.summary,
        'objectives', (SELECT jsonb_agg(jsonb_build_object('text', o.text, 'ownerSide', o.owner_side,
            'ownerMemberId', NULL, 'ownerContactId', NULL) ORDER BY o.position)
          FROM ${planObjectives} o WHERE o.workspace_id = ${ws} AND o.plan_id = p.id),
        'kpis', (SELECT jsonb_agg(jsonb_build_object('name', k.name, 'unit', k.unit,
            'currency', k.currency, 'target', k.target, 'baseline', k.baseline,
            'direction', k.direction, 'cadence', 'monthly', 'aggregation', k.aggregation)
            ORDER BY k.k)
          FROM demo_plan_kpis k WHERE k.n = p.n AND k.y = p.y)),
      p.sponsor, to_char(p.agreed_on, 'YYYY-MM-DD'), p.agreed_on::timestamp AT TIME ZONE 'UTC',
      p.owner_id
    FROM demo_plans p`);
  await tx.execute(sql`
    INSERT INTO ${timelineEntries} (id, workspace_id, partner_id, occurred_at, kind,
      subject_type, subject_id, actor_type, actor_id, actor_name, people, summary, visibility)
    SELECT ${uuidv7Sql}, ${ws}, p.partner_id, e.at, 'plan', 'plan', p.id, 'system', NULL,
      'Demo data', '{}'::uuid[], jsonb_build_object('period', p.period, 'versionNumber', 1) || e.summary,
      'internal'
    FROM demo_plans p CROSS JOIN LATERAL (VALUES
      (p.agreed_on::timestamp AT TIME ZONE 'UTC', jsonb_build_object('event', 'agreed',
        'from', 'proposed', 'to', 'agreed', 'agreedBy', p.sponsor)),
      (p.year_end::timestamp AT TIME ZONE 'UTC', CASE WHEN p.y = 0 THEN jsonb_build_object(
        'event', 'status_changed', 'from', 'active', 'to', 'closed', 'agreedBy', NULL) END)
    ) AS e(at, summary)
    WHERE e.summary IS NOT NULL`);

  const kpiCount = partners.length * 2 * bulkPlanKpis;
  let measurements = 0;
  for (let start = 1; start <= kpiCount; start += KPI_CHUNK) {
    const written = await writeMeasurements(start, Math.min(kpiCount, start + KPI_CHUNK - 1));
    measurements += written;
    options.onBatch(written);
  }
  // Progress for the demo's day, by the rule the app uses: this year's plans, then last year's.
  await refreshWorkspaceKpis(tx, scope.workspaceId, options.now, { closed: true });
  return { plans: partners.length * 2, kpis: kpiCount, measurements };

  /**
   * The values of KPIs `from` to `to` (their numbers in demo_plan_kpis) for every month so far of
   * their plan's year (the current month's to date): the plan's level of its targets with noise, a level that falls through the
   * year for a slipping partner, and sums that follow the seasons (a slow summer, a strong close).
   */
  async function writeMeasurements(from: number, to: number): Promise<number> {
    const g = 'k.kn * 24 + m.i';
    const result = await tx.execute(sql`
      WITH made AS (
        INSERT INTO ${kpiMeasurements} (workspace_id, kpi_id, period, value, source, note,
          recorded_by, recorded_at)
        SELECT ${ws}, k.id, m.label, greatest(0, round(CASE k.aggregation
            WHEN 'sum' THEN k.target / 12.0 * f.f * (1 + 0.2 * cos(pi() * (m.i - 11) / 6))
              * (0.9 + 0.2 * ${r(g, 111)}) * m.share
            WHEN 'last' THEN k.baseline + (k.target - k.baseline) * f.f * (m.i + m.share) / 12.0
            ELSE k.baseline + (k.target - k.baseline) * f.f END))::bigint,
          'manual', '', k.owner_id,
          least(${options.now.toISOString()}::timestamptz,
            (m.ends + floor(${r(g, 112)} * 8)::int)::timestamp AT TIME ZONE 'UTC'
              + interval '9 hours')
        FROM demo_plan_kpis k
        JOIN demo_plan_months m ON m.y = k.y
        CROSS JOIN LATERAL (SELECT greatest(0.05, k.level + k.slope * m.i / 12.0
          + (${r(g, 113)} - 0.5) * 0.08) AS f) AS f
        WHERE k.kn BETWEEN ${from} AND ${to}
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM made`);
    return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
  }
}
