import type { Plan, PlanAgreement, PlanSnapshot, PlanVersion } from '../../../domain/plans';
import type { PlanObjectiveRow, PlanRow, PlanVersionRow } from './plans.queries';

/** A plan's summary, objectives and KPIs as a version snapshot holds them. */
export function snapshotOf(
  row: PlanRow,
  objectives: PlanObjectiveRow[],
  kpis: PlanSnapshot['kpis'],
): PlanSnapshot {
  return { ...contentOf(row, objectives), kpis };
}

/** A plan's summary and objectives, as the plan itself shows them. */
function contentOf(row: PlanRow, objectives: PlanObjectiveRow[]) {
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
  return { ...toAgreement(row), snapshot: fullSnapshot(row.snapshot) };
}

/** A stored snapshot with every field: those agreed before plans had KPIs have none. */
export function fullSnapshot(snapshot: PlanSnapshot): PlanSnapshot {
  return { ...snapshot, kpis: snapshot.kpis ?? [] };
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
    ...contentOf(row, objectives),
    versionNumber: row.versionNumber,
    agreedVersionNumber: row.agreedVersionNumber,
    agreement: agreed ? toAgreement(agreed) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
