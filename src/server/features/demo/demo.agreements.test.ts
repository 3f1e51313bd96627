import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, request, type TestApp } from '../../../../test/harness';
import { AgreementVersion } from '../../../domain/agreement-versions';
import type { WorkspaceId } from '../../../domain/ids';
import { systemScope } from '../../access/scope';
import { workspaces } from '../../db/schema';
import { newId } from '../../ids';
import { sha256Of } from '../agreements/agreements.freeze';
import { createApiKey } from '../api-keys/api-keys.service';
import { type SeedDemoResult, seedDemo } from './demo.service';

let t: TestApp;
const now = new Date('2026-06-01T12:00:00Z');
const sql = async <T>(text: string, params: unknown[] = []) =>
  (await t.database.sql(text, params)).rows as T[];

describe('demo agreements', () => {
  let first: WorkspaceId;
  let seeded: SeedDemoResult;

  beforeAll(async () => {
    t = await createTestApp();
    first = newId<WorkspaceId>();
    await t.database.db.insert(workspaces).values({ id: first, name: 'Demo agreements' });
    seeded = await seedDemo(
      { ...t.ctx, requestId: null },
      { workspaceId: first, size: 'small', now },
    );
  }, 180_000);
  afterAll(() => t.close());

  it('writes agreements in every status, with signers of their own partner and an SOW under its master', async () => {
    const rows = (
      await t.database.sql(
        `SELECT a.status, count(*)::int AS n,
           count(*) FILTER (WHERE a.currency IS DISTINCT FROM CASE WHEN a.value IS NULL THEN NULL
             WHEN p.country IN ('DE', 'FR', 'NL', 'ES', 'IE', 'IT') THEN 'EUR'
             WHEN p.country = 'GB' THEN 'GBP' ELSE 'USD' END)::int AS "wrongCurrency"
         FROM agreements a JOIN partners p ON p.workspace_id = a.workspace_id AND p.id = a.partner_id
         WHERE a.workspace_id = $1 GROUP BY 1 ORDER BY 1`,
        [first],
      )
    ).rows as Array<{ status: string; n: number; wrongCurrency: number }>;
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual({
      active: 4,
      draft: 1,
      expired: 1,
      expiring: 2,
      in_negotiation: 1,
      pending_signature: 1,
      renewed: 1,
      terminated: 1,
    });
    for (const r of rows) expect(r.wrongCurrency).toBe(0);
    expect(seeded.agreements).toBe(12);

    const signers = (
      await t.database.sql(
        `SELECT s.side, count(*)::int AS n,
           count(*) FILTER (WHERE c.partner_id IS DISTINCT FROM a.partner_id)::int AS foreign
         FROM agreement_signers s
         JOIN agreements a ON a.workspace_id = s.workspace_id AND a.id = s.agreement_id
         LEFT JOIN contacts c ON c.workspace_id = s.workspace_id AND c.id = s.contact_id
         WHERE s.workspace_id = $1 GROUP BY 1 ORDER BY 1`,
        [first],
      )
    ).rows as Array<{ side: string; n: number; foreign: number }>;
    expect(signers.find((s) => s.side === 'us')?.n).toBe(11);
    expect(signers.find((s) => s.side === 'partner')).toMatchObject({ foreign: 0 });
    expect(signers.find((s) => s.side === 'partner')?.n).toBeGreaterThan(5);

    const sows = (
      await t.database.sql(
        `SELECT a.type, a.status, m.status AS parent, m.partner_id = a.partner_id AS same
         FROM agreements a JOIN agreements m ON m.workspace_id = a.workspace_id AND m.id = a.parent_id
         WHERE a.workspace_id = $1`,
        [first],
      )
    ).rows;
    expect(sows).toEqual([{ type: 'sow', status: 'active', parent: 'active', same: true }]);
    const renewals = (
      await t.database.sql(
        `SELECT a.status, r.status AS previous FROM agreements a
         JOIN agreements r ON r.workspace_id = a.workspace_id AND r.id = a.renewed_from_id
           AND r.partner_id = a.partner_id
         WHERE a.workspace_id = $1`,
        [first],
      )
    ).rows;
    expect(renewals).toEqual([{ status: 'active', previous: 'renewed' }]);

    // Renewals to show within 30, 60 and 90 days of the demo's day (1 June 2026).
    const due = (
      await t.database.sql(
        `SELECT end_on::text AS "endOn", status FROM agreements WHERE workspace_id = $1
           AND status IN ('active', 'expiring') AND end_on BETWEEN '2026-06-01' AND '2026-08-30'
         ORDER BY end_on`,
        [first],
      )
    ).rows;
    expect(due).toEqual([
      { endOn: '2026-06-21', status: 'expiring' },
      { endOn: '2026-07-16', status: 'expiring' },
      { endOn: '2026-08-20', status: 'active' },
    ]);
  });

  it('gives each agreement past the draft a template-made version 1 and a redlined version 2, frozen from pending_signature on', async () => {
    const versions = await sql<{
      id: string;
      agreementId: string;
      status: string;
      partner: string;
      number: number;
      body: string;
      frozen: boolean;
      sha256: string | null;
    }>(
      `SELECT v.id, v.agreement_id AS "agreementId", a.status, p.name AS partner, v.number, v.body,
         v.frozen_at IS NOT NULL AS frozen, v.sha256
       FROM agreement_versions v
       JOIN agreements a ON a.workspace_id = v.workspace_id AND a.id = v.agreement_id
       JOIN partners p ON p.workspace_id = a.workspace_id AND p.id = a.partner_id
       WHERE v.workspace_id = $1 ORDER BY a.id, v.number`,
      [first],
    );
    const byAgreement = new Map<string, typeof versions>();
    for (const v of versions)
      byAgreement.set(v.agreementId, [...(byAgreement.get(v.agreementId) ?? []), v]);
    expect(byAgreement.size).toBe(11);
    expect(versions.some((v) => v.status === 'draft')).toBe(false);
    for (const [, [one, two, ...more]] of byAgreement) {
      expect(more).toEqual([]);
      if (!one || !two) throw new Error('two versions expected');
      expect([one.number, two.number]).toEqual([1, 2]);
      expect(one.body).toContain(one.partner);
      expect(one.body).not.toMatch(/\{\{|\}\}/);
      expect(two.body).toContain('## Notices');
      expect(one.frozen).toBe(false);
      expect(two.frozen).toBe(!['in_negotiation'].includes(two.status));
      expect(two.sha256).toBe(two.frozen ? sha256Of(two.body) : null);
    }
    const { key } = await createApiKey({ ...t.ctx, requestId: null }, systemScope(first, 'cli'), {
      name: 'reader',
      role: 'viewer',
    });
    const sample = versions.find((v) => v.status === 'active' && v.number === 2);
    const shown = await request(t.app, {
      method: 'GET',
      url: `/api/v1/agreements/${sample?.agreementId}/versions/2`,
      key,
    });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(AgreementVersion.parse(shown.json()).sha256).toBe(sample?.sha256);
    const redline = await request(t.app, {
      method: 'GET',
      url: `/api/v1/agreements/${sample?.agreementId}/redline?from=1&to=2`,
      key,
    });
    expect(redline.json().inserted).toBeGreaterThan(5);
    expect(redline.json().deleted).toBeGreaterThan(0);

    // Two comments on each agreement's versions, shown by the API and on the partner's timeline.
    const notes = await sql<{ subjectId: string; entries: number }>(
      `SELECT c.subject_id AS "subjectId", count(t.id)::int AS entries FROM comments c
       LEFT JOIN timeline_entries t ON t.workspace_id = c.workspace_id
         AND t.subject_type = 'comment' AND t.subject_id = c.id
       WHERE c.workspace_id = $1 AND c.subject_type = 'agreement_version' GROUP BY c.workspace_id, c.id`,
      [first],
    );
    expect(notes).toHaveLength(22);
    for (const note of notes) expect(note.entries).toBe(1);
    const listed = await request(t.app, {
      method: 'GET',
      url: `/api/v1/comments?subjectType=agreement_version&subjectId=${notes[0]?.subjectId}`,
      key,
    });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items).toHaveLength(1);
  });

  it('meets or waives each checklist as far as its agreement’s status needs, and leaves the rest open', async () => {
    const marks = await sql<{ agreementStatus: string; blocks: string | null; status: string }>(
      `SELECT a.status AS "agreementStatus", r.blocks, m.status FROM agreement_requirements m
       JOIN agreements a ON a.workspace_id = m.workspace_id AND a.id = m.agreement_id
       JOIN compliance_requirements r ON r.workspace_id = m.workspace_id AND r.id = m.requirement_id
       WHERE m.workspace_id = $1`,
      [first],
    );
    expect(new Set(marks.map((m) => m.status))).toEqual(new Set(['open', 'met', 'waived']));
    const signed = ['active', 'expiring', 'expired', 'terminated', 'renewed'];
    for (const m of marks) {
      const needed =
        m.blocks === 'pending_signature'
          ? m.agreementStatus !== 'draft' && m.agreementStatus !== 'in_negotiation'
          : signed.includes(m.agreementStatus);
      expect(m.status !== 'open', `${m.agreementStatus} ${m.blocks}`).toBe(needed);
    }
    // Every agreement has exactly the requirements that apply to its type.
    const missing = await sql(
      `SELECT a.id FROM agreements a JOIN compliance_requirements r
         ON r.workspace_id = a.workspace_id AND a.type = ANY(r.applies_to) AND r.archived_at IS NULL
       LEFT JOIN agreement_requirements m ON m.workspace_id = a.workspace_id
         AND m.agreement_id = a.id AND m.requirement_id = r.id
       WHERE a.workspace_id = $1 AND m.id IS NULL`,
      [first],
    );
    expect(missing).toEqual([]);
  });

  it('gives the agreements in force and ended their obligations, one-off and recurring, one overdue', async () => {
    const rows = await sql<{ rrule: string | null; status: string; overdue: boolean }>(
      `SELECT rrule, status, next_due_on < '2026-06-01' AS overdue FROM agreement_obligations
       WHERE workspace_id = $1`,
      [first],
    );
    expect(rows.filter((r) => r.rrule !== null).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.rrule === null).length).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['open', 'done']));
    expect(rows.filter((r) => r.overdue)).toHaveLength(1);
  });

  it('has every signer of the signed agreements sign the frozen version 2 before it took effect', async () => {
    const rows = await sql<{ status: string; signers: number; signed: number; late: number }>(
      `SELECT a.status, count(DISTINCT s.id)::int AS signers, count(g.id)::int AS signed,
         count(g.id) FILTER (WHERE g.signed_at::date > a.effective_on
           OR g.sha256 <> v.sha256)::int AS late
       FROM agreements a
       JOIN agreement_signers s ON s.workspace_id = a.workspace_id AND s.agreement_id = a.id
       LEFT JOIN agreement_versions v ON v.workspace_id = a.workspace_id
         AND v.agreement_id = a.id AND v.number = 2
       LEFT JOIN agreement_signatures g ON g.workspace_id = a.workspace_id AND g.signer_id = s.id
       WHERE a.workspace_id = $1 GROUP BY a.workspace_id, a.id`,
      [first],
    );
    for (const r of rows) {
      const signedStatus = ['active', 'expiring', 'expired', 'terminated', 'renewed'];
      expect(r.signed, r.status).toBe(signedStatus.includes(r.status) ? r.signers : 0);
      expect(r.late).toBe(0);
    }
  });
});
