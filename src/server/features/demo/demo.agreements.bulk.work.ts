import { type SQL, sql } from 'drizzle-orm';
import { agreementStatuses, agreementTypes } from '../../../domain/agreements';
import { agreementTypeLabels } from '../../../domain/clauses';
import type { Scope } from '../../access/scope';
import type { Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import {
  agreementObligations,
  agreementRequirements,
  agreementSignatures,
  agreementVersions,
} from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import type { requirementsForImport } from '../compliance/compliance.import';
import {
  checklistMark,
  evidenceOf,
  obligationSpecs,
  redlined,
  settled,
  signatureTrail,
  stageOf,
  templateText,
  waivedReason,
} from './demo.agreements.story';

/**
 * The large set's agreements at work (decision 064), written by the database after
 * `loadBulkAgreements` in the same transaction, from its temp table `demo_agreement_dates`: what
 * `demo.agreements.story.ts` says an agreement holds, turned into small lookup tables (texts
 * with placeholders, checklist marks, obligation specs) that one `INSERT … SELECT` per table
 * and partner chunk joins. No row crosses the wire; no audit event each, as for the other bulk rows.
 */

const PARTNER_CHUNK = 2_000;

type RequirementRow = Awaited<ReturnType<typeof requirementsForImport>>[number];

/** A uniform number in [0, 1) from the agreement's number and a stream (above 400: decision 055). */
const r = (n: string, stream: number) =>
  `((hashint8extended((${n})::bigint, ${stream}) & 2147483647)::float8 / 2147483648)`;

/** `escapeMarkdown` of a name or title in SQL: its characters that mean something in Markdown. */
const md = (x: string) =>
  String.raw`regexp_replace(regexp_replace(${x}, '([][\\*_<>|~` +
  '`' +
  String.raw`])', '\\\1', 'g'), '&(#?[A-Za-z0-9]+;)', '\\&\1', 'g')`;

/** A date at noon UTC, or `now` less a minute if that is earlier: nothing happens in the future. */
const noon = (date: string, now: string) =>
  `least(${now}::timestamptz - interval '1 minute', (${date})::timestamp AT TIME ZONE 'UTC' + interval '12 hours')`;

/** The agreement texts by type and by what the agreement leaves empty, with placeholders. */
function textTable(workspaceName: string) {
  const rows: Array<[string, boolean, boolean, boolean, number, string]> = [];
  for (const type of agreementTypes)
    for (const renews of [false, true])
      for (const priced of [false, true])
        for (const ended of [false, true]) {
          const first = templateText(
            {
              'workspace.name': workspaceName,
              'partner.name': '⟦partner⟧',
              'partner.domain': '⟦domain⟧',
              'agreement.type': agreementTypeLabels[type],
              'agreement.effective_date': '⟦effective⟧',
              'agreement.end_date': ended ? '⟦end⟧' : null,
              'agreement.notice_deadline': ended ? '⟦deadline⟧' : null,
              'agreement.renewal_term_months': renews ? '⟦term⟧' : null,
              'agreement.value': priced ? '⟦value⟧' : null,
              'agreement.governing_law': '⟦law⟧',
            },
            { title: '⟦title⟧', type, renews },
          );
          const texts = [first, redlined(first), settled(redlined(first))];
          for (const [n, body] of texts.entries())
            rows.push([type, renews, priced, ended, n + 1, body]);
        }
  const col = (i: number) => pgArray(rows.map((row) => String(row[i])));
  return sql`unnest(${col(0)}::text[], ${col(1)}::boolean[], ${col(2)}::boolean[],
    ${col(3)}::boolean[], ${col(4)}::int[], ${col(5)}::text[])
    AS t(type, renews, priced, ended, number, body)`;
}

/** Each requirement's mark by agreement type and status, its evidence with placeholders. */
function checklistTable(requirements: RequirementRow[]) {
  const rows = requirements.flatMap((q) =>
    q.appliesTo.flatMap((type) =>
      agreementStatuses.map((status) => {
        const mark = checklistMark(q, status);
        const evidence = mark === 'met' ? evidenceOf(q, '⟦partner⟧', '⟦owner⟧', '⟦day⟧') : null;
        return [q.id, type, status, mark, evidence] as const;
      }),
    ),
  );
  const col = (i: number) => pgArray(rows.map((row) => row[i] ?? null));
  return sql`unnest(${col(0)}::uuid[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[],
    ${col(4)}::text[]) AS c(requirement_id, type, status, mark, evidence)`;
}

/** A monthly rule's interval and day of the month (1, or -1 for the last): all the specs use. */
function monthly(rrule: string): { k: number; d: number } {
  const d = Number(/BYMONTHDAY=(-?\d+)/.exec(rrule)?.[1]);
  if (!rrule.startsWith('FREQ=MONTHLY;') || (d !== 1 && d !== -1))
    throw new Error(`the bulk obligations know monthly rules on the 1st or last day: ${rrule}`);
  return { k: Number(/INTERVAL=(\d+)/.exec(rrule)?.[1] ?? 1), d };
}

function obligationTable() {
  const col = (pick: (s: (typeof obligationSpecs)[number]) => string | number | null) =>
    pgArray(obligationSpecs.map(pick));
  return sql`unnest(${col((s) => s.status)}::text[], ${col((s) => s.type)}::text[],
    ${col((s) => s.description)}::text[], ${col((s) => s.party)}::text[],
    ${col((s) => s.rrule ?? null)}::text[], ${col((s) => (s.rrule ? monthly(s.rrule).k : null))}::int[],
    ${col((s) => (s.rrule ? monthly(s.rrule).d : null))}::int[], ${col((s) => s.dueDays ?? null)}::int[],
    ${col((s) => s.done ?? null)}::text[]) AS o(status, type, description, party, rrule, k, d, due_days, done)`;
}

/**
 * The first occurrence after `t` (and not before the start `s`) of a monthly rule every `k`
 * months on day `d` (1, or -1 for the last day) counted from `s`'s month: `nextDueOn`'s answer
 * for these rules, which the tests check row by row.
 */
const nextMonthly = (s: string, t: string, k: string, d: string) => `(SELECT min(o.on_day)
  FROM generate_series(greatest(0, ((extract(year from ${t}) * 12 + extract(month from ${t}))::int
      - (extract(year from ${s}) * 12 + extract(month from ${s}))::int) / ${k}), 2 + greatest(0,
      ((extract(year from ${t}) * 12 + extract(month from ${t}))::int
      - (extract(year from ${s}) * 12 + extract(month from ${s}))::int) / ${k})) AS i
  CROSS JOIN LATERAL (SELECT CASE WHEN ${d} = 1
    THEN (date_trunc('month', ${s}) + make_interval(months => i * ${k}))::date
    ELSE (date_trunc('month', ${s}) + make_interval(months => i * ${k} + 1) - interval '1 day')::date
    END AS on_day) AS o
  WHERE o.on_day > ${t} AND o.on_day >= ${s})`;

export type BulkAgreementWorkOptions = {
  workspaceName: string;
  members: Array<{ memberId: string; name: string; role: string }>;
  requirements: RequirementRow[];
  partnerCount: number;
  now: Date;
  /** Called once with the number of rows the load will write, before it writes any. */
  onPlanned: (rows: number) => void;
  onBatch: (written: number) => void;
};

export type BulkAgreementWorkCounts = {
  versions: number;
  checklist: number;
  obligations: number;
  signatures: number;
};

export async function loadBulkAgreementWork(
  tx: Tx,
  scope: Scope,
  options: BulkAgreementWorkOptions,
): Promise<BulkAgreementWorkCounts> {
  const ws = sql`${scope.workspaceId}::uuid`;
  // A partner without an owner has its agreements' work done by the first editor, as in the small set.
  const fallback = options.members.find((m) => m.role !== 'viewer');
  if (!fallback) throw new Error('the bulk agreement work needs a member who edits');
  const now = `'${options.now.toISOString()}'`;
  const today = `'${options.now.toISOString().slice(0, 10)}'::date`;
  const stage = `CASE ag.status ${Object.entries(stageOf)
    .map(([status, n]) => `WHEN '${status}' THEN ${n}`)
    .join(' ')} END`;

  // Each agreement with what its work needs: how many versions (one for a draft, two in
  // negotiation, two or three once sent), when each was made, and when the last was frozen.
  await tx.execute(sql`
    CREATE TEMP TABLE demo_agreement_work ON COMMIT DROP AS
    SELECT w.*, CASE WHEN w.stage >= 3 THEN greatest(w.made_at + interval '13 days',
          ${sql.raw(noon('w.effective_on - 14', now))})
        WHEN w.stage = 2 THEN greatest(w.made_at + interval '13 days',
          ${sql.raw(now)}::timestamptz - interval '5 days') END AS frozen_at
    FROM (
      SELECT d.a, d.p, ag.id, ag.partner_id, ag.type, ag.status, ag.title,
        coalesce(ag.owner_id, ${fallback.memberId}::uuid) AS owner_id,
        coalesce(m.name, ${fallback.name}) AS owner_name, ag.effective_on, ag.end_on, ag.notice_days,
        ag.auto_renew AND ag.renewal_term_months IS NOT NULL AS renews,
        ag.renewal_term_months, ag.value, ag.currency, ag.governing_law, ag.created_at AS made_at,
        ${sql.raw(stage)} AS stage,
        CASE WHEN ${sql.raw(stage)} < 2 THEN 1 + ${sql.raw(stage)}
          ELSE 2 + (${sql.raw(r('d.a', 401))} < 0.4)::int END AS versions
      FROM demo_agreement_dates d
      JOIN agreements ag ON ag.workspace_id = ${ws} AND ag.id = d.id
      LEFT JOIN unnest(${pgArray(options.members.map((x) => x.memberId))}::uuid[],
        ${pgArray(options.members.map((x) => x.name))}::text[]) AS m(id, name) ON m.id = ag.owner_id
    ) AS w`);
  await tx.execute(sql`ALTER TABLE demo_agreement_work ADD PRIMARY KEY (a)`);
  await tx.execute(sql`CREATE TEMP TABLE demo_agreement_texts ON COMMIT DROP AS
    SELECT * FROM ${textTable(options.workspaceName)}`);
  await tx.execute(sql`CREATE TEMP TABLE demo_checklist ON COMMIT DROP AS
    SELECT * FROM ${checklistTable(options.requirements)}`);
  await tx.execute(sql`CREATE TEMP TABLE demo_obligation_specs ON COMMIT DROP AS
    SELECT * FROM ${obligationTable()}`);

  const planned = await tx.execute(sql`SELECT
    (SELECT coalesce(sum(versions), 0) FROM demo_agreement_work)::int AS versions,
    (SELECT count(*) FROM demo_agreement_work w JOIN demo_checklist c
      ON c.type = w.type AND c.status = w.status)::int AS checklist,
    (SELECT count(*) FROM demo_agreement_work w JOIN demo_obligation_specs o
      ON o.type = w.type AND o.status = w.status)::int AS obligations,
    (SELECT count(*) FROM demo_agreement_work w JOIN agreement_signers s
      ON s.workspace_id = ${ws} AND s.agreement_id = w.id WHERE w.stage >= 3)::int AS signatures`);
  const counts = (planned as unknown as { rows: BulkAgreementWorkCounts[] }).rows[0];
  if (!counts) throw new Error('the bulk agreement work counts no rows');
  options.onPlanned(counts.versions + counts.checklist + counts.obligations + counts.signatures);

  for (let from = 0; from < options.partnerCount; from += PARTNER_CHUNK) {
    const to = Math.min(options.partnerCount, from + PARTNER_CHUNK) - 1;
    const chunk = sql`w.p BETWEEN ${from} AND ${to}`;
    await counted(sql`
      INSERT INTO ${agreementVersions} (id, workspace_id, agreement_id, partner_id, number, body,
        created_by, created_by_name, created_at, updated_at, frozen_at, sha256)
      SELECT ${uuidv7Sql}, ${ws}, v.id, v.partner_id, v.number, v.body, v.owner_id, v.owner_name,
        v.at, coalesce(v.frozen, v.at), v.frozen,
        CASE WHEN v.frozen IS NOT NULL THEN encode(sha256(convert_to(v.body, 'UTF8')), 'hex') END
      FROM (
        SELECT w.id, w.partner_id, w.owner_id, w.owner_name, t.number,
          least(${sql.raw(now)}::timestamptz - interval '1 minute',
            w.made_at + make_interval(days => (ARRAY[1, 8, 12])[t.number])) AS at,
          CASE WHEN t.number = w.versions THEN w.frozen_at END AS frozen,
          replace(replace(replace(replace(replace(replace(replace(replace(replace(t.body,
            '⟦title⟧', ${sql.raw(md('w.title'))}), '⟦partner⟧', ${sql.raw(md('dp.name'))}),
            '⟦domain⟧', ${sql.raw(md('coalesce(dp.domain, dp.name)'))}),
            '⟦effective⟧', coalesce(w.effective_on::text, '')),
            '⟦end⟧', coalesce(w.end_on::text, '')),
            '⟦deadline⟧', coalesce((w.end_on - w.notice_days)::text, '')),
            '⟦term⟧', coalesce(w.renewal_term_months::text, '')),
            '⟦value⟧', coalesce(upper(w.currency) || ' '
              || to_char(w.value / 100.0, 'FM999,999,999,999,990.00'), '')),
            '⟦law⟧', ${sql.raw(md("coalesce(w.governing_law, '')"))}) AS body
        FROM demo_agreement_work w
        JOIN demo_agreement_partners dp ON dp.p = w.p
        JOIN demo_agreement_texts t ON t.type = w.type AND t.renews = w.renews
          AND t.priced = (w.value IS NOT NULL) AND t.ended = (w.end_on IS NOT NULL)
          AND t.number <= w.versions
        WHERE ${chunk}
      ) AS v`);
    // Every signer signed the frozen last version after it was sent, before it took effect.
    await counted(sql`
      INSERT INTO ${agreementSignatures} (id, workspace_id, agreement_id, partner_id, signer_id,
        version_number, sha256, typed_name, authority_confirmed, channel, ip_address, user_agent,
        signed_at)
      SELECT ${uuidv7Sql}, ${ws}, w.id, w.partner_id, s.id, v.number, v.sha256, s.name, true,
        CASE s.side WHEN 'us' THEN ${signatureTrail.us.channel} ELSE ${signatureTrail.partner.channel} END,
        CASE s.side WHEN 'us' THEN ${signatureTrail.us.ipAddress} ELSE ${signatureTrail.partner.ipAddress} END,
        ${signatureTrail.userAgent},
        w.frozen_at + CASE s.side WHEN 'us' THEN interval '26 hours' ELSE interval '52 hours' END
      FROM demo_agreement_work w
      JOIN agreement_signers s ON s.workspace_id = ${ws} AND s.agreement_id = w.id
      JOIN agreement_versions v ON v.workspace_id = ${ws} AND v.agreement_id = w.id
        AND v.number = w.versions
      WHERE ${chunk} AND w.stage >= 3`);
    await counted(sql`
      INSERT INTO ${agreementRequirements} (id, workspace_id, agreement_id, partner_id,
        requirement_id, status, evidence, met_at, waived_reason, waived_by_member_id,
        waived_by_name, waived_at, version, created_at, updated_at)
      SELECT ${uuidv7Sql}, ${ws}, w.id, w.partner_id, c.requirement_id, c.mark,
        replace(replace(replace(c.evidence, '⟦partner⟧', dp.name), '⟦owner⟧', w.owner_name),
          '⟦day⟧', (x.at AT TIME ZONE 'UTC')::date::text),
        CASE c.mark WHEN 'met' THEN x.at END,
        CASE c.mark WHEN 'waived' THEN ${waivedReason} END,
        CASE c.mark WHEN 'waived' THEN w.owner_id END,
        CASE c.mark WHEN 'waived' THEN w.owner_name END,
        CASE c.mark WHEN 'waived' THEN x.at END,
        CASE c.mark WHEN 'open' THEN 1 ELSE 2 END, w.made_at, x.at
      FROM demo_agreement_work w
      JOIN demo_agreement_partners dp ON dp.p = w.p
      JOIN demo_checklist c ON c.type = w.type AND c.status = w.status
      CROSS JOIN LATERAL (SELECT coalesce(w.frozen_at, least(${sql.raw(now)}::timestamptz
        - interval '1 minute', w.made_at + interval '2 days')) AS at) AS x
      WHERE ${chunk}`);
    // One-off obligations spread over two weeks; a quarter of the recurring ones fell behind.
    await counted(sql`
      INSERT INTO ${agreementObligations} (id, workspace_id, agreement_id, description, party,
        owner_id, due_on, rrule, starts_on, status, evidence_note, done_through, next_due_on,
        version, created_at, updated_at)
      SELECT ${uuidv7Sql}, ${ws}, x.id, x.description, x.party, x.owner_id, x.due_on, x.rrule,
        x.starts_on, x.status, x.done, x.done_through,
        CASE WHEN x.status <> 'open' THEN NULL WHEN x.rrule IS NULL THEN x.due_on
          ELSE ${sql.raw(nextMonthly('x.starts_on', 'x.done_through', 'x.k', 'x.d'))} END,
        CASE WHEN x.done IS NULL THEN 1 ELSE 2 END, x.at, x.at
      FROM (
        SELECT w.id, w.owner_id, o.description, o.party, o.rrule, o.k, o.d, o.done,
          CASE WHEN o.rrule IS NULL THEN ${sql.raw(today)} + o.due_days - w.a % 14 END AS due_on,
          CASE WHEN o.rrule IS NOT NULL THEN w.effective_on END AS starts_on,
          CASE WHEN o.done IS NULL THEN 'open' ELSE 'done' END AS status,
          CASE WHEN o.rrule IS NULL THEN NULL WHEN ${sql.raw(r('w.a', 402))} < 0.25
            THEN greatest(w.effective_on, ${sql.raw(today)} - 45) ELSE ${sql.raw(today)} END
            AS done_through,
          ${sql.raw(noon('w.effective_on', now))} AS at
        FROM demo_agreement_work w
        JOIN demo_obligation_specs o ON o.type = w.type AND o.status = w.status
        WHERE ${chunk}
      ) AS x`);
  }
  return counts;

  async function counted(statement: SQL) {
    const result = await tx.execute(sql`WITH made AS (${statement} RETURNING 1)
      SELECT count(*)::int AS n FROM made`);
    options.onBatch((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0);
  }
}
