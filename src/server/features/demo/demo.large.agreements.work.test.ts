import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectDenied, request, type TestApp } from '../../../../test/harness';
import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import { agreementTypeLabels } from '../../../domain/clauses';
import { templateValuesOf } from '../../../domain/contract-text';
import type { WorkspaceId } from '../../../domain/ids';
import { nextDueOn } from '../../../domain/obligations';
import { systemScope } from '../../access/scope';
import { workspaces } from '../../db/schema';
import { newId } from '../../ids';
import { sha256Of } from '../agreements/agreements.freeze';
import { createApiKey } from '../api-keys/api-keys.service';
import {
  checklistMark,
  evidenceOf,
  obligationSpecs,
  redlined,
  settled,
  stageOf,
  templateText,
} from './demo.agreements.story';
import { seedDemo } from './demo.service';

/**
 * The large set's agreements at work (decision 064) at a two-hundredth of its size, checked
 * against the small set's definitions and the app's invariants, around a fixed day.
 */
const scale = 0.005;
const now = new Date('2026-06-01T12:00:00Z');
const today = '2026-06-01';
let t: TestApp;

const rowsOf = async <T>(text: string, params: unknown[]) =>
  (await t.database.sql(text, params)).rows as T[];

type Agreement = {
  id: string;
  type: AgreementType;
  status: AgreementStatus;
  title: string;
  effectiveOn: string;
  endOn: string | null;
  noticeDays: number | null;
  autoRenew: boolean;
  renewalTermMonths: number | null;
  value: string | null;
  currency: string | null;
  governingLaw: string | null;
  partner: string;
  country: string | null;
  industry: string | null;
  domains: string[];
  /** Null for a partner without an owner: the work is then the first editor's. */
  owner: string | null;
};

describe('the large demo set’s agreements at work, scaled down', () => {
  let first: WorkspaceId;
  let second: WorkspaceId;
  let all: Agreement[];
  const byId = () => new Map(all.map((a) => [a.id, a]));

  beforeAll(async () => {
    t = await createTestApp();
    first = newId<WorkspaceId>();
    second = newId<WorkspaceId>();
    await t.database.db.insert(workspaces).values([
      { id: first, name: 'Large one' },
      { id: second, name: 'Large two' },
    ]);
    const ctx = { ...t.ctx, requestId: null };
    await seedDemo(ctx, { workspaceId: first, size: 'large', scale, now });
    await seedDemo(ctx, { workspaceId: second, size: 'large', scale, now });
    all = await rowsOf<Agreement>(
      `SELECT a.id, a.type, a.status, a.title, a.effective_on::text AS "effectiveOn",
         a.end_on::text AS "endOn", a.notice_days AS "noticeDays", a.auto_renew AS "autoRenew",
         a.renewal_term_months AS "renewalTermMonths", a.value::text AS value, a.currency,
         a.governing_law AS "governingLaw", p.name AS partner, p.country, p.industry,
         (SELECT array_agg(d.domain) FROM partner_domains d WHERE d.workspace_id = p.workspace_id
           AND d.partner_id = p.id) AS domains,
         u.name AS owner
       FROM agreements a JOIN partners p ON p.workspace_id = a.workspace_id AND p.id = a.partner_id
       LEFT JOIN members m ON m.workspace_id = a.workspace_id AND m.id = a.owner_id
       LEFT JOIN users u ON u.id = m.user_id
       WHERE a.workspace_id = $1`,
      [first],
    );
  }, 300_000);
  afterAll(() => t.close());

  it('gives every agreement its versions, as the small set’s texts, the last frozen with its hash once sent', async () => {
    const versions = await rowsOf<{
      agreementId: string;
      number: number;
      body: string;
      frozen: boolean;
      sha256: string | null;
    }>(
      `SELECT agreement_id AS "agreementId", number, body, frozen_at IS NOT NULL AS frozen, sha256
       FROM agreement_versions WHERE workspace_id = $1 ORDER BY agreement_id, number`,
      [first],
    );
    const agreements = byId();
    const of = new Map<string, typeof versions>();
    for (const v of versions) of.set(v.agreementId, [...(of.get(v.agreementId) ?? []), v]);
    expect(of.size).toBe(500);
    const threes = versions.filter((v) => v.number === 3).length;
    expect(threes).toBeGreaterThan(20);
    for (const [id, list] of of) {
      const a = agreements.get(id);
      if (!a) throw new Error(`a version of an unknown agreement ${id}`);
      const stage = stageOf[a.status];
      expect(list.map((v) => v.number)).toEqual(list.map((_, i) => i + 1));
      if (stage < 2) expect(list).toHaveLength(stage + 1);
      else expect([2, 3]).toContain(list.length);
      // Frozen from pending_signature on: the last version only, its stored hash its text's.
      for (const v of list) {
        expect(v.frozen).toBe(stage >= 2 && v.number === list.length);
        expect(v.sha256).toBe(v.frozen ? sha256Of(v.body) : null);
      }
      // The text names the partner's first domain, which the partner's row does not order.
      const domain = a.domains.find((d) => list[0]?.body.includes(`(${d})`)) ?? '';
      const first = templateText(
        templateValuesOf({
          workspace: { name: 'Large one' },
          partner: {
            name: a.partner,
            domains: [domain],
            country: a.country,
            industry: a.industry,
          },
          agreement: {
            title: a.title,
            typeLabel: agreementTypeLabels[a.type],
            effectiveDate: a.effectiveOn,
            endDate: a.endOn,
            noticePeriodDays: a.noticeDays,
            renewalTermMonths: a.renewalTermMonths,
            value: a.value && a.currency ? { amount: Number(a.value), currency: a.currency } : null,
            governingLaw: a.governingLaw,
          },
        }),
        { title: a.title, type: a.type, renews: a.autoRenew && a.renewalTermMonths !== null },
      );
      const texts = [first, redlined(first), settled(redlined(first))];
      expect(list.map((v) => v.body)).toEqual(texts.slice(0, list.length));
    }
  });

  it('has every signer sign the frozen version of each signed agreement, and nobody else’s', async () => {
    const rows = await rowsOf<{
      status: AgreementStatus;
      signers: number;
      valid: number;
      all: number;
    }>(
      `SELECT a.status,
         (SELECT count(*) FROM agreement_signers s WHERE s.workspace_id = a.workspace_id
           AND s.agreement_id = a.id)::int AS signers,
         (SELECT count(*) FROM agreement_signatures g
           JOIN agreement_versions v ON v.workspace_id = g.workspace_id
             AND v.agreement_id = g.agreement_id AND v.number = g.version_number
           JOIN agreement_signers s ON s.workspace_id = g.workspace_id AND s.id = g.signer_id
             AND s.agreement_id = g.agreement_id
           WHERE g.workspace_id = a.workspace_id AND g.agreement_id = a.id
             AND v.frozen_at IS NOT NULL AND g.sha256 = v.sha256 AND g.typed_name = s.name
             AND g.signed_at > v.frozen_at AND g.signed_at < a.effective_on::timestamp)::int AS valid,
         (SELECT count(*) FROM agreement_signatures g WHERE g.workspace_id = a.workspace_id
           AND g.agreement_id = a.id)::int AS all
       FROM agreements a WHERE a.workspace_id = $1`,
      [first],
    );
    for (const r of rows) {
      const expected = stageOf[r.status] >= 3 ? r.signers : 0;
      expect(r).toMatchObject({ valid: expected, all: expected });
    }
    expect(rows.filter((r) => r.status === 'active' && r.valid > 1).length).toBeGreaterThan(100);
  });

  it('fills each checklist as its type and status need, with the small set’s evidence', async () => {
    const requirements = await rowsOf<{
      id: string;
      title: string;
      appliesTo: AgreementType[];
      blocks: string | null;
      satisfiedBy: { type: AgreementType } | null;
    }>(
      `SELECT id, title, applies_to AS "appliesTo", blocks, satisfied_by AS "satisfiedBy"
       FROM compliance_requirements WHERE workspace_id = $1 AND archived_at IS NULL`,
      [first],
    );
    const marks = await rowsOf<{
      agreementId: string;
      requirementId: string;
      status: string;
      evidence: string | null;
      metAt: string | null;
    }>(
      `SELECT agreement_id AS "agreementId", requirement_id AS "requirementId", status, evidence,
         to_char(met_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "metAt"
       FROM agreement_requirements WHERE workspace_id = $1`,
      [first],
    );
    const editors = (
      await rowsOf<{ name: string }>(
        `SELECT u.name FROM members m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = $1 AND m.role <> 'viewer'`,
        [first],
      )
    ).map((r) => r.name);
    const expected = all.flatMap((a) => requirements.filter((q) => q.appliesTo.includes(a.type)));
    expect(marks).toHaveLength(expected.length);
    const agreements = byId();
    const states = new Set<string>();
    for (const m of marks) {
      const a = agreements.get(m.agreementId);
      const q = requirements.find((x) => x.id === m.requirementId);
      if (!a || !q) throw new Error('a checklist entry of an unknown agreement or requirement');
      expect(m.status).toBe(checklistMark(q, a.status));
      states.add(m.status);
      if (m.status === 'met')
        expect(
          (a.owner ? [a.owner] : editors).map((name) =>
            evidenceOf(q, a.partner, name, m.metAt ?? ''),
          ),
        ).toContain(m.evidence);
    }
    expect(states).toEqual(new Set(['open', 'met', 'waived']));
  });

  it('stores each obligation’s next due date as the domain computes it; some recur, some are overdue', async () => {
    const rows = await rowsOf<{
      agreementId: string;
      description: string;
      dueOn: string | null;
      rrule: string | null;
      startsOn: string | null;
      status: 'open' | 'done' | 'waived';
      doneThrough: string | null;
      nextDueOn: string | null;
    }>(
      `SELECT agreement_id AS "agreementId", description, due_on::text AS "dueOn", rrule,
         starts_on::text AS "startsOn", status, done_through::text AS "doneThrough",
         next_due_on::text AS "nextDueOn"
       FROM agreement_obligations WHERE workspace_id = $1`,
      [first],
    );
    const agreements = byId();
    expect(rows.length).toBeGreaterThan(100);
    for (const o of rows) {
      expect(o.nextDueOn).toBe(nextDueOn(o));
      const a = agreements.get(o.agreementId);
      const spec = obligationSpecs.find((s) => s.description === o.description);
      expect(spec && a && spec.type === a.type && spec.status === a.status).toBe(true);
    }
    expect(rows.filter((o) => o.rrule !== null).length).toBeGreaterThan(20);
    const overdue = rows.filter((o) => o.nextDueOn !== null && o.nextDueOn < today);
    expect(overdue.filter((o) => o.rrule !== null).length).toBeGreaterThan(0);
    expect(overdue.filter((o) => o.rrule === null).length).toBeGreaterThan(0);
  });

  it('writes the same work in each workspace, served to its own members only', async () => {
    const shapeOf = (workspaceId: string) =>
      rowsOf<{ n: number }>(
        `SELECT (SELECT count(*) FROM agreement_versions WHERE workspace_id = $1)::int AS v,
           (SELECT count(*) FROM agreement_signatures WHERE workspace_id = $1)::int AS s,
           (SELECT count(*) FROM agreement_requirements WHERE workspace_id = $1)::int AS r,
           (SELECT count(*) FROM agreement_obligations WHERE workspace_id = $1)::int AS o`,
        [workspaceId],
      );
    expect(await shapeOf(second)).toEqual(await shapeOf(first));

    const ctx = { ...t.ctx, requestId: null };
    const { key } = await createApiKey(ctx, systemScope(first, 'cli'), {
      name: 'test',
      role: 'viewer',
    });
    const signed = all.find((a) => a.status === 'active');
    const versions = await request(t.app, {
      method: 'GET',
      url: `/api/v1/agreements/${signed?.id}/versions`,
      key,
    });
    expect(versions.statusCode, versions.body).toBe(200);
    const [theirs] = await rowsOf<{ id: string }>(
      `SELECT id FROM agreements WHERE workspace_id = $1 AND status = 'active' LIMIT 1`,
      [second],
    );
    // Another workspace's agreement answers 404, and the whole database is unchanged.
    await expectDenied(t, 404, {
      method: 'GET',
      url: `/api/v1/agreements/${theirs?.id}/versions`,
      key,
    });
  }, 120_000);
});
