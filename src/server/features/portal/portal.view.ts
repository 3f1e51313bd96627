import type { Agreement } from '../../../domain/agreements';
import type { Attachment } from '../../../domain/attachments';
import type { Interaction } from '../../../domain/interactions';
import type { Issue } from '../../../domain/issues';
import {
  type PortalAgreement,
  type PortalAgreementFile,
  sharedAgreementStatus,
} from '../../../domain/portal/agreements';
import type { PortalInteraction } from '../../../domain/portal/interactions';
import type { PortalIssue } from '../../../domain/portal/issues';

/*
 * The portal's views copy each field a partner may see by name, so a field added to an internal
 * record later stays internal until someone adds it here and to `src/domain/portal/`.
 */

export function toPortalInteraction(interaction: Interaction): PortalInteraction {
  return {
    id: interaction.id,
    kind: interaction.kind,
    occurredAt: interaction.occurredAt,
    timeZone: interaction.timeZone,
    durationMinutes: interaction.durationMinutes,
    summary: interaction.summary,
    outcome: interaction.outcome,
    nextSteps: interaction.nextSteps,
    participants: [
      ...interaction.members.map((m) => ({ name: m.name, side: 'workspace' as const })),
      ...interaction.contacts.map((c) => ({ name: c.name, side: 'partner' as const })),
    ],
  };
}

export function toPortalIssue(issue: Issue): PortalIssue {
  const resolved = issue.status === 'resolved' || issue.status === 'closed';
  return {
    id: issue.id,
    title: issue.title,
    description: issue.description,
    kind: issue.kind,
    severity: issue.severity,
    status: issue.status,
    resolutionNotes: resolved ? issue.resolutionNotes : null,
    resolvedAt: resolved ? issue.resolvedAt : null,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
  };
}

export function toPortalAgreement(
  agreement: Agreement,
  awaitingYourSignature: boolean,
): PortalAgreement {
  return {
    id: agreement.id,
    title: agreement.title,
    type: agreement.type,
    status: sharedAgreementStatus.parse(agreement.status),
    effectiveOn: agreement.effectiveOn,
    endOn: agreement.endOn,
    governingLaw: agreement.governingLaw,
    awaitingYourSignature,
  };
}

export function toPortalFile(file: Attachment): PortalAgreementFile {
  return {
    id: file.id,
    fileName: file.fileName,
    kind: file.kind,
    mediaType: file.mediaType,
    size: file.size,
    sha256: file.sha256,
  };
}
