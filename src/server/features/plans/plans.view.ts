import type { Plan, PlanAgreement, PlanSnapshot, PlanVersion } from '../../../domain/plans';
import type { PlanObjectiveRow, PlanRow, PlanVersionRow } from './plans.queries';

/** A plan's summary and objectives as a version snapshot holds them. */
export function snapshotOf(row: PlanRow, objectives: PlanObjectiveRow[]): PlanSnapshot {
  return {
    summary: row.summary,
    objectives: objectives.map((objective) => ({
      text: objective.text,
      ownerSide: objective.ownerSide as PlanSnapshot['objectives'][number]['ownerSide'],
      ownerMemberId: objective.ownerMemberId,
      ownerContactId: objective.ownerContactId,
    })),
  };
}

export function toAgreement(row: PlanVersionRow): PlanAgreement {
  return {
    versionNumber: row.number,
    agreedBy: row.agreedBy,
    agreedOn: row.agreedOn,
    agreedAt: row.agreedAt.toISOString(),
    recordedById: row.recordedBy,
  };
}

export function toPlanVersion(row: PlanVersionRow): PlanVersion {
  return { ...toAgreement(row), snapshot: row.snapshot };
}

/** A plan row as the API shows it (and as audit events record it). */
export function toPlan(
  row: PlanRow,
  objectives: PlanObjectiveRow[],
  partnerName: string,
  agreed: PlanVersionRow | null,
): Plan {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    period: row.period,
    status: row.status as Plan['status'],
    ...snapshotOf(row, objectives),
    versionNumber: row.versionNumber,
    agreedVersionNumber: row.agreedVersionNumber,
    agreement: agreed ? toAgreement(agreed) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
