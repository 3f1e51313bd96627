import { type ContactCadence, effectiveCadenceDays } from '../../../domain/cadence';
import type { Partner, PartnerRecord } from '../../../domain/partners';
import type { ShownPartnerRow } from './partners.queries';

/** A partner row as the API shows it (and as audit events record it). */
export function toPartner(row: ShownPartnerRow): Partner {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    website: row.website,
    type: row.type as Partner['type'],
    tier: row.tier,
    stage: row.stage as Partner['stage'],
    ownerId: row.ownerId,
    industry: row.industry,
    country: row.country,
    size: row.size as Partner['size'],
    tags: row.tags,
    description: row.description,
    contactCadenceDays: row.contactCadenceDays,
    lastTouchAt: row.lastTouchAt ? row.lastTouchAt.toISOString() : null,
    // Never touched is due now, shown as no date (the stored due time is then the creation).
    nextTouchDue: row.lastTouchAt ? row.touchDueAt.toISOString() : null,
    healthScore: row.healthScore,
    version: row.version,
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A partner as its own page shows it, with the cadence the workspace setting gives it. */
export function toPartnerRecord(row: ShownPartnerRow, cadence: ContactCadence): PartnerRecord {
  return { ...toPartner(row), cadenceDays: effectiveCadenceDays(row, cadence) };
}

/** Postgres's unique_violation (23505), as PGlite and node-postgres both report it, however wrapped. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
