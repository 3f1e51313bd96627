import {
  type AgreementVersion,
  type AgreementVersionCreate,
  type AgreementVersionList,
  type AgreementVersionSummary,
  type AgreementVersionUpdate,
  type Redline,
  versionsEditable,
} from '../../../domain/agreement-versions';
import type { AgreementStatus } from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import { redline, redlineCounts } from '../../../domain/redline';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { actorNameSql, recordAudit } from '../audit/audit.service';
import { updateAgreementRow } from './agreements.queries';
import {
  assertOpen,
  assertTermsEditable,
  recordAgreementTimeline,
  type VisibleAgreement,
  visibleAgreement,
} from './agreements.service';
import {
  findLatestVersion,
  findVersion,
  findVersionById,
  findVersionSummaries,
  insertVersionRow,
  updateVersionRow,
  type VersionRow,
  type VersionSummaryRow,
} from './agreements.versions.queries';

function toSummary(row: VersionSummaryRow): AgreementVersionSummary {
  return {
    id: row.id,
    agreementId: row.agreementId,
    number: row.number,
    createdById: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    frozenAt: row.frozenAt?.toISOString() ?? null,
    sha256: row.sha256,
    length: row.length,
  };
}

export function toVersion(row: VersionRow): AgreementVersion {
  return { ...toSummary({ ...row, length: row.body.length }), body: row.body };
}

/** An answer with the agreement's new version, which is the ETag of everything under it. */
export type VersionChange = { version: AgreementVersion; agreementVersion: number };

const versionFrozen = (field = 'body') =>
  errors.conflict('version_frozen', 'This version was sent for signature: its text is fixed', {}, [
    { field, code: 'version_frozen', message: messages.versionFrozen },
  ]);

const versionNotLatest = (number: number, latest: number, field: string) =>
  errors.conflict(
    'version_not_latest',
    `Version ${number} is not the latest (${latest})`,
    { latest },
    [{ field, code: 'version_not_latest', message: messages.versionNotLatest }],
  );

/** Versions change while the terms are open; an ended or settled agreement's do not (409). */
function assertVersionsEditable(status: AgreementStatus) {
  assertOpen(status);
  if (!versionsEditable(status)) assertTermsEditable(status, 'body');
}

/** The version of a visible agreement, or 404. */
async function visibleVersion(db: Db | Tx, scope: Scope, agreementId: string, number: number) {
  const row = await findVersion(db, scope, agreementId, number);
  if (!row) throw errors.notFound('version');
  return row;
}

/** The agreement moves on (a new ETag) whenever one of its versions changes. */
async function bumpAgreement(tx: Tx, scope: Scope, current: VisibleAgreement) {
  const row = await updateAgreementRow(tx, scope, current.row.id, {
    version: current.row.version + 1,
    updatedAt: new Date(),
  });
  return row.version;
}

export async function listVersions(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<AgreementVersionList> {
  const db = dbOf(ctx);
  await visibleAgreement(db, scope, id);
  return { items: (await findVersionSummaries(db, scope, id)).map(toSummary) };
}

export async function getVersion(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  number: number,
): Promise<AgreementVersion> {
  const db = dbOf(ctx);
  await visibleAgreement(db, scope, id);
  return toVersion(await visibleVersion(db, scope, id, number));
}

/** Writes a version's row, its audit event and (for a new one) the timeline entry. */
export async function insertVersion(
  tx: Tx,
  ctx: ServiceContext,
  scope: Scope,
  current: VisibleAgreement,
  number: number,
  body: string,
): Promise<AgreementVersion> {
  const now = new Date();
  const row = await insertVersionRow(tx, {
    id: newId(),
    workspaceId: scope.workspaceId,
    agreementId: current.row.id,
    partnerId: current.row.partnerId,
    number,
    body,
    createdBy: callerMemberId(scope),
    // The caller's name as it is now, read by the insert itself (a key's or user's name).
    createdByName: actorNameSql(scope) as string | null,
    createdAt: now,
    updatedAt: now,
  });
  const version = toVersion(row);
  await recordAudit(tx, ctx, scope, {
    action: 'agreement.version_created',
    entityType: 'agreement_version',
    entityId: row.id,
    partnerId: row.partnerId,
    after: version,
  });
  await recordAgreementTimeline(tx, scope, current.agreement, {
    event: 'version_created',
    number: String(number),
  });
  return version;
}

/**
 * A new version, numbered after the latest, while the agreement is a draft or in negotiation:
 * the body given, else a copy of the latest (empty for the first).
 */
export async function createVersion(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementVersionCreate,
): Promise<VersionChange> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    assertVersionsEditable(current.row.status as AgreementStatus);
    const latest = await findLatestVersion(tx, scope, id);
    const body = input.body ?? latest?.body ?? '';
    const version = await insertVersion(tx, ctx, scope, current, (latest?.number ?? 0) + 1, body);
    return { version, agreementVersion: await bumpAgreement(tx, scope, current) };
  });
}

/**
 * Changes the latest version's text while it is not frozen (409 `version_frozen`) and the
 * agreement is open; an older one is 409 `version_not_latest`. The same text changes nothing.
 */
export async function updateVersion(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  number: number,
  ifMatch: string | undefined,
  input: AgreementVersionUpdate,
): Promise<VersionChange> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleAgreement(tx, scope, id, true);
    const row = await visibleVersion(tx, scope, id, number);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    if (row.frozenAt) throw versionFrozen();
    const latest = await findLatestVersion(tx, scope, id);
    if (latest && latest.number !== number) throw versionNotLatest(number, latest.number, 'number');
    assertVersionsEditable(current.row.status as AgreementStatus);
    if (row.body === input.body)
      return { version: toVersion(row), agreementVersion: current.row.version };
    const updated = await updateVersionRow(tx, scope, id, number, {
      body: input.body,
      updatedAt: new Date(),
    });
    if (!updated) throw versionFrozen();
    const version = toVersion(updated);
    await recordAudit(tx, ctx, scope, {
      action: 'agreement.version_updated',
      entityType: 'agreement_version',
      entityId: row.id,
      partnerId: row.partnerId,
      before: toVersion(row),
      after: version,
    });
    return { version, agreementVersion: await bumpAgreement(tx, scope, current) };
  });
}

/** A version of a visible agreement, by number (404 for either), for records attached to it. */
export async function visibleVersionRow(db: Db | Tx, scope: Scope, id: string, number: number) {
  const current = await visibleAgreement(db, scope, id);
  return { current, version: await visibleVersion(db, scope, id, number) };
}

/**
 * The version whose files may change, under the agreement's lock, by number or by its id: the
 * latest, not frozen (409 `version_frozen`), while the agreement's terms are open; 409s name
 * `file`, what the caller was adding or removing.
 */
export async function lockChangeableVersion(
  tx: Tx,
  scope: Scope,
  id: string,
  version: { number: number } | { id: string },
) {
  const current = await visibleAgreement(tx, scope, id, true);
  const row =
    'number' in version
      ? await visibleVersion(tx, scope, id, version.number)
      : await findVersionById(tx, scope, id, version.id);
  if (!row) throw errors.notFound('version');
  if (row.frozenAt) throw versionFrozen('file');
  const latest = await findLatestVersion(tx, scope, id);
  if (latest && latest.number !== row.number)
    throw versionNotLatest(row.number, latest.number, 'file');
  assertVersionsEditable(current.row.status as AgreementStatus);
  return { current, version: row };
}

/** The two versions a redline compares, each named by its query field when it is not there. */
export async function redlineVersions(
  db: Db | Tx,
  scope: Scope,
  id: string,
  from: number,
  to: number,
) {
  const agreement = (await visibleAgreement(db, scope, id)).agreement;
  const older = await findVersion(db, scope, id, from);
  if (!older) throw errors.invalidReference('from', 'version of this agreement');
  const newer = await findVersion(db, scope, id, to);
  if (!newer) throw errors.invalidReference('to', 'version of this agreement');
  return { agreement, older, newer };
}

/** The word-level redline from version `from` to version `to`. */
export async function getRedline(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  from: number,
  to: number,
): Promise<Redline> {
  const { older, newer } = await redlineVersions(dbOf(ctx), scope, id, from, to);
  const parts = redline(older.body, newer.body);
  return { agreementId: id, from, to, parts, ...redlineCounts(parts) };
}
