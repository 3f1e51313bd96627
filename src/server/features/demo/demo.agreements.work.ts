import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import { agreementTypeLabels } from '../../../domain/clauses';
import { templateValuesOf } from '../../../domain/contract-text';
import type { MemberId, PartnerId } from '../../../domain/ids';
import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import { newId } from '../../ids';
import { sha256Of } from '../agreements/agreements.freeze';
import { importVersions } from '../agreements/agreements.import';
import { type ImportedComment, importComments } from '../comments/comments.import';
import type { requirementsForImport } from '../compliance/compliance.import';
import { importChecklists } from '../compliance/compliance.import';
import { importObligations } from '../obligations/obligations.import';
import { importSignatures } from '../signing/signing.import';
import type { DemoAgreements } from './demo.agreements';
import {
  checklistMark,
  evidenceOf,
  obligationSpecs,
  redlined,
  signatureTrail,
  stageOf,
  templateText,
  waivedReason,
} from './demo.agreements.story';

type Partner = { id: string; name: string; country: string | null; industry: string | null };
type Member = { memberId: string; userId: string; name: string; role: string };

const DAY = 86_400_000;

/** A moment some days before a `YYYY-MM-DD` date (noon UTC), never after `now`. */
function daysBefore(now: Date, date: string | null | undefined, days: number): Date {
  const base = date ? Math.min(Date.parse(`${date}T12:00:00Z`), now.getTime()) : now.getTime();
  return new Date(Math.min(base - days * DAY, now.getTime() - 60_000));
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The small demo's agreements at work (decision 060): versions for each past the draft (a
 * template-made version 1, a redlined version 2, frozen with its hash from pending_signature
 * on), every signer's signature of it once signed, comments on them, each agreement's checklist met or waived as far as its status needs,
 * and obligations of those in force or ended, one of them overdue. No random draw: the same
 * agreements always get the same work.
 */
export function demoAgreementWork(
  scope: Scope,
  input: {
    agreements: DemoAgreements;
    partners: Partner[];
    domains: Map<string, string>;
    members: Member[];
    requirements: Awaited<ReturnType<typeof requirementsForImport>>;
    workspaceName: string;
    now: Date;
  },
) {
  const { now } = input;
  const today = day(now);
  const workspaceId = scope.workspaceId;
  const partnerById = new Map(input.partners.map((p) => [p.id, p]));
  const editors = input.members.filter((m) => m.role !== 'viewer');
  const memberById = new Map(input.members.map((m) => [m.memberId, m]));
  const versions = [];
  const comments: ImportedComment[] = [];
  const checklist = [];
  const obligations = [];
  const signatures = [];
  for (const [index, a] of input.agreements.rows.entries()) {
    const partner = partnerById.get(a.partnerId);
    const owner = (a.ownerId ? memberById.get(a.ownerId) : undefined) ?? editors[0];
    if (!partner || !owner) continue;
    const stage = stageOf[a.status as AgreementStatus];
    const type = a.type as AgreementType;
    // Signed agreements were agreed before they took effect; the others are being agreed now.
    const anchor = stage >= 3 ? a.effectiveOn : today;
    const frozenAt = stage >= 2 ? daysBefore(now, anchor, stage >= 3 ? 14 : 5) : null;

    if (stage >= 1) {
      const first = templateText(
        templateValuesOf({
          workspace: { name: input.workspaceName },
          partner: { ...partner, domains: [input.domains.get(partner.id) ?? ''] },
          agreement: {
            title: a.title,
            typeLabel: agreementTypeLabels[type],
            effectiveDate: a.effectiveOn ?? null,
            endDate: a.endOn ?? null,
            noticePeriodDays: a.noticeDays ?? null,
            renewalTermMonths: a.renewalTermMonths ?? null,
            value: a.value && a.currency ? { amount: a.value, currency: a.currency } : null,
            governingLaw: a.governingLaw ?? null,
          },
        }),
        { title: a.title, type, renews: Boolean(a.autoRenew && a.renewalTermMonths) },
      );
      const made = [daysBefore(now, anchor, 40), daysBefore(now, anchor, 22)];
      const ids = [newId(), newId()];
      for (const [n, body] of [first, redlined(first)].entries()) {
        const at = made[n] ?? now;
        versions.push({
          id: ids[n] ?? newId(),
          workspaceId,
          agreementId: a.id,
          partnerId: a.partnerId,
          number: n + 1,
          body,
          createdBy: owner.memberId,
          createdByName: owner.name,
          createdAt: at,
          updatedAt: at,
          frozenAt: n === 1 ? frozenAt : null,
        });
      }
      // Signed: each signer signed the frozen version 2 after it was sent, before it took effect.
      const signed = versions.at(-1);
      if (stage >= 3 && frozenAt && signed)
        for (const [n, signer] of input.agreements.signers
          .filter((x) => x.agreementId === a.id)
          .entries())
          signatures.push({
            id: newId(),
            workspaceId,
            agreementId: a.id,
            partnerId: a.partnerId,
            signerId: signer.id,
            versionNumber: 2,
            sha256: sha256Of(signed.body),
            typedName: signer.name,
            authorityConfirmed: true,
            channel: signatureTrail[signer.side === 'us' ? 'us' : 'partner'].channel,
            ipAddress: signatureTrail[signer.side === 'us' ? 'us' : 'partner'].ipAddress,
            userAgent: signatureTrail.userAgent,
            signedAt: new Date(frozenAt.getTime() + (n + 1) * 26 * 3_600_000),
          });
      const other = editors.find((m) => m !== owner) ?? owner;
      const notes = [
        {
          version: 0,
          by: owner,
          mention: other,
          body: `${partner.name} asked for a shorter confidentiality term; the three-year fallback is fine by me. @${other.name}, can you confirm?`,
        },
        {
          version: 1,
          by: other,
          mention: owner,
          body:
            stage >= 2
              ? `@${owner.name}, legal has reviewed version 2: the 45-day payment terms and the notices clause are acceptable.`
              : `@${owner.name}, we are waiting on ${partner.name}’s answer on the payment terms.`,
        },
      ];
      for (const note of notes) {
        const createdAt = new Date((made[note.version] ?? now).getTime() + (index + 2) * 3_600_000);
        comments.push({
          row: {
            id: newId(),
            workspaceId,
            subjectType: 'agreement_version',
            subjectId: ids[note.version] ?? '',
            body: note.body,
            authorId: note.by.memberId as MemberId,
            version: 1,
            createdAt,
            updatedAt: createdAt,
          },
          mentionIds: note.mention === note.by ? [] : [note.mention.memberId],
          target: {
            partnerId: a.partnerId as PartnerId,
            label: `${a.title}, version ${note.version + 1}`,
          },
          by: note.by,
        });
      }
    }

    for (const requirement of input.requirements) {
      if (!requirement.appliesTo.includes(type)) continue;
      const base = {
        id: newId(),
        workspaceId,
        agreementId: a.id,
        partnerId: a.partnerId,
        requirementId: requirement.id,
      };
      const at = frozenAt ?? daysBefore(now, anchor, 20);
      const timestamps = { createdAt: daysBefore(now, anchor, 45), updatedAt: at };
      const mark = checklistMark(requirement, a.status as AgreementStatus);
      if (mark === 'open') checklist.push({ ...base, ...timestamps });
      else if (mark === 'waived')
        checklist.push({
          ...base,
          ...timestamps,
          status: 'waived',
          waivedReason,
          waivedByMemberId: owner.memberId,
          waivedByName: owner.name,
          waivedAt: at,
          version: 2,
        });
      else
        checklist.push({
          ...base,
          ...timestamps,
          status: 'met',
          evidence: evidenceOf(requirement, partner.name, owner.name, day(at)),
          metAt: at,
          version: 2,
        });
    }

    for (const spec of obligationSpecs) {
      if (spec.status !== a.status || spec.type !== type) continue;
      const recurring = spec.rrule !== undefined;
      const created = daysBefore(now, a.effectiveOn, 0);
      obligations.push({
        id: newId(),
        workspaceId,
        agreementId: a.id,
        description: spec.description,
        party: spec.party,
        ownerId: owner.memberId,
        dueOn: recurring ? null : day(new Date(now.getTime() + (spec.dueDays ?? 0) * DAY)),
        rrule: spec.rrule ?? null,
        startsOn: recurring ? (a.effectiveOn ?? today) : null,
        status: spec.done ? 'done' : 'open',
        evidenceNote: spec.done ?? null,
        // Recurring ones are kept up to date: every occurrence until today is done.
        doneThrough: recurring ? today : null,
        version: spec.done ? 2 : 1,
        createdAt: created,
        updatedAt: created,
      });
    }
  }
  return {
    versions,
    comments,
    checklist,
    obligations,
    signatures,
    // A comment writes its row, its mentions and its timeline entry.
    count:
      versions.length +
      comments.reduce((n, c) => n + 2 + c.mentionIds.length, 0) +
      checklist.length +
      obligations.length +
      signatures.length,
  };
}

export type DemoAgreementWork = ReturnType<typeof demoAgreementWork>;

/** Writes the agreements' work through the features that own each kind of row. */
export async function loadDemoAgreementWork(
  ctx: TxContext,
  scope: Scope,
  work: DemoAgreementWork,
  onBatch: (written: number) => void,
) {
  await importVersions(ctx.tx, work.versions, onBatch);
  await importComments(ctx.tx, scope, work.comments, onBatch);
  await importChecklists(ctx, work.checklist, onBatch);
  await importObligations(ctx.tx, work.obligations, onBatch);
  await importSignatures(ctx.tx, work.signatures, onBatch);
}
