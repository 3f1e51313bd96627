import { sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Tx } from '../../db/client';
import { pgArray } from '../../db/pg-array';
import { agreementSigners, agreements } from '../../db/schema';
import { uuidv7Sql } from '../../db/uuid-sql';
import type { ContactRow, PartnerRow } from './demo.generate';
import { currencyOf } from './demo.plans';

/**
 * The large set's agreements (issue 10, decision 055), written by the database: ten a partner
 * (100 000 over 10 000 partners), a family around one master agreement, in every status with
 * dates that fit it, values in the partner's currency and a signer for each side. Every choice
 * comes from a hash of the agreement's number, so the same partners give the same agreements.
 */
export const bulkAgreements = 100_000;

/** Partners whose agreements one statement writes: bounded memory, and progress between them. */
const PARTNER_CHUNK = 2_000;

export type BulkAgreementOptions = {
  partners: PartnerRow[];
  contacts: ContactRow[];
  /** Each partner's first domain, which its agreements' texts name. */
  domains: Map<string, string>;
  /** Members who may sign for us (admins and managers), by name. */
  signers: Array<{ memberId: string; name: string; role: string }>;
  now: Date;
  scale: number;
  onBatch: (written: number) => void;
};

export type BulkAgreementCounts = { agreements: number; signers: number };

/**
 * What the load writes at `scale` for these partners, for the progress count and the tests:
 * agreement `a` goes to partner `a mod P`; each has our signer and, where the partner has a
 * contact, theirs.
 */
export function bulkAgreementCounts(
  partners: Array<{ id: string }>,
  contacts: Array<{ partnerId: string }>,
  scale: number,
): BulkAgreementCounts {
  const count = partners.length === 0 ? 0 : Math.round(bulkAgreements * scale);
  const withContact = new Set(contacts.map((c) => c.partnerId));
  let signers = count;
  for (const [p, partner] of partners.entries()) {
    if (!withContact.has(partner.id)) continue;
    signers += Math.floor(count / partners.length) + (p < count % partners.length ? 1 : 0);
  }
  return { agreements: count, signers };
}

/** A uniform number in [0, 1) from the row number `n` (an SQL expression) and a stream number. */
const r = (n: string, stream: number) =>
  `((hashint8extended((${n})::bigint, ${stream}) & 2147483647)::float8 / 2147483648)`;

/**
 * A partner's family by slot: 0 the master (its type follows the partner's), 1 an NDA, 2 a data
 * processing agreement, 3 to 6 statements of work under the master, 7 a memorandum, 8 a
 * co-marketing agreement, 9 the master's previous term, renewed into it.
 */
const familySql = `(VALUES
  (0, NULL, 'Partnership agreement', 24, true),
  (1, 'nda', 'Mutual NDA', 36, false),
  (2, 'dpa', 'Data processing agreement', 36, false),
  (3, 'sow', 'SOW 1: integration build', 6, true),
  (4, 'sow', 'SOW 2: joint solution launch', 9, true),
  (5, 'sow', 'SOW 3: enablement programme', 6, true),
  (6, 'sow', 'SOW 4: managed services pilot', 3, true),
  (7, 'mou', 'Memorandum of understanding', 12, false),
  (8, 'co_marketing', 'Marketing development funds agreement', 12, true),
  (9, NULL, 'Partnership agreement (previous term)', 24, true)
) AS f(j, type, title, months, priced)`;

/** The master's type for each partner type, and its title. */
const masterSql = `(VALUES
  ('technology', 'technology', 'Technology partnership'),
  ('reseller', 'reseller', 'Reseller agreement'),
  ('distributor', 'reseller', 'Distribution agreement'),
  ('referral', 'referral', 'Referral agreement'),
  ('co_marketing', 'co_marketing', 'Co-marketing agreement'),
  ('strategic_alliance', 'joint_venture', 'Strategic alliance agreement'),
  ('supplier', 'other', 'Supply agreement'),
  ('other', 'other', 'Partnership agreement')
) AS m(partner_type, type, title)`;

/**
 * An auto-renewing agreement rolls on instead of expiring (decision 054), so only those that
 * end by themselves are expiring or expired. Shares of the statuses for slots that are not fixed, cumulative: most agreements in force, a
 * tenth inside their notice period, the rest being made or ended.
 */
const statusSql = (u: string) => `CASE
  WHEN ${u} < 0.05 THEN 'draft' WHEN ${u} < 0.11 THEN 'in_negotiation'
  WHEN ${u} < 0.15 THEN 'pending_signature' WHEN ${u} < 0.65 THEN 'active'
  WHEN ${u} < 0.77 THEN 'expiring' WHEN ${u} < 0.89 THEN 'expired'
  WHEN ${u} < 0.95 THEN 'terminated' ELSE 'renewed' END`;

export async function loadBulkAgreements(
  tx: Tx,
  scope: Scope,
  options: BulkAgreementOptions,
): Promise<BulkAgreementCounts> {
  const ws = sql`${scope.workspaceId}::uuid`;
  const now = options.now.toISOString();
  const today = now.slice(0, 10);
  const partners = options.partners;
  const count = bulkAgreementCounts(partners, [], options.scale).agreements;
  if (count === 0) return { agreements: 0, signers: 0 };
  const firstContact = new Map<string, ContactRow>();
  for (const c of options.contacts)
    if (!firstContact.has(c.partnerId)) firstContact.set(c.partnerId, c);
  const contactOf = (p: PartnerRow) => firstContact.get(p.id) ?? null;
  const signers = options.signers;

  // The partners by number, with what their agreements need to know about them.
  await tx.execute(sql`
    CREATE TEMP TABLE demo_agreement_partners ON COMMIT DROP AS
    SELECT (n - 1)::int AS p, id, name, domain, type, currency, owner_id, contact_id, contact_name,
      ${sql.raw(statusSql(r('n', 301)))} AS master_draw
    FROM unnest(${pgArray(partners.map((p) => p.id))}::uuid[],
      ${pgArray(partners.map((p) => p.name))}::text[],
      ${pgArray(partners.map((p) => options.domains.get(p.id) ?? null))}::text[],
      ${pgArray(partners.map((p) => p.type))}::text[],
      ${pgArray(partners.map((p) => currencyOf(p.country)))}::text[],
      ${pgArray(partners.map((p) => p.ownerId))}::uuid[],
      ${pgArray(partners.map((p) => contactOf(p)?.id ?? null))}::uuid[],
      ${pgArray(
        partners.map((p) => {
          const c = contactOf(p);
          return c ? `${c.firstName} ${c.lastName}` : null;
        }),
      )}::text[])
      WITH ORDINALITY AS t(id, name, domain, type, currency, owner_id, contact_id, contact_name, n)`);
  await tx.execute(sql`ALTER TABLE demo_agreement_partners ADD PRIMARY KEY (p)`);

  // Agreement a goes to partner a mod P as its slot a div P. A master is in force or still being
  // made; what hangs off it follows: its SOWs are drafts until it is in force.
  const u = (stream: number) => sql.raw(r('g.a', stream));
  await tx.execute(sql`
    CREATE TEMP TABLE demo_agreements ON COMMIT DROP AS
    SELECT g.a, p.p, f.j, ${uuidv7Sql} AS id, p.id AS partner_id, p.currency, p.owner_id,
      p.contact_id, p.contact_name, f.priced, f.months,
      coalesce(f.type, m.type) AS type,
      CASE WHEN f.j IN (0, 9) THEN m.title ELSE f.title END
        || CASE WHEN f.j = 9 THEN ' (previous term)' ELSE '' END || ' with ' || p.name AS title,
      CASE
        WHEN f.j = 0 THEN CASE WHEN p.master_draw IN ('draft', 'in_negotiation', 'pending_signature')
          THEN p.master_draw WHEN ${u(302)} < 0.8 THEN 'active' ELSE 'expiring' END
        WHEN f.j = 9 THEN CASE WHEN p.master_draw IN ('draft', 'in_negotiation', 'pending_signature')
          THEN 'expired' ELSE 'renewed' END
        WHEN f.j BETWEEN 3 AND 6 AND p.master_draw IN ('draft', 'in_negotiation', 'pending_signature')
          THEN 'draft'
        ELSE ${sql.raw(statusSql(r('g.a', 303)))} END AS status,
      (ARRAY[30, 60, 90])[1 + floor(${u(304)} * 3)::int] AS notice_days,
      ${u(305)} AS spread, ${u(306)} AS size
    FROM generate_series(0, ${count - 1}) AS g(a)
    JOIN demo_agreement_partners p ON p.p = g.a % ${partners.length}
    JOIN ${sql.raw(familySql)} ON f.j = (g.a / ${partners.length}) % 10
    JOIN ${sql.raw(masterSql)} ON m.partner_type = p.type`);

  // The end date each status needs against today: being made starts soon; in force ends after
  // its notice period (active) or inside it (expiring); ended ran out (or was cut short) before.
  await tx.execute(sql`
    CREATE TEMP TABLE demo_agreement_dates ON COMMIT DROP AS
    SELECT d.*, CASE
        WHEN d.status IN ('draft', 'in_negotiation', 'pending_signature')
          THEN d.end_on - d.months * 30 + 1
        ELSE least(${today}::date, (d.end_on - make_interval(months => d.months) + interval '1 day')::date)
        END AS starts
    FROM (
      SELECT a.*, CASE a.status
          WHEN 'active' THEN ${today}::date + a.notice_days + 1
            + floor(a.spread * greatest(1, a.months * 30 - a.notice_days - 1))::int
          WHEN 'expiring' THEN ${today}::date + floor(a.spread * a.notice_days)::int
          WHEN 'expired' THEN ${today}::date - 1 - floor(a.spread * 540)::int
          WHEN 'terminated' THEN ${today}::date - 120 + floor(a.spread * 365)::int
          WHEN 'renewed' THEN ${today}::date - 1 - floor(a.spread * 365)::int
          ELSE ${today}::date + 7 + floor(a.spread * 90)::int + a.months * 30 END AS end_on
      FROM demo_agreements a
    ) AS d`);
  await tx.execute(sql`ALTER TABLE demo_agreement_dates ADD PRIMARY KEY (a)`);

  let written = 0;
  let signerRows = 0;
  for (let from = 0; from < partners.length; from += PARTNER_CHUNK) {
    const to = Math.min(partners.length, from + PARTNER_CHUNK) - 1;
    written += await insertAgreements(from, to);
    signerRows += await insertSigners(from, to);
  }
  return { agreements: written, signers: signerRows };

  /** The agreements of partners `from` to `to` (their numbers), masters and their SOWs together. */
  async function insertAgreements(from: number, to: number): Promise<number> {
    const result = await tx.execute(sql`
      WITH made AS (
        INSERT INTO ${agreements} (id, workspace_id, partner_id, parent_id, renewed_from_id, type, title, status,
          owner_id, effective_on, end_on, auto_renew, renewal_term_months, notice_days, value,
          currency, governing_law, created_at, updated_at)
        SELECT d.id, ${ws}, d.partner_id,
          CASE WHEN d.type = 'sow' THEN master.id END,
          CASE WHEN d.j = 0 AND previous.status = 'renewed' THEN previous.id END, d.type, d.title, d.status, d.owner_id,
          d.starts, CASE WHEN d.type = 'dpa' AND d.status IN ('draft', 'in_negotiation',
            'pending_signature', 'active') THEN NULL ELSE d.end_on END,
          d.j IN (0, 9, 8) AND d.size < 0.6 AND d.status NOT IN ('expiring', 'expired'), CASE WHEN d.j IN (0, 9, 8) THEN 12 END,
          d.notice_days,
          CASE WHEN d.priced THEN (greatest(5, round(CASE WHEN d.j IN (0, 9) THEN 20 + d.size * 480
            WHEN d.type = 'sow' THEN 10 + d.size * 140 ELSE 5 + d.size * 45 END)) * 100000)::bigint END,
          CASE WHEN d.priced THEN d.currency END,
          (ARRAY['England and Wales', 'Delaware', 'New York', 'Germany', 'Ireland'])
            [1 + (d.p % 5)],
          c.at, greatest(c.at, least(${now}::timestamptz, (CASE
            WHEN d.status IN ('expired', 'terminated', 'renewed') THEN d.end_on
            WHEN d.status IN ('active', 'expiring') THEN d.starts ELSE c.at::date END)::timestamp
              AT TIME ZONE 'UTC' + interval '10 hours'))
        FROM demo_agreement_dates d
        JOIN demo_agreement_dates master ON master.p = d.p AND master.j = 0
          AND master.a = d.p
        LEFT JOIN demo_agreement_dates previous ON previous.a = d.p + ${9 * partners.length}
        CROSS JOIN LATERAL (SELECT least(${now}::timestamptz,
          (least(d.starts, ${today}::date) - 30 - floor(${sql.raw(r('d.a', 307))} * 60)::int)::timestamp
            AT TIME ZONE 'UTC' + interval '10 hours') AS at) AS c
        WHERE d.p BETWEEN ${from} AND ${to}
        ORDER BY d.j
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM made`);
    const n = (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
    options.onBatch(n);
    return n;
  }

  /** Who signs each of them: one of our admins or managers, and the partner's first contact. */
  async function insertSigners(from: number, to: number): Promise<number> {
    if (signers.length === 0) return 0;
    const result = await tx.execute(sql`
      WITH made AS (
        INSERT INTO ${agreementSigners} (id, workspace_id, agreement_id, partner_id, side,
          member_id, contact_id, name, role, created_at)
        SELECT ${uuidv7Sql}, ${ws}, d.id, d.partner_id, s.side, s.member_id, s.contact_id, s.name,
          s.role, a.created_at
        FROM demo_agreement_dates d
        JOIN ${agreements} a ON a.workspace_id = ${ws} AND a.id = d.id
        CROSS JOIN LATERAL (SELECT 1 + (d.a % ${signers.length}) AS k) AS k
        CROSS JOIN LATERAL (VALUES
          ('us', (${pgArray(signers.map((s) => s.memberId))}::uuid[])[k.k], NULL::uuid,
            (${pgArray(signers.map((s) => s.name))}::text[])[k.k],
            CASE (${pgArray(signers.map((s) => s.role))}::text[])[k.k]
              WHEN 'admin' THEN 'Chief Executive Officer' ELSE 'VP Partnerships' END),
          ('partner', NULL::uuid, d.contact_id, d.contact_name,
            (ARRAY['Head of Legal', 'Chief Executive Officer', 'VP Alliances'])[1 + (d.p % 3)])
        ) AS s(side, member_id, contact_id, name, role)
        WHERE d.p BETWEEN ${from} AND ${to} AND (s.side = 'us' OR d.contact_id IS NOT NULL)
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM made`);
    const n = (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0;
    options.onBatch(n);
    return n;
  }
}
