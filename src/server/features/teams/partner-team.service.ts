import type { PartnerTeamEntryId } from '../../../domain/ids';
import { messages } from '../../../domain/messages';
import type {
  PartnerTeam,
  PartnerTeamEntry,
  PartnerTeamEntryCreate,
  PartnerTeamEntryUpdate,
  PartnerTeamRole,
} from '../../../domain/teams';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { memberNames, usableMemberRef } from '../members/members.service';
import { partnerRef } from '../partners/partners.service';
import {
  countPartnerTeam,
  deletePartnerTeamEntry,
  findPartnerTeam,
  findPartnerTeamEntry,
  insertPartnerTeamEntry,
  type PartnerTeamEntryRow,
  updatePartnerTeamEntry,
} from './partner-team.queries';
import { teamNames, usableTeamRef } from './teams.service';

/** A partnership team is a handful of people; the cap keeps its one-page list bounded. */
export const PARTNER_TEAM_MAX = 200;

async function present(
  db: Db | Tx,
  scope: Scope,
  rows: PartnerTeamEntryRow[],
): Promise<PartnerTeamEntry[]> {
  const [people, teams] = await Promise.all([
    memberNames(
      db,
      scope,
      rows.map((r) => r.memberId),
    ),
    teamNames(
      db,
      scope,
      rows.flatMap((r) => (r.teamId ? [r.teamId] : [])),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    partnerId: row.partnerId,
    member: { id: row.memberId, name: people.get(row.memberId) ?? '' },
    team: row.teamId ? { id: row.teamId, name: teams.get(row.teamId) ?? '' } : null,
    role: row.role as PartnerTeamRole,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function presentOne(db: Db | Tx, scope: Scope, row: PartnerTeamEntryRow) {
  const [entry] = await present(db, scope, [row]);
  if (!entry) throw new Error('a partner team entry presented as nothing');
  return entry;
}

/** The partner in the path: 404 when the caller may not see it. */
async function visiblePartner(db: Db | Tx, scope: Scope, partnerId: string) {
  const partner = await partnerRef(db, scope, partnerId);
  if (!partner) throw errors.notFound('partner');
  return partner;
}

async function visibleEntry(tx: Tx, scope: Scope, partnerId: string, id: string) {
  await visiblePartner(tx, scope, partnerId);
  const row = await findPartnerTeamEntry(tx, scope, partnerId, id, { forUpdate: true });
  if (!row) throw errors.notFound('partner team entry');
  return row;
}

export async function getPartnerTeam(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
): Promise<PartnerTeam> {
  const db = dbOf(ctx);
  await visiblePartner(db, scope, partnerId);
  return { items: await present(db, scope, await findPartnerTeam(db, scope, partnerId)) };
}

export function addPartnerTeamEntry(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  input: PartnerTeamEntryCreate,
): Promise<PartnerTeamEntry> {
  return withTransaction(ctx, async (tx, ctx) => {
    const partner = await visiblePartner(tx, scope, partnerId);
    if (partner.archived) throw errors.partnerArchived('partnerId');
    await usableMemberRef(tx, scope, input.memberId);
    if (input.teamId) await usableTeamRef(tx, scope, input.teamId);
    if ((await countPartnerTeam(tx, scope, partnerId)) >= PARTNER_TEAM_MAX)
      throw errors.conflict(
        'partner_team_full',
        `A partnership team holds at most ${PARTNER_TEAM_MAX} members`,
      );
    const now = new Date();
    const row = await insertPartnerTeamEntry(tx, {
      id: newId<PartnerTeamEntryId>(),
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      memberId: input.memberId,
      teamId: input.teamId ?? null,
      role: input.role,
      createdAt: now,
      updatedAt: now,
    });
    if (!row)
      throw errors.conflict('already_on_partner_team', 'The member is already on this team', {}, [
        {
          field: 'memberId',
          code: 'already_on_partner_team',
          message: messages.alreadyOnPartnerTeam,
        },
      ]);
    const entry = await presentOne(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'partner_team.added',
      entityType: 'partner_team_entry',
      entityId: row.id,
      partnerId: partner.id,
      after: entry,
    });
    return entry;
  });
}

export function updatePartnerTeamEntryOf(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  id: string,
  ifMatch: string | undefined,
  input: PartnerTeamEntryUpdate,
): Promise<PartnerTeamEntry> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleEntry(tx, scope, partnerId, id);
    checkIfMatch(ifMatch, current.version, { required: true });
    const set = patchOf<PartnerTeamEntryRow>(input);
    const before = await presentOne(tx, scope, current);
    if (changedIn(set, current).length === 0) return before;
    if (set.teamId) await usableTeamRef(tx, scope, set.teamId);
    const row = await updatePartnerTeamEntry(tx, scope, id, {
      ...set,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const after = await presentOne(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: 'partner_team.changed',
      entityType: 'partner_team_entry',
      entityId: id,
      partnerId,
      before,
      after,
    });
    return after;
  });
}

export async function removePartnerTeamEntry(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleEntry(tx, scope, partnerId, id);
    checkIfMatch(ifMatch, current.version, { required: false });
    const before = await presentOne(tx, scope, current);
    await deletePartnerTeamEntry(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'partner_team.removed',
      entityType: 'partner_team_entry',
      entityId: id,
      partnerId,
      before,
    });
  });
}
